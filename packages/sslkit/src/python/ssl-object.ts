import { SSLObject as BaseSSLObject } from "@sslkit/socket";
import type { SSLSession as BaseSSLSession } from "@sslkit/socket";
import { asPython, installAliases } from "./internal/aliases.js";
import { SSLSession } from "./ssl-session.js";

// sslkit's SSLObject has a private constructor (only wrapBIO makes them); this class is never
// constructed either: asPython() gives sslkit's instances its prototype.
const SSLObjectBase: abstract new () => BaseSSLObject = BaseSSLObject as unknown as abstract new () => BaseSSLObject;

/**
 * Python's `ssl.SSLObject`: sslkit's {@link BaseSSLObject | SSLObject} with Python's method and
 * property names added as aliases (`do_handshake`, `getpeercert`, `shared_ciphers`,
 * `selected_alpn_protocol`, `get_channel_binding`, `server_side`, `server_hostname`,
 * `session_reused`), and `session` as this module's {@link SSLSession}. Made by
 * `SSLContext.wrap_bio`; every method is synchronous, as in Python.
 *
 * @throws What the sslkit methods throw (`SSLWantReadError` when input is needed, `SSLError` and its subclasses).
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLObject | ssl.SSLObject}
 * @example
 * ```ts
 * const sslobj = context.wrap_bio(incoming, outgoing, { server_hostname: "localhost" });
 * try { sslobj.do_handshake(); } catch (e) { if (!(e instanceof SSLWantReadError)) throw e; }
 * ```
 * @hideconstructor
 */
export class SSLObject extends SSLObjectBase {
  /** Python's `do_handshake()`: alias of {@link BaseSSLObject.doHandshake}. */
  declare do_handshake: BaseSSLObject["doHandshake"];
  /** Python's `getpeercert(binary_form=False)`: alias of {@link BaseSSLObject.getPeerCert}. */
  declare getpeercert: BaseSSLObject["getPeerCert"];
  /** Python's `shared_ciphers()`: alias of {@link BaseSSLObject.sharedCiphers}. */
  declare shared_ciphers: BaseSSLObject["sharedCiphers"];
  /** Python's `selected_alpn_protocol()`: alias of {@link BaseSSLObject.selectedALPNProtocol}. */
  declare selected_alpn_protocol: BaseSSLObject["selectedALPNProtocol"];
  /** Python's `get_channel_binding(cb_type="tls-unique")`: alias of {@link BaseSSLObject.getChannelBinding}. */
  declare get_channel_binding: BaseSSLObject["getChannelBinding"];
  /** Python's `server_side`: alias of {@link BaseSSLObject.serverSide}. */
  declare readonly server_side: boolean;
  /** Python's `server_hostname`: alias of {@link BaseSSLObject.serverHostname}. */
  declare readonly server_hostname: string | null;
  /** Python's `session_reused`: alias of {@link BaseSSLObject.sessionReused}. */
  declare readonly session_reused: boolean;

  static {
    installAliases("SSLObject", this);
  }

  /**
   * Python's `session`: {@link BaseSSLObject.session}, read as this module's {@link SSLSession}.
   *
   * @throws When set, what {@link BaseSSLObject.session} throws (`ERR_SSLKIT_SOCKET_SESSION_*`).
   * @see Python `SSLObject.session`
   * @example
   * ```ts
   * sslobj.session = previous.session;
   * ```
   */
  override get session(): SSLSession | null {
    const session = super.session;
    return session === null ? null : asPython(session, SSLSession);
  }

  override set session(value: BaseSSLSession | null) {
    super.session = value;
  }
}
