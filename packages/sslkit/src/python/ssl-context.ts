import type { TLSVersion, VerifyFlags, VerifyMode, SNICallback } from "@sslkit/context";
import { SSLContext as BaseSSLContext } from "@sslkit/socket";
import type { MemoryBIO, SSLSession, Socket } from "@sslkit/socket";
import { asPython, installAliases } from "./internal/aliases.js";
import { checkKeywords, definedOnly } from "./internal/keywords.js";
import { SSLObject } from "./ssl-object.js";
import { SSLSocket } from "./ssl-socket.js";

/** Python's `load_verify_locations` keyword arguments. */
export interface LoadVerifyLocationsKeywords {
  /** A PEM file of CA certificates. */
  readonly cafile?: string | null;
  /** An OpenSSL hashed directory of CA certificates. */
  readonly capath?: string | null;
  /** PEM text or DER bytes of CA certificates. */
  readonly cadata?: string | Uint8Array | null;
}

/** Python's `SSLContext.wrap_socket` keyword arguments. */
export interface SSLContextWrapSocketKeywords {
  /** Server side of the connection. @defaultValue `false` */
  readonly server_side?: boolean;
  /** Handshake on connect/accept/wrap. @defaultValue `true` */
  readonly do_handshake_on_connect?: boolean;
  /** A TCP close without close_notify reads as EOF. @defaultValue `true` */
  readonly suppress_ragged_eofs?: boolean;
  /** The server's name: SNI and the host name checked. */
  readonly server_hostname?: string | null;
  /** Client: a session of this context to offer for resumption. */
  readonly session?: SSLSession | null;
}

/** Python's `SSLContext.wrap_bio` keyword arguments. */
export interface SSLContextWrapBIOKeywords {
  /** Server side of the connection. @defaultValue `false` */
  readonly server_side?: boolean;
  /** The server's name: SNI and the host name checked. */
  readonly server_hostname?: string | null;
  /** Client: a session of this context to offer for resumption. */
  readonly session?: SSLSession | null;
}

const WRAP_KEYWORDS = ["server_side", "do_handshake_on_connect", "suppress_ragged_eofs", "server_hostname", "session"] as const;
const WRAP_BIO_KEYWORDS = ["server_side", "server_hostname", "session"] as const;
const LOCATION_KEYWORDS = ["cafile", "capath", "cadata"] as const;

/**
 * Python's `ssl.SSLContext`: sslkit's {@link BaseSSLContext | SSLContext} (the one with
 * `wrapSocket`) with Python's method and property names added as aliases (`load_cert_chain`,
 * `set_ciphers`, `verify_mode`, `check_hostname`, …) and two adapters (`load_verify_locations`,
 * `wrap_socket`) that take Python's keyword names.
 *
 * @param protocol - As sslkit's constructor. @defaultValue `PROTOCOL_TLS`
 * @throws What sslkit's `SSLContext` throws (`ERR_INVALID_ARG_VALUE` for an unknown protocol).
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLContext | ssl.SSLContext}
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS_SERVER);
 * context.load_cert_chain("cert.pem", "key.pem");
 * const connstream = await context.wrap_socket(newsocket, { server_side: true });
 * ```
 */
export class SSLContext extends BaseSSLContext {
  /** Python's `load_cert_chain(certfile, keyfile=None, password=None)`: alias of {@link BaseSSLContext.loadCertChain}. */
  declare load_cert_chain: BaseSSLContext["loadCertChain"];
  /** Python's `load_default_certs(purpose)`: alias of {@link BaseSSLContext.loadDefaultCerts}. */
  declare load_default_certs: BaseSSLContext["loadDefaultCerts"];
  /** Python's `set_default_verify_paths()`: alias of {@link BaseSSLContext.setDefaultVerifyPaths}. */
  declare set_default_verify_paths: BaseSSLContext["setDefaultVerifyPaths"];
  /** Python's `set_ciphers(ciphers)`: alias of {@link BaseSSLContext.setCiphers}. */
  declare set_ciphers: BaseSSLContext["setCiphers"];
  /** Python's `get_ciphers()`: alias of {@link BaseSSLContext.getCiphers}. */
  declare get_ciphers: BaseSSLContext["getCiphers"];
  /** Python's `set_alpn_protocols(protocols)`: alias of {@link BaseSSLContext.setALPNProtocols}. */
  declare set_alpn_protocols: BaseSSLContext["setALPNProtocols"];
  /** Python's `set_ecdh_curve(curve_name)`: alias of {@link BaseSSLContext.setEcdhCurve}. */
  declare set_ecdh_curve: BaseSSLContext["setEcdhCurve"];
  /** Python's `get_ca_certs(binary_form=False)`: alias of {@link BaseSSLContext.getCaCerts}. */
  declare get_ca_certs: BaseSSLContext["getCaCerts"];
  /** Python's `cert_store_stats()`: alias of {@link BaseSSLContext.certStoreStats}. */
  declare cert_store_stats: BaseSSLContext["certStoreStats"];
  /** Python's `session_stats()`: alias of {@link BaseSSLContext.sessionStats}. */
  declare session_stats: BaseSSLContext["sessionStats"];
  /** Python's `verify_mode`: alias of {@link BaseSSLContext.verifyMode}. */
  declare verify_mode: VerifyMode;
  /** Python's `check_hostname`: alias of {@link BaseSSLContext.checkHostname}. */
  declare check_hostname: boolean;
  /** Python's `hostname_checks_common_name`: alias of {@link BaseSSLContext.hostnameChecksCommonName}. */
  declare hostname_checks_common_name: boolean;
  /** Python's `minimum_version`: alias of {@link BaseSSLContext.minimumVersion}. */
  declare minimum_version: TLSVersion;
  /** Python's `maximum_version`: alias of {@link BaseSSLContext.maximumVersion}. */
  declare maximum_version: TLSVersion;
  /** Python's `verify_flags`: alias of {@link BaseSSLContext.verifyFlags}. */
  declare verify_flags: VerifyFlags;
  /** Python's read-only `security_level`: alias of {@link BaseSSLContext.securityLevel}. */
  declare readonly security_level: number;
  /** Python's `sni_callback`: alias of {@link BaseSSLContext.sniCallback}. */
  declare sni_callback: SNICallback | null;
  /** Python's `keylog_filename`: alias of {@link BaseSSLContext.keylogFilename}. */
  declare keylog_filename: string | null;

