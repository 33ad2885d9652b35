import type { Protocol, VerifyMode } from "@sslkit/context";
import { wrapSocket } from "@sslkit/socket";
import type { Socket } from "@sslkit/socket";
import { asPython } from "./internal/aliases.js";
import { checkKeywords, definedOnly } from "./internal/keywords.js";
import { SSLContext } from "./ssl-context.js";
import { SSLSocket } from "./ssl-socket.js";

/** Python's `ssl.wrap_socket` keyword arguments. */
export interface WrapSocketKeywords {
  /** Private key file when it is not in `certfile`. */
  readonly keyfile?: string | null;
  /** Certificate chain file this side presents; required on the server side. */
  readonly certfile?: string | null;
  /** Server side of the connection. @defaultValue `false` */
  readonly server_side?: boolean;
  /** `CERT_NONE`, `CERT_OPTIONAL` or `CERT_REQUIRED`. @defaultValue `CERT_NONE` */
  readonly cert_reqs?: VerifyMode;
  /** The protocol of the context made. @defaultValue `PROTOCOL_TLS` */
  readonly ssl_version?: Protocol;
  /** PEM file of trusted CA certificates. */
  readonly ca_certs?: string | null;
  /** Handshake on connect/accept/wrap. @defaultValue `true` */
  readonly do_handshake_on_connect?: boolean;
  /** A TCP close without close_notify reads as EOF. @defaultValue `true` */
  readonly suppress_ragged_eofs?: boolean;
  /** OpenSSL cipher string. */
  readonly ciphers?: string | null;
  /** The server's name: SNI and the host name checked when the context checks host names. */
  readonly server_hostname?: string | null;
}

const KEYWORDS = [
  "keyfile",
  "certfile",
  "server_side",
  "cert_reqs",
  "ssl_version",
  "ca_certs",
  "do_handshake_on_connect",
  "suppress_ragged_eofs",
  "ciphers",
  "server_hostname",
] as const;

/**
 * Wraps a socket in TLS with a context made from the keywords: sslkit's `wrapSocket` with
 * Python's keyword names, resolving this module's {@link SSLSocket} (whose `context` is this
 * module's {@link SSLContext}).
 *
 * @param sock - A `socket` (unconnected, connected or listening).
 * @param keywords - {@link WrapSocketKeywords}.
 * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword; what `wrapSocket` throws.
 * @see Python `ssl.wrap_socket` (removed in Python 3.12)
 * @example
 * ```ts
 * const ssl_sock = await wrap_socket(new socket(), { ca_certs: "ca.pem", cert_reqs: CERT_REQUIRED });
 * ```
 */
export async function wrap_socket(sock: Socket, keywords?: WrapSocketKeywords): Promise<SSLSocket> {
  const k = checkKeywords("wrap_socket", keywords, KEYWORDS);
  const wrapped = await wrapSocket(
    sock,
    definedOnly({
      keyfile: k.keyfile,
      certfile: k.certfile,
      serverSide: k.server_side,
      certReqs: k.cert_reqs,
      sslVersion: k.ssl_version,
      caCerts: k.ca_certs,
      doHandshakeOnConnect: k.do_handshake_on_connect,
      suppressRaggedEofs: k.suppress_ragged_eofs,
      ciphers: k.ciphers,
      serverHostname: k.server_hostname,
    }),
  );
  // The context wrapSocket made for this socket alone gets Python's names too (`ssl_sock.context.verify_mode`).
  asPython(wrapped.context, SSLContext);
  return asPython(wrapped, SSLSocket);
}
