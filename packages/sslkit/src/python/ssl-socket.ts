import { SSLSocket as BaseSSLSocket } from "@sslkit/socket";
import type { Address, SSLSession as BaseSSLSession } from "@sslkit/socket";
import { asPython, installAliases } from "./internal/aliases.js";
import { socket } from "./socket.js";
import { SSLSession } from "./ssl-session.js";

// sslkit's SSLSocket has a private constructor (only wrapSocket makes them); this class is
// never constructed either: asPython() gives sslkit's instances its prototype.
const SSLSocketBase: abstract new () => BaseSSLSocket = BaseSSLSocket as unknown as abstract new () => BaseSSLSocket;

/**
 * Python's `ssl.SSLSocket`: sslkit's {@link BaseSSLSocket | SSLSocket} with Python's method and
 * property names added as aliases (`getpeercert`, `do_handshake`, `shared_ciphers`,
 * `selected_alpn_protocol`, `get_channel_binding`, `recv_into`, `settimeout`, `server_side`, …).
 * Made by `wrap_socket` and `SSLContext.wrap_socket`, never with `new`.
 *
 * @throws What the sslkit methods throw (`SSLError` and its subclasses, `TimeoutError`).
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSocket | ssl.SSLSocket}
 * @example
 * ```ts
 * const ssl_sock = await wrap_socket(new socket(), { ca_certs: "ca.pem", cert_reqs: CERT_REQUIRED });
 * await ssl_sock.connect(["127.0.0.1", 8443]);
 * console.log(ssl_sock.getpeercert());
 * ```
 * @hideconstructor
 */
export class SSLSocket extends SSLSocketBase {
  /** Python's `getpeercert(binary_form=False)`: alias of {@link BaseSSLSocket.getPeerCert}. */
  declare getpeercert: BaseSSLSocket["getPeerCert"];
  /** Python's `do_handshake()`: alias of {@link BaseSSLSocket.doHandshake}. */
  declare do_handshake: BaseSSLSocket["doHandshake"];
  /** Python's `shared_ciphers()`: alias of {@link BaseSSLSocket.sharedCiphers}. */
  declare shared_ciphers: BaseSSLSocket["sharedCiphers"];
  /** Python's `selected_alpn_protocol()`: alias of {@link BaseSSLSocket.selectedALPNProtocol}. */
  declare selected_alpn_protocol: BaseSSLSocket["selectedALPNProtocol"];
  /** Python's `get_channel_binding(cb_type="tls-unique")`: alias of {@link BaseSSLSocket.getChannelBinding}. */
  declare get_channel_binding: BaseSSLSocket["getChannelBinding"];
  /** Python's `recv_into(buffer, nbytes=0)`: alias of {@link BaseSSLSocket.recvInto}. */
  declare recv_into: BaseSSLSocket["recvInto"];
  /** Python's `settimeout`: alias of {@link BaseSSLSocket.setTimeout}. */
  declare settimeout: BaseSSLSocket["setTimeout"];
  /** Python's `gettimeout`: alias of {@link BaseSSLSocket.getTimeout}. */
  declare gettimeout: BaseSSLSocket["getTimeout"];
  /** Python's `setblocking`: alias of {@link BaseSSLSocket.setBlocking}. */
  declare setblocking: BaseSSLSocket["setBlocking"];
  /** Python's `getblocking`: alias of {@link BaseSSLSocket.getBlocking}. */
  declare getblocking: BaseSSLSocket["getBlocking"];
  /** Python's `server_side`: alias of {@link BaseSSLSocket.serverSide}. */
  declare readonly server_side: boolean;
  /** Python's `server_hostname`: alias of {@link BaseSSLSocket.serverHostname}. */
  declare readonly server_hostname: string | null;
  /** Python's `session_reused`: alias of {@link BaseSSLSocket.sessionReused}. */
  declare readonly session_reused: boolean;

  static {
    installAliases("SSLSocket", this);
  }

  /**
   * Python's `session`: {@link BaseSSLSocket.session}, read as this module's {@link SSLSession}.
   *
   * @throws When set, what {@link BaseSSLSocket.session} throws (`ERR_SSLKIT_SOCKET_SESSION_*`).
   * @see Python `SSLSocket.session`
   * @example
   * ```ts
   * ssl_sock.session = previous.session;
   * ```
   */
  override get session(): SSLSession | null {
    const session = super.session;
    return session === null ? null : asPython(session, SSLSession);
  }

  override set session(value: BaseSSLSession | null) {
    super.session = value;
  }

  /**
   * Accepts a connection on a listening server socket: {@link BaseSSLSocket.accept}, with the
   * connection as this class.
   *
   * @throws What {@link BaseSSLSocket.accept} throws (`ERR_SSLKIT_SOCKET_NOT_LISTENING`, handshake errors).
   * @see Python `SSLSocket.accept`
   * @example
   * ```ts
   * const [connstream, fromaddr] = await server.accept();
   * ```
   */
  override async accept(): Promise<[SSLSocket, Address]> {
    const [conn, address] = await super.accept();
    return [asPython(conn, SSLSocket), address];
  }

  /**
   * Shuts TLS down and returns the plain socket: {@link BaseSSLSocket.unwrap}, as this module's `socket`.
   *
   * @throws What {@link BaseSSLSocket.unwrap} throws.
   * @see Python `SSLSocket.unwrap`
   * @example
   * ```ts
   * const plain = await ssl_sock.unwrap();
   * ```
   */
  override async unwrap(): Promise<socket> {
    return asPython(await super.unwrap(), socket);
  }
}