  static {
    installAliases("SSLContext", this);
  }

  /**
   * Loads trusted CA certificates: {@link BaseSSLContext.loadVerifyLocations} with Python's
   * arguments, positional `(cafile, capath, cadata)` or one keyword object.
   *
   * @param cafile - A PEM file, or the keyword object `{ cafile, capath, cadata }`.
   * @param capath - An OpenSSL hashed directory.
   * @param cadata - PEM text or DER bytes.
   * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword; what `loadVerifyLocations` throws.
   * @see Python `SSLContext.load_verify_locations`
   * @example
   * ```ts
   * context.load_verify_locations({ cafile: "ca.pem" });
   * ```
   */
  load_verify_locations(cafile?: string | null | LoadVerifyLocationsKeywords, capath?: string | null, cadata?: string | Uint8Array | null): void {
    const keywords: LoadVerifyLocationsKeywords =
      typeof cafile === "object" && cafile !== null
        ? checkKeywords("load_verify_locations", cafile, LOCATION_KEYWORDS)
        : { cafile: cafile ?? null, capath: capath ?? null, cadata: cadata ?? null };
    this.loadVerifyLocations(definedOnly({ caFile: keywords.cafile ?? undefined, caPath: keywords.capath ?? undefined, caData: keywords.cadata ?? undefined }));
  }

  /**
   * Wraps a socket: {@link BaseSSLContext.wrapSocket} with Python's keyword names, resolving
   * this module's {@link SSLSocket}.
   *
   * @param sock - A `socket` (unconnected, connected or listening).
   * @param keywords - `server_side`, `do_handshake_on_connect`, `suppress_ragged_eofs`, `server_hostname`, `session`.
   * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword; what `wrapSocket` throws.
   * @see Python `SSLContext.wrap_socket`
   * @example
   * ```ts
   * const connstream = await context.wrap_socket(newsocket, { server_side: true });
   * ```
   */
  async wrap_socket(sock: Socket, keywords?: SSLContextWrapSocketKeywords): Promise<SSLSocket> {
    const k = checkKeywords("wrap_socket", keywords, WRAP_KEYWORDS);
    const wrapped = await this.wrapSocket(
      sock,
      definedOnly({
        serverSide: k.server_side,
        doHandshakeOnConnect: k.do_handshake_on_connect,
        suppressRaggedEofs: k.suppress_ragged_eofs,
        serverHostname: k.server_hostname,
        session: k.session,
      }),
    );
    return asPython(wrapped, SSLSocket);
  }

  /**
   * Makes an SSLObject over two BIOs: {@link BaseSSLContext.wrapBIO} with Python's keyword
   * names, returning this module's {@link SSLObject}.
   *
   * @param incoming - The BIO the peer's bytes are written into.
   * @param outgoing - The BIO this side's bytes appear in.
   * @param keywords - `server_side`, `server_hostname`, `session`.
   * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword; what `wrapBIO` throws.
   * @see Python `SSLContext.wrap_bio`
   * @example
   * ```ts
   * const sslobj = context.wrap_bio(new MemoryBIO(), new MemoryBIO(), { server_hostname: "localhost" });
   * ```
   */
  wrap_bio(incoming: MemoryBIO, outgoing: MemoryBIO, keywords?: SSLContextWrapBIOKeywords): SSLObject {
    const k = checkKeywords("wrap_bio", keywords, WRAP_BIO_KEYWORDS);
    const wrapped = this.wrapBIO(incoming, outgoing, definedOnly({ serverSide: k.server_side, serverHostname: k.server_hostname, session: k.session }));
    return asPython(wrapped, SSLObject);
  }
}
