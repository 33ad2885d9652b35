import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import * as tls from "node:tls";

import {
  SSLCertVerificationError,
  SSLError,
  SSLKitError,
  invalidArgTypeError,
  invalidArgValueError,
  outOfRangeError,
} from "@sslkit/errors";
import {
  CERT_NONE,
  CERT_OPTIONAL,
  CERT_REQUIRED,
  OP_ALL,
  OP_CIPHER_SERVER_PREFERENCE,
  OP_ENABLE_MIDDLEBOX_COMPAT,
  OP_NO_COMPRESSION,
  OP_NO_SSLv2,
  OP_NO_SSLv3,
  OP_NO_TLSv1,
  OP_NO_TLSv1_1,
  PROTOCOL_SSLv2,
  PROTOCOL_SSLv3,
  PROTOCOL_TLS,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  PROTOCOL_TLSv1,
  PROTOCOL_TLSv1_1,
  PROTOCOL_TLSv1_2,
  TLSVersion,
  VERIFY_ALLOW_PROXY_CERTS,
  VERIFY_CRL_CHECK_LEAF,
  VERIFY_X509_PARTIAL_CHAIN,
  VERIFY_X509_STRICT,
  VERIFY_X509_TRUSTED_FIRST,
  VerifyFlags,
} from "./constants.js";
import type { Protocol, VerifyMode } from "./constants.js";
import { decodeCert, verifyChain } from "@sslkit/x509";
import type { PeerCertDict } from "@sslkit/x509";
import { ContextErrorCode } from "./error-codes.js";
import { getDefaultVerifyPaths } from "./default-verify-paths.js";
import { CAStore } from "./internal/ca-store.js";
import { loadCertChainInputs } from "./internal/cert-chain.js";
import type { LoadedCertChain, PasswordInput } from "./internal/cert-chain.js";
import type { CipherRow } from "./internal/cipher-table.js";
import { LEGACY_DEFAULT_CIPHERS, PYTHON_DEFAULT_CIPHERS, ciphersOf, nodeCipherString, securityLevelIn, tls12Part } from "./internal/ciphers.js";
import { appendKeylogLine, openKeylogFile } from "./internal/keylog.js";
import { SessionCounters } from "./internal/session-counters.js";
import type { HandshakeEvent, SessionStats } from "./internal/session-counters.js";
import { VERIFY_CODES } from "./internal/verify-codes.js";
import { pythonVerifyCodeName } from "./internal/python-verify-code.js";

/** One entry of {@link SSLContext.getCiphers}: Python's `get_ciphers()` dict. */
export type CipherInfo = CipherRow;

/** Python's `cert_store_stats()` dict. */
export interface CertStoreStats {
  /** Certificates loaded from `caFile`/`caData`/default files. */
  readonly x509: number;
  /** CRLs loaded. */
  readonly crl: number;
  /** How many of the certificates are CA certificates (basicConstraints CA:TRUE). */
  readonly x509_ca: number;
}

/** Where {@link SSLContext.loadVerifyLocations} finds trusted CAs (at least one is required). */
export interface VerifyLocations {
  /** A PEM file of CA certificates (and CRLs). */
  readonly caFile?: string;
  /** An OpenSSL hashed directory (`<subject hash>.<n>` files, as `openssl rehash` makes). */
  readonly caPath?: string;
  /** PEM text (string) or one or more concatenated DER certificates (bytes). */
  readonly caData?: string | Uint8Array;
}

/**
 * Python's `sni_callback(sslsocket, server_name, sslcontext)`. Return another
 * {@link SSLContext} to continue the handshake with it (Python assigns `sslsocket.context`),
 * nothing to keep the current one, or an alert number to abort the handshake.
 */
export type SNICallback = (
  socket: unknown,
  serverName: string,
  context: SSLContext,
) => SSLContext | number | null | undefined | Promise<SSLContext | number | null | undefined>;

/** What {@link SSLContext.toTLSOptions} needs to know about the socket being wrapped. */
export interface TLSOptionsRequest {
  /** Server side of the connection. @defaultValue `false` */
  readonly serverSide?: boolean;
  /** The host name to send as SNI and to check the certificate against (client side); IDNA-encoded like Python's. */
  readonly serverHostname?: string | null;
  /** What `sniCallback` receives as its first argument (the SSLSocket being handshaken). */
  readonly socket?: unknown;
}

/**
 * Options for `tls.connect` or `new tls.TLSSocket`, made by {@link SSLContext.toTLSOptions}:
 * spread them into the call (not into `tls.createServer`, which ignores `secureContext`).
 */
export interface SSLContextTLSOptions {
  /** The context's cached `tls.SecureContext` (shared by every socket until a setting changes). */
  readonly secureContext: tls.SecureContext;
  /** `true` on the server side (for `new tls.TLSSocket`). */
  readonly isServer: boolean;
  /** Client: verify the server (`verifyMode !== CERT_NONE`). Server: refuse a missing client certificate (`CERT_REQUIRED`). */
  readonly rejectUnauthorized: boolean;
  /** Server: ask for a client certificate (`verifyMode !== CERT_NONE`). */
  readonly requestCert: boolean;
  /** Client: the SNI name (omitted for IP addresses and when there is no host name). */
  readonly servername?: string;
  /** Client: Python's host name check when `checkHostname` (an `SSLCertVerificationError` on mismatch), else a no-op. */
  readonly checkServerIdentity?: (hostname: string, cert: tls.PeerCertificate) => Error | undefined;
  /** ALPN protocols from {@link SSLContext.setALPNProtocols}. */
  readonly ALPNProtocols?: string[];
  /** Server: Python's `sni_callback` adapted to Node's `SNICallback`. */
  readonly SNICallback?: (servername: string, callback: (error: Error | null, context?: tls.SecureContext) => void) => void;
}

const PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [PROTOCOL_SSLv2, "PROTOCOL_SSLv2"],
  [PROTOCOL_SSLv3, "PROTOCOL_SSLv3"],
  [PROTOCOL_TLS, "PROTOCOL_TLS"],
  [PROTOCOL_TLSv1, "PROTOCOL_TLSv1"],
  [PROTOCOL_TLSv1_1, "PROTOCOL_TLSv1_1"],
  [PROTOCOL_TLSv1_2, "PROTOCOL_TLSv1_2"],
  [PROTOCOL_TLS_CLIENT, "PROTOCOL_TLS_CLIENT"],
  [PROTOCOL_TLS_SERVER, "PROTOCOL_TLS_SERVER"],
]);

/** Fixed-version protocols → their wire version. */
const FIXED_VERSION: ReadonlyMap<number, number> = new Map([
  [PROTOCOL_TLSv1, TLSVersion.TLSv1],
  [PROTOCOL_TLSv1_1, TLSVersion.TLSv1_1],
  [PROTOCOL_TLSv1_2, TLSVersion.TLSv1_2],
]);

const NODE_VERSION_NAMES: ReadonlyMap<number, tls.SecureVersion> = new Map<number, tls.SecureVersion>([
  [TLSVersion.TLSv1, "TLSv1"],
  [TLSVersion.TLSv1_1, "TLSv1.1"],
  [TLSVersion.TLSv1_2, "TLSv1.2"],
  [TLSVersion.TLSv1_3, "TLSv1.3"],
]);

const TLS_VERSION_VALUES: ReadonlySet<number> = new Set(Object.values(TLSVersion));
const KNOWN_VERIFY_FLAGS: number = Object.values(VerifyFlags).reduce<number>((all, flag) => all | flag, 0);
const UNSUPPORTED_VERIFY_FLAGS: ReadonlyMap<number, string> = new Map([[VERIFY_ALLOW_PROXY_CERTS, "VERIFY_ALLOW_PROXY_CERTS"]]);

/** CPython 3.10+'s options for a new context. */
const DEFAULT_OPTIONS =
  (OP_ALL | OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_COMPRESSION | OP_CIPHER_SERVER_PREFERENCE | OP_ENABLE_MIDDLEBOX_COMPAT) >>> 0;

function clampVersion(version: number, fallback: number): number {
  if (version === TLSVersion.MINIMUM_SUPPORTED || version === TLSVersion.SSLv3) return TLSVersion.TLSv1;
  if (version === TLSVersion.MAXIMUM_SUPPORTED) return TLSVersion.TLSv1_3;
  return NODE_VERSION_NAMES.has(version) ? version : fallback;
}

/**
 * The `X509_V_ERR_*` name of the peer's verification result. Node exposes it publicly only
 * through `tls.Server` (`authorizationError`); a TLSSocket made directly has it on its native
 * handle, which is where Node's own server reads it.
 */
function nodeVerifyErrorCode(socket: tls.TLSSocket): string | undefined {
  if (typeof socket.authorizationError === "string") return socket.authorizationError;
  const handle = (socket as unknown as { _handle?: { verifyError?: () => (Error & { code?: string }) | null } | null })._handle;
  const error = handle?.verifyError?.() ?? null;
  return error === null ? undefined : (error.code ?? "UNSPECIFIED");
}

/**
 * `net.isIP(host) !== 0`, without running Node's IP regular expressions on names that cannot
 * be addresses (the IPv6 one is large; V8 flushes and recompiles it between handshakes).
 */
function isIPAddress(host: string): boolean {
  return (host.includes(":") || /^[\d.]+$/.test(host)) && isIP(host) !== 0;
}

/** IDNA-encodes a host name for SNI and the host name check, as Python's `server_hostname`. */
function asciiHostname(serverHostname: string): string {
  if (isIPAddress(serverHostname) || /^\[.*\]$/.test(serverHostname)) return serverHostname;
  const ascii = domainToASCII(serverHostname);
  if (ascii === "" || ascii.split(".").some((label, index, labels) => label.length > 63 || (label === "" && index !== labels.length - 1))) {
    throw invalidArgValueError("serverHostname", serverHostname, "is not a valid host name (IDNA encoding failed)");
  }
  return ascii;
}

/** Node's peer certificate objects: `{}` when there is none; the root's issuer is itself. */
function isPeerCertificate(value: unknown): value is tls.DetailedPeerCertificate {
  return typeof value === "object" && value !== null && "raw" in value && "fingerprint256" in value;
}

/** The peer's certificates as DER, leaf first, as Node saw them (each once). */
function peerChain(socket: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: unknown = socket.getPeerCertificate(true);
  while (isPeerCertificate(cert) && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * Python's host name check (OpenSSL's `X509_check_host`/`X509_check_ip`): an IP address only
 * against IP SANs; a host name against DNS SANs, or — only when the certificate has no DNS SAN
 * and `checksCommonName` — against the subject CN.
 */
function checkHostname(serverHostname: string, checksCommonName: boolean): (hostname: string, cert: tls.PeerCertificate) => Error | undefined {
  return (_hostname, cert) => {
    const altNames = (typeof cert.subjectaltname === "string" ? cert.subjectaltname : "").split(", ");
    const ip = isIPAddress(serverHostname);
    let error: Error | undefined;
    if (ip) {
      error = altNames.some((entry) => entry.startsWith("IP Address:")) ? tls.checkServerIdentity(serverHostname, cert) : new Error("no IP address SAN");
    } else if (altNames.some((entry) => entry.startsWith("DNS:"))) {
      error = tls.checkServerIdentity(serverHostname, cert);
    } else if (checksCommonName) {
      // Without DNS SANs, Node checks the CN only when the certificate has no SAN at all.
      const { subjectaltname: _ignored, ...withoutAltNames } = cert;
      error = tls.checkServerIdentity(serverHostname, withoutAltNames);
    } else {
      error = new Error("no DNS SAN and hostnameChecksCommonName is off");
    }
    if (error === undefined) return undefined;
    return new SSLCertVerificationError({
      verifyCode: ip ? 64 : 62,
      verifyMessage: ip
        ? `IP address mismatch, certificate is not valid for '${serverHostname}'.`
        : `Hostname mismatch, certificate is not valid for '${serverHostname}'.`,
      cause: error,
    });
  };
}

/**
 * A TLS configuration, Python's `ssl.SSLContext`: protocol, verification, certificates,
 * ciphers, ALPN, SNI. It builds one `tls.SecureContext` lazily, caches it, and rebuilds it
 * only after a setting changes, so thousands of sockets share it. It performs no network
 * I/O; `@sslkit/socket` wraps sockets with {@link SSLContext.toTLSOptions}.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS_CLIENT);
 * context.loadVerifyLocations({ caFile: "ca.pem" });
 * const socket = tls.connect({ host: "localhost", port, ...context.toTLSOptions({ serverHostname: "localhost" }) });
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLContext | ssl.SSLContext}
 */
export class SSLContext {
  readonly #protocol: Protocol;
  #options: number = DEFAULT_OPTIONS;
  #verifyMode: VerifyMode;
  #checkHostname: boolean;
  #hostnameChecksCommonName = true;
  #minimumVersion: number;
  #maximumVersion: number;
  #verifyFlags: number = VERIFY_X509_TRUSTED_FIRST;
  #cipherList: string | undefined;
  #securityLevel: number | undefined;
  #certChain: LoadedCertChain | undefined;
  readonly #store = new CAStore();
  #alpnProtocols: string[] | undefined;
  #sniCallback: SNICallback | null = null;
  #ecdhCurve: string | undefined;
  #keylogFilename: string | null = null;
  #secureContext: tls.SecureContext | undefined;
  /** Session ticket keys kept across rebuilds, as Python's one SSL_CTX keeps them. */
  readonly #ticketKeys: Buffer = randomBytes(48);
  /** The capath certificates read by the last build (trust anchors for strict checks). */
  #capathCerts: readonly string[] = [];
  /** OpenSSL's `SSL_CTX_sess_*` counters, fed by {@link SSLContext.recordHandshake}. */
  readonly #sessions = new SessionCounters();

  /**
   * Creates a context for one protocol with CPython 3.11's defaults: `PROTOCOL_TLS_CLIENT`
   * verifies the server and its host name; every TLS protocol starts at TLS 1.2 minimum with
   * Python's ciphers; `PROTOCOL_TLSv1`/`TLSv1_1` use security level 0 so they really connect.
   *
   * @param protocol - One of {@link Protocol}. @defaultValue `PROTOCOL_TLS`
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_PROTOCOL_UNSUPPORTED` for `PROTOCOL_SSLv2`/`PROTOCOL_SSLv3`.
   * @throws `ERR_INVALID_ARG_VALUE` for any other number.
   * @example
   * ```ts
   * const server = new SSLContext(PROTOCOL_TLS_SERVER);
   * ```
   */
  constructor(protocol: Protocol = PROTOCOL_TLS) {
    if (!PROTOCOL_NAMES.has(protocol)) throw invalidArgValueError("protocol", protocol, "is not a supported protocol (one of Protocol.*)");
    if (protocol === PROTOCOL_SSLv2 || protocol === PROTOCOL_SSLv3) {
      const name = protocol === PROTOCOL_SSLv2 ? "SSLv2" : "SSLv3";
      throw new SSLError(
        `${PROTOCOL_NAMES.get(protocol) ?? name} is not supported: the OpenSSL ${process.versions.openssl} in Node ${process.version} is built without ${name}, which is insecure (RFC ${protocol === PROTOCOL_SSLv2 ? "6176" : "7568"}); use PROTOCOL_TLS_CLIENT or PROTOCOL_TLS_SERVER`,
        { code: ContextErrorCode.PROTOCOL_UNSUPPORTED, library: "SSL", reason: "UNSUPPORTED_PROTOCOL" },
      );
    }
    this.#protocol = protocol;
    const isClient = protocol === PROTOCOL_TLS_CLIENT;
    this.#verifyMode = isClient ? CERT_REQUIRED : CERT_NONE;
    this.#checkHostname = isClient;
    const fixed = FIXED_VERSION.has(protocol);
    this.#minimumVersion = fixed ? TLSVersion.MINIMUM_SUPPORTED : TLSVersion.TLSv1_2;
    this.#maximumVersion = TLSVersion.MAXIMUM_SUPPORTED;
  }

  #changed(): void {
    this.#secureContext = undefined;
  }

  /** The protocol given to the constructor (read-only, Python's `SSLContext.protocol`). */
  get protocol(): Protocol {
    return this.#protocol;
  }

  /**
   * The `SSL_OP_*` bitmask, always a non-negative 32-bit number (JavaScript's `|` yields a
   * negative number for `OP_ALL`; it is normalised). `OP_NO_TLSv1…OP_NO_TLSv1_3` exclude
   * versions exactly as in OpenSSL (they are passed to it as `secureOptions`).
   *
   * @throws `ERR_INVALID_ARG_TYPE` / `ERR_OUT_OF_RANGE` for a non-integer or a value outside 32 bits.
   * @see Python `SSLContext.options`
   */
  get options(): number {
    return this.#options;
  }

  /** Sets the `SSL_OP_*` bitmask (Python `SSLContext.options = …`); sockets wrapped afterwards use it. */
  set options(value: number) {
    if (typeof value !== "number" || !Number.isInteger(value)) throw invalidArgTypeError("options", "an integer", value);
    if (value < -(2 ** 31) || value > 2 ** 32 - 1) throw outOfRangeError("options", "a 32-bit option mask", value);
    this.#options = value >>> 0;
    this.#changed();
  }

  /**
   * Whether and how the peer's certificate is verified ({@link VerifyMode}).
   *
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_CHECK_HOSTNAME_ENABLED` for `CERT_NONE` while `checkHostname` is on.
   * @throws `ERR_INVALID_ARG_VALUE` for a value that is not 0, 1 or 2.
   * @see Python `SSLContext.verify_mode`
   */
  get verifyMode(): VerifyMode {
    return this.#verifyMode;
  }

  /** Sets how the peer's certificate is verified (Python `SSLContext.verify_mode = …`); `CERT_NONE` is refused while `checkHostname` is on. */
  set verifyMode(value: VerifyMode) {
    const mode: unknown = value;
    if (mode !== CERT_NONE && mode !== CERT_OPTIONAL && mode !== CERT_REQUIRED) throw invalidArgValueError("verifyMode", value, "must be CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED");
    if (value === CERT_NONE && this.#checkHostname) {
      throw new SSLKitError(ContextErrorCode.CHECK_HOSTNAME_ENABLED, "Cannot set verifyMode to CERT_NONE when checkHostname is enabled.");
    }
    this.#verifyMode = value;
  }

  /**
   * Whether a client checks the server's certificate against `serverHostname` (OpenSSL's rules,
   * as Python ≥ 3.7; see {@link SSLContext.hostnameChecksCommonName}). Turning it on while
   * `verifyMode` is `CERT_NONE` sets `CERT_REQUIRED`.
   *
   * @see Python `SSLContext.check_hostname`
   */
  get checkHostname(): boolean {
    return this.#checkHostname;
  }

  /** Turns hostname checking on or off (Python `SSLContext.check_hostname = …`); turning it on raises `verifyMode` from `CERT_NONE` to `CERT_REQUIRED`. */
  set checkHostname(value: boolean) {
    if (typeof value !== "boolean") throw invalidArgTypeError("checkHostname", "of type boolean", value);
    if (value && this.#verifyMode === CERT_NONE) this.#verifyMode = CERT_REQUIRED;
    this.#checkHostname = value;
  }

  /**
   * Whether a certificate without any DNS subjectAltName is matched by its subject CN (OpenSSL's
   * fallback; `true` by default, as in CPython 3.11). IP addresses never match a CN.
   *
   * @throws `ERR_INVALID_ARG_TYPE` for a non-boolean.
   * @see Python `SSLContext.hostname_checks_common_name`
   */
  get hostnameChecksCommonName(): boolean {
    return this.#hostnameChecksCommonName;
  }

  /** Sets whether the subject CN is matched when there is no DNS subjectAltName (Python `SSLContext.hostname_checks_common_name = …`). */
  set hostnameChecksCommonName(value: boolean) {
    if (typeof value !== "boolean") throw invalidArgTypeError("hostnameChecksCommonName", "of type boolean", value);
    this.#hostnameChecksCommonName = value;
  }

  #checkVersion(name: string, value: number): void {
    if (FIXED_VERSION.has(this.#protocol)) {
      throw new SSLKitError(ContextErrorCode.VERSION_FIXED, "The context's protocol doesn't support modification of highest and lowest version.");
    }
    if (typeof value !== "number" || !TLS_VERSION_VALUES.has(value)) {
      throw invalidArgValueError(name, value, `is an unsupported TLS/SSL version (0x${typeof value === "number" ? value.toString(16) : "?"})`);
    }
  }

  /**
   * The lowest TLS version negotiated ({@link TLSVersion}); TLS 1.2 by default as in Python ≥ 3.10.
   * Below TLS 1.2 the context drops to OpenSSL security level 0 (unless `setCiphers` chose one).
   *
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_VERSION_FIXED` on `PROTOCOL_TLSv1*` contexts.
   * @throws `ERR_INVALID_ARG_VALUE` for a value that is not a {@link TLSVersion}.
   * @see Python `SSLContext.minimum_version`
   */
  get minimumVersion(): TLSVersion {
    return this.#minimumVersion as TLSVersion;
  }

  /** Sets the lowest TLS version negotiated (Python `SSLContext.minimum_version = …`). */
  set minimumVersion(value: TLSVersion) {
    this.#checkVersion("minimumVersion", value);
    this.#minimumVersion = value;
    this.#changed();
  }

  /**
   * The highest TLS version negotiated ({@link TLSVersion}).
   *
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_VERSION_FIXED` on `PROTOCOL_TLSv1*` contexts.
   * @throws `ERR_INVALID_ARG_VALUE` for a value that is not a {@link TLSVersion}.
   * @see Python `SSLContext.maximum_version`
   */
  get maximumVersion(): TLSVersion {
    return this.#maximumVersion as TLSVersion;
  }

  /** Sets the highest TLS version negotiated (Python `SSLContext.maximum_version = …`). */
  set maximumVersion(value: TLSVersion) {
    this.#checkVersion("maximumVersion", value);
    this.#maximumVersion = value;
    this.#changed();
  }

  /**
   * The `X509_V_FLAG_*` bitmask ({@link VerifyFlags}); `VERIFY_X509_TRUSTED_FIRST` by default.
   * CRL flags check the chain against the CRLs loaded with `loadVerifyLocations`;
   * `VERIFY_X509_PARTIAL_CHAIN` trusts a loaded intermediate as an anchor;
   * `VERIFY_X509_STRICT` re-validates the peer's chain after the handshake with
   * `@sslkit/x509`'s RFC 5280 `verifyChain` (see {@link SSLContext.verifyPeer}).
   *
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_VERIFY_FLAG_UNSUPPORTED` for `VERIFY_ALLOW_PROXY_CERTS`, which Node cannot enforce.
   * @throws `ERR_INVALID_ARG_VALUE` for bits that are not verify flags.
   * @see Python `SSLContext.verify_flags`
   */
  get verifyFlags(): VerifyFlags {
    return this.#verifyFlags;
  }

  /** Sets the `X509_V_FLAG_*` bitmask (Python `SSLContext.verify_flags = …`); bits that are not {@link VerifyFlags} and `VERIFY_ALLOW_PROXY_CERTS` are refused. */
  set verifyFlags(value: VerifyFlags) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || (value & ~KNOWN_VERIFY_FLAGS) !== 0) {
      throw invalidArgValueError("verifyFlags", value, "must combine VerifyFlags values");
    }
    for (const [flag, name] of UNSUPPORTED_VERIFY_FLAGS) {
      if ((value & flag) !== 0) {
        throw new SSLKitError(ContextErrorCode.VERIFY_FLAG_UNSUPPORTED, `${name} cannot be enforced: Node's TLS has no way to set it on the certificate store`);
      }
    }
    this.#verifyFlags = value;
    this.#changed();
  }

  /** The OpenSSL security level the context runs at (Python's read-only `security_level`). */
  get securityLevel(): number {
    return this.#securityLevel ?? (this.#allowsLegacyVersions() ? 0 : 2);
  }

  /**
   * Python's `sni_callback`: called on the server side with the client's SNI name; may
   * return another context to continue with.
   *
   * @see Python `SSLContext.sni_callback`
   */
  get sniCallback(): SNICallback | null {
    return this.#sniCallback;
  }

  /** Sets or, with `null`, removes the server's SNI callback (Python `SSLContext.sni_callback = …`). */
  set sniCallback(callback: SNICallback | null) {
    if (callback !== null && typeof callback !== "function") throw invalidArgTypeError("sniCallback", "a function or null", callback);
    this.#sniCallback = callback;
  }

  /**
   * The NSS key log file TLS secrets are appended to (for Wireshark), or `null`. Setting it
   * creates the file and writes Python's header line when it is empty.
   *
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND` / `ERR_SSLKIT_CONTEXT_FILE_UNREADABLE` when it cannot be opened.
   * @see Python `SSLContext.keylog_filename`
   */
  get keylogFilename(): string | null {
    return this.#keylogFilename;
  }

  /** Sets or, with `null`, stops the NSS key log file (Python `SSLContext.keylog_filename = …`); the file is created and opened at once. */
  set keylogFilename(path: string | null) {
    if (path !== null && typeof path !== "string") throw invalidArgTypeError("keylogFilename", "of type string or null", path);
    if (path !== null) openKeylogFile(path);
    this.#keylogFilename = path;
  }

  /**
   * Appends one line from a TLS socket's `keylog` event to {@link SSLContext.keylogFilename};
   * does nothing when it is `null`. `@sslkit/socket` wires it to every socket it wraps.
   *
   * @param line - The line Node's `keylog` event gives (with its newline).
   * @example
   * ```ts
   * tlsSocket.on("keylog", (line) => context.appendKeylogLine(line));
   * ```
   */
  appendKeylogLine(line: Uint8Array): void {
    if (this.#keylogFilename !== null) appendKeylogLine(this.#keylogFilename, line);
  }

  /**
   * Loads the certificate chain and private key this side presents: key first or
   * certificate first in one file, or two files; a chain of certificates (leaf first); an
   * encrypted key with a password given as text, bytes or a function returning either.
   * File names or in-memory PEM (string or bytes) are accepted.
   *
   * @param certfile - File name or PEM of the certificate chain (may also hold the key).
   * @param keyfile - File name or PEM of the private key. @defaultValue the key in `certfile`
   * @param password - Password of an encrypted key: string, bytes, or a function returning one.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND` / `ERR_SSLKIT_CONTEXT_FILE_UNREADABLE` naming the file.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_NO_CERTIFICATE` when `certfile` holds no certificate.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_NO_PRIVATE_KEY` when no key is found.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_PASSWORD_REQUIRED` for an encrypted key without password.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_BAD_PASSWORD` when the password is wrong.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_KEY_MISMATCH` naming both files.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE` for damaged PEM or DER.
   * @see Python `SSLContext.load_cert_chain`
   * @example
   * ```ts
   * context.loadCertChain("server.pem", "server.key", () => process.env.KEY_PASSWORD ?? "");
   * ```
   */
  loadCertChain(certfile: string | Uint8Array, keyfile?: string | Uint8Array | null, password?: PasswordInput): void {
    if (password !== undefined && typeof password !== "string" && typeof password !== "function" && !(password instanceof Uint8Array)) {
      throw invalidArgTypeError("password", "of type string, an instance of Uint8Array or a function", password);
    }
    this.#certChain = loadCertChainInputs(certfile, keyfile, password);
    this.#changed();
  }

  /**
   * Adds trusted CA certificates: `caFile` (PEM, may include CRLs), `caPath` (an OpenSSL
   * hashed directory), `caData` (PEM text or concatenated DER bytes).
   *
   * @param locations - {@link VerifyLocations}; at least one of the three.
   * @throws `ERR_INVALID_ARG_VALUE` when all three are missing.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND` / `ERR_SSLKIT_CONTEXT_FILE_UNREADABLE` naming the file or directory.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE` when `caFile`/`caData` hold no certificate.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE` for damaged PEM or DER.
   * @see Python `SSLContext.load_verify_locations`
   * @example
   * ```ts
   * context.loadVerifyLocations({ caFile: "/etc/ssl/certs/ca-certificates.crt" });
   * ```
   */
  loadVerifyLocations(locations: VerifyLocations): void {
    if (typeof locations !== "object" || (locations as VerifyLocations | null) === null) throw invalidArgTypeError("locations", "of type object", locations);
    const { caFile, caPath, caData } = locations;
    if (caFile === undefined && caPath === undefined && caData === undefined) {
      throw invalidArgValueError("locations", locations, "must name caFile, caPath or caData (they cannot be all omitted)");
    }
    if (caFile !== undefined && typeof caFile !== "string") throw invalidArgTypeError("locations.caFile", "of type string", caFile);
    if (caPath !== undefined && typeof caPath !== "string") throw invalidArgTypeError("locations.caPath", "of type string", caPath);
    if (caData !== undefined && typeof caData !== "string" && !(caData instanceof Uint8Array)) {
      throw invalidArgTypeError("locations.caData", "of type string or an instance of Uint8Array", caData);
    }
    try {
      if (caFile !== undefined) this.#store.loadFile(caFile);
      if (caPath !== undefined) this.#store.addPath(caPath);
      if (caData !== undefined) this.#store.loadData(caData);
    } finally {
      this.#changed();
    }
  }

  /**
   * Loads the system's default CA certificates: the file and directory of
   * {@link getDefaultVerifyPaths} (`SSL_CERT_FILE` / `SSL_CERT_DIR` honoured).
   *
   * @see Python `SSLContext.set_default_verify_paths`
   * @example
   * ```ts
   * context.setDefaultVerifyPaths();
   * ```
   */
  setDefaultVerifyPaths(): void {
    const { caFile, caPath } = getDefaultVerifyPaths();
    if (caFile !== null) this.#store.loadFile(caFile);
    if (caPath !== null) this.#store.addPath(caPath);
    this.#changed();
  }

  /**
   * Loads the default CA certificates, as Python does on Linux: {@link SSLContext.setDefaultVerifyPaths}.
   *
   * @see Python `SSLContext.load_default_certs`
   * @example
   * ```ts
   * context.loadDefaultCerts();
   * ```
   */
  loadDefaultCerts(): void {
    this.setDefaultVerifyPaths();
  }

  /**
   * Counts the loaded trust store: certificates, CRLs, CA certificates. Certificates of a
   * `caPath` are not counted (OpenSSL reads them on demand; Python does not count them either).
   *
   * @see Python `SSLContext.cert_store_stats`
   * @example
   * ```ts
   * const { x509, x509_ca, crl } = context.certStoreStats();
   * ```
   */
  certStoreStats(): CertStoreStats {
    return this.#store.stats();
  }

  /**
   * Returns the handshake and session counters of this context, Python's `session_stats()`
   * with OpenSSL's meaning: client handshakes started (`connect`) and finished (`connect_good`),
   * the same on the server side (`accept`, `accept_good`), resumed sessions (`hits`), offered
   * sessions the server did not resume (`misses`), renegotiations. Node has no counters, so
   * `@sslkit/socket` reports each handshake through {@link SSLContext.recordHandshake}; a
   * socket wrapped by other code is counted only if that code does the same. `number`,
   * `timeouts` and `cache_full` stay 0: Node's `SSL_CTX` runs without OpenSSL's internal
   * session cache (resumption is by session tickets), so OpenSSL would report 0 too.
   *
   * @returns A new {@link SessionStats} object with Python's keys in Python's order.
   * @see Python `SSLContext.session_stats`
   * @example
   * ```ts
   * const { accept_good, hits } = context.sessionStats();
   * ```
   */
  sessionStats(): SessionStats {
    return this.#sessions.snapshot();
  }

  /**
   * Counts one handshake event for {@link SSLContext.sessionStats} — the hook through which
   * `@sslkit/socket` tells the context what OpenSSL would have counted: `start` when a socket's
   * TLS engine is made, `done` when its handshake succeeded and the peer passed every check,
   * `renegotiated` when a later handshake on the same connection succeeded.
   *
   * @param event - {@link HandshakeEvent}.
   * @throws `ERR_INVALID_ARG_VALUE` for an event that is not one of the three phases.
   * @example
   * ```ts
   * context.recordHandshake({ phase: "start", serverSide: false });
   * tlsSocket.once("secureConnect", () => {
   *   context.recordHandshake({ phase: "done", serverSide: false, resumed: tlsSocket.isSessionReused(), sessionOffered: session !== undefined });
   * });
   * ```
   */
  recordHandshake(event: HandshakeEvent): void {
    const phase: unknown = (event as HandshakeEvent | null)?.phase;
    if (phase !== "start" && phase !== "done" && phase !== "renegotiated") {
      throw invalidArgValueError("event", event, "must be a handshake event (phase start, done or renegotiated)");
    }
    this.#sessions.record(event);
  }

  /**
   * Returns the loaded CA certificates (those with basicConstraints CA:TRUE), as CPython's
   * `getpeercert()`-style dicts or, with `binaryForm`, as DER bytes. Certificates of a
   * `caPath` are not included (OpenSSL reads them on demand; Python does not list them).
   * The order is load order (Python's follows OpenSSL's internal sort).
   *
   * @param binaryForm - Return DER bytes instead of dicts. @defaultValue `false`
   * @see Python `SSLContext.get_ca_certs`
   * @example
   * ```ts
   * for (const ca of context.getCaCerts()) console.log(ca.subject);
   * ```
   */
  getCaCerts(binaryForm?: false): PeerCertDict[];
  getCaCerts(binaryForm: true): Uint8Array[];
  getCaCerts(binaryForm = false): PeerCertDict[] | Uint8Array[] {
    const cas = this.#store.certs.filter((cert) => cert.isCA);
    return binaryForm ? cas.map((cert) => cert.der) : cas.map((cert) => decodeCert(cert.der));
  }

  #allowsLegacyVersions(): boolean {
    const fixed = FIXED_VERSION.get(this.#protocol);
    if (fixed !== undefined) return fixed < TLSVersion.TLSv1_2;
    const low = clampVersion(this.#minimumVersion, TLSVersion.TLSv1_2);
    const tls1 = low <= TLSVersion.TLSv1 && (this.#options & OP_NO_TLSv1) === 0;
    const tls11 = low <= TLSVersion.TLSv1_1 && (this.#options & OP_NO_TLSv1_1) === 0;
    return tls1 || tls11;
  }

  #nodeCiphers(list: string | undefined = this.#cipherList, level: number = this.securityLevel): string {
    const base = list ?? (this.#allowsLegacyVersions() ? LEGACY_DEFAULT_CIPHERS : PYTHON_DEFAULT_CIPHERS);
    return nodeCipherString(base, level);
  }

  /**
   * Sets the TLS ≤ 1.2 ciphers from an OpenSSL cipher string, checked now (not at handshake).
   * TLS 1.3 suites stay OpenSSL's defaults, as in Python. An `@SECLEVEL=n` in the string sets
   * the security level for good, as in OpenSSL.
   *
   * @param spec - An OpenSSL cipher list, e.g. `"ECDHE+AESGCM:!aNULL"`.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_NO_CIPHER_MATCH` ("No cipher can be selected.") when nothing matches.
   * @throws `ERR_INVALID_ARG_TYPE` for a non-string.
   * @see Python `SSLContext.set_ciphers`
   * @example
   * ```ts
   * context.setCiphers("ECDHE+AESGCM");
   * ```
   */
  setCiphers(spec: string): void {
    if (typeof spec !== "string") throw invalidArgTypeError("spec", "of type string", spec);
    const list = tls12Part(spec);
    const noMatch = (cause?: unknown): SSLError =>
      new SSLError("No cipher can be selected.", { code: ContextErrorCode.NO_CIPHER_MATCH, cause });
    if (list.split(":").every((item) => item.startsWith("@") || item.startsWith("!") || item.startsWith("-") || item === "")) throw noMatch();
    const level = securityLevelIn(list) ?? this.#securityLevel;
    try {
      tls.createSecureContext({ ciphers: this.#nodeCiphers(list, level ?? this.securityLevel) });
    } catch (error) {
      throw noMatch(error);
    }
    this.#securityLevel = level;
    this.#cipherList = list;
    this.#changed();
  }

  /**
   * Lists the enabled ciphers in preference order as Python's dicts (`id`, `name`,
   * `protocol`, `description`, `strength_bits`, `alg_bits`, `aead`, `symmetric`, `digest`,
   * `kea`, `auth`), TLS 1.3 suites first. Read from the ClientHello OpenSSL builds for this
   * context's cipher list over an in-memory stream (no network I/O). Like Python's (OpenSSL's
   * `SSL_get_ciphers`), the list is what the cipher string selected, before the security level
   * filters it: anonymous (`aNULL`) and `eNULL` suites appear when the string selects them,
   * though a handshake at security level ≥ 1 would not offer them.
   *
   * @see Python `SSLContext.get_ciphers`
   * @example
   * ```ts
   * console.log(context.getCiphers().map((c) => c.name));
   * ```
   */
  getCiphers(): CipherInfo[] {
    // The ClientHello carries OpenSSL's `SSL_get1_supported_ciphers`, which drops what the
    // security level forbids; at level 0 it is the whole configured list, Python's answer.
    return ciphersOf(tls.createSecureContext({ ciphers: this.#nodeCiphers(undefined, 0), minVersion: "TLSv1", maxVersion: "TLSv1.3" }));
  }

  /**
   * Sets the ALPN protocols offered (client) or accepted in order of preference (server).
   *
   * @param protocols - Protocol names such as `"h2"`, `"http/1.1"`; each 1–255 bytes.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_CONTEXT_BAD_ALPN_PROTOCOL` ("ALPN protocols must be 1 to 255 in length").
   * @throws `ERR_INVALID_ARG_TYPE` for a non-array or a non-string entry.
   * @see Python `SSLContext.set_alpn_protocols`
   * @example
   * ```ts
   * context.setALPNProtocols(["h2", "http/1.1"]);
   * ```
   */
  setALPNProtocols(protocols: readonly string[]): void {
    if (!Array.isArray(protocols)) throw invalidArgTypeError("protocols", "an array of strings", protocols);
    const entries: readonly unknown[] = protocols;
    for (const [index, protocol] of entries.entries()) {
      if (typeof protocol !== "string") throw invalidArgTypeError(`protocols[${index}]`, "of type string", protocol);
      const length = Buffer.byteLength(protocol, "utf8");
      if (length < 1 || length > 255) {
        throw new SSLError("ALPN protocols must be 1 to 255 in length", { code: ContextErrorCode.BAD_ALPN_PROTOCOL });
      }
    }
    this.#alpnProtocols = entries.map((protocol) => protocol as string);
  }

  /**
   * Sets the curve (or `:`-separated curve list) for ECDHE key exchange, checked now.
   *
   * @param curveName - An OpenSSL group name such as `"prime256v1"`, `"secp384r1"`, `"X25519"`.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_UNKNOWN_CURVE` for a name OpenSSL does not know.
   * @see Python `SSLContext.set_ecdh_curve`
   * @example
   * ```ts
   * context.setEcdhCurve("secp384r1");
   * ```
   */
  setEcdhCurve(curveName: string): void {
    if (typeof curveName !== "string") throw invalidArgTypeError("curveName", "of type string", curveName);
    try {
      tls.createSecureContext({ ecdhCurve: curveName });
    } catch (error) {
      throw new SSLKitError(ContextErrorCode.UNKNOWN_CURVE, `unknown elliptic curve name '${curveName}'`, { cause: error });
    }
    this.#ecdhCurve = curveName;
    this.#changed();
  }

  #build(): tls.SecureContext {
    const fixed = FIXED_VERSION.get(this.#protocol);
    const low = fixed ?? clampVersion(this.#minimumVersion, TLSVersion.TLSv1_2);
    const high = fixed ?? clampVersion(this.#maximumVersion, TLSVersion.TLSv1_3);
    const capath = this.#store.readCapaths();
    this.#capathCerts = capath.certs;
    const crlCheck = (this.#verifyFlags & VERIFY_CRL_CHECK_LEAF) !== 0;
    const chain = this.#certChain;
    return tls.createSecureContext({
      minVersion: NODE_VERSION_NAMES.get(low) ?? "TLSv1.2",
      maxVersion: NODE_VERSION_NAMES.get(high) ?? "TLSv1.3",
      ciphers: this.#nodeCiphers(),
      secureOptions: this.#options,
      ticketKeys: this.#ticketKeys,
      ca: [...this.#store.certs.map((cert) => cert.pem), ...capath.certs],
      ...(crlCheck ? { crl: [...this.#store.crls, ...capath.crls] } : {}),
      ...(chain === undefined ? {} : { cert: chain.certPEM, key: chain.keyPEM }),
      ...(this.#ecdhCurve === undefined ? {} : { ecdhCurve: this.#ecdhCurve }),
      ...((this.#verifyFlags & VERIFY_X509_PARTIAL_CHAIN) === 0 ? {} : { allowPartialTrustChain: true }),
    });
  }

  /**
   * Returns the `tls.SecureContext` for this configuration, built on first use and cached
   * until a setting changes, so every socket shares one.
   *
   * @example
   * ```ts
   * const same = context.getSecureContext() === context.getSecureContext(); // true
   * ```
   */
  getSecureContext(): tls.SecureContext {
    this.#secureContext ??= this.#build();
    return this.#secureContext;
  }

  /**
   * Returns the `node:tls` options that make a socket behave as this context says — the
   * contract `@sslkit/socket`'s `wrapSocket` uses. Spread them into `tls.connect` or
   * `new tls.TLSSocket(socket, …)`, then await {@link SSLContext.verifyPeer} after the handshake.
   *
   * @param request - {@link TLSOptionsRequest}: `serverSide`, `serverHostname`, `socket`.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_WRONG_SIDE` for a client socket from a `PROTOCOL_TLS_SERVER` context or the reverse.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED` when `checkHostname` is on and no `serverHostname` is given.
   * @throws {@link @sslkit/errors!SSLKitError} `ERR_SSLKIT_CONTEXT_HOSTNAME_ON_SERVER` for a `serverHostname` on the server side.
   * @throws `ERR_INVALID_ARG_VALUE` for an empty `serverHostname`, one with a leading dot, or one IDNA cannot encode.
   * @see Python `SSLContext.wrap_socket` (the checks it makes before the handshake)
   * @example
   * ```ts
   * const socket = tls.connect({ host, port, ...context.toTLSOptions({ serverHostname: host }) });
   * socket.on("error", (e) => console.error(mapTLSError(e).message));
   * ```
   */
  toTLSOptions(request: TLSOptionsRequest = {}): SSLContextTLSOptions {
    const serverSide = request.serverSide ?? false;
    const serverHostname = request.serverHostname ?? undefined;
    if (serverSide && this.#protocol === PROTOCOL_TLS_CLIENT) {
      throw new SSLKitError(ContextErrorCode.WRONG_SIDE, "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
    }
    if (!serverSide && this.#protocol === PROTOCOL_TLS_SERVER) {
      throw new SSLKitError(ContextErrorCode.WRONG_SIDE, "Cannot create a client socket with a PROTOCOL_TLS_SERVER context");
    }
    if (serverHostname !== undefined && typeof serverHostname !== "string") throw invalidArgTypeError("serverHostname", "of type string", serverHostname);
    if (serverSide && serverHostname !== undefined) {
      throw new SSLKitError(ContextErrorCode.HOSTNAME_ON_SERVER, "serverHostname can only be specified in client mode");
    }
    if (serverHostname !== undefined && (serverHostname === "" || serverHostname.startsWith("."))) {
      throw invalidArgValueError("serverHostname", serverHostname, "cannot be an empty string or start with a leading dot");
    }
    if (!serverSide && this.#checkHostname && serverHostname === undefined) {
      throw new SSLKitError(ContextErrorCode.HOSTNAME_REQUIRED, "checkHostname requires serverHostname");
    }
    const secureContext = this.getSecureContext();
    const alpn = this.#alpnProtocols === undefined ? {} : { ALPNProtocols: [...this.#alpnProtocols] };
    if (serverSide) {
      const sni = this.#sniCallback;
      return {
        secureContext,
        isServer: true,
        requestCert: this.#verifyMode !== CERT_NONE,
        rejectUnauthorized: this.#verifyMode === CERT_REQUIRED,
        ...alpn,
        ...(sni === null ? {} : { SNICallback: this.#sniAdapter(sni, request.socket) }),
      };
    }
    const hostname = serverHostname === undefined ? "" : asciiHostname(serverHostname);
    return {
      secureContext,
      isServer: false,
      requestCert: false,
      rejectUnauthorized: this.#verifyMode !== CERT_NONE,
      ...(hostname !== "" && !isIPAddress(hostname) ? { servername: hostname } : {}),
      checkServerIdentity: this.#checkHostname ? checkHostname(hostname, this.#hostnameChecksCommonName) : () => undefined,
      ...alpn,
    };
  }

  #sniAdapter(callback: SNICallback, socket: unknown): NonNullable<SSLContextTLSOptions["SNICallback"]> {
    return (servername, done) => {
      Promise.resolve()
        .then(() => callback(socket, servername, this))
        .then(
          (result) => {
            if (typeof result === "number") {
              done(new SSLError(`sniCallback aborted the handshake with alert ${result}`, { library: "SSL", reason: "CALLBACK_FAILED" }));
            } else if (result instanceof SSLContext) {
              done(null, result.getSecureContext());
            } else {
              done(null, undefined);
            }
          },
          (error: unknown) => {
            done(error instanceof Error ? error : new Error(String(error)));
          },
        );
    };
  }

  /**
   * After a handshake, returns the error Python would have raised for the peer's
   * certificate, or `undefined`. Node enforces a missing certificate (`CERT_REQUIRED`) and,
   * on the client side, verification itself; on the server side a presented certificate that
   * fails verification must be refused by `@sslkit/socket` with this check (Node's TLSSocket
   * only does it inside `tls.Server`).
   *
   * @param socket - A `tls.TLSSocket` made with {@link SSLContext.toTLSOptions}, after its `secure` event.
   * @returns An `SSLCertVerificationError` with OpenSSL's verify code and message, or `undefined`.
   * @example
   * ```ts
   * tlsSocket.once("secure", () => { const e = context.peerVerificationError(tlsSocket); if (e) tlsSocket.destroy(e); });
   * ```
   */
  peerVerificationError(socket: tls.TLSSocket): SSLCertVerificationError | undefined {
    if (this.#verifyMode === CERT_NONE) return undefined;
    if (Object.keys(socket.getPeerCertificate()).length === 0) return undefined;
    const code = nodeVerifyErrorCode(socket);
    if (code === undefined) return undefined;
    const [verifyCode, verifyMessage] = VERIFY_CODES.get(pythonVerifyCodeName(code)) ?? [1, "unspecified certificate verification error"];
    return new SSLCertVerificationError({ verifyCode, verifyMessage });
  }

  /**
   * Every check Node leaves to the caller after a handshake: {@link SSLContext.peerVerificationError}
   * and, with `VERIFY_X509_STRICT`, a strict re-validation of the peer's chain against this
   * context's trust store with `@sslkit/x509`'s `verifyChain` (RFC 5280 profile; Node cannot set
   * OpenSSL's `X509_V_FLAG_X509_STRICT`). `@sslkit/socket` awaits it before the handshake
   * counts as done.
   *
   * @param socket - A `tls.TLSSocket` made with {@link SSLContext.toTLSOptions}, after `secure`/`secureConnect`.
   * @param serverSide - Whether `socket` is the server side (the peer is then a client).
   * @returns An `SSLCertVerificationError` with an OpenSSL verify code and message, or `undefined`.
   * @example
   * ```ts
   * const error = await context.verifyPeer(tlsSocket, false);
   * if (error) tlsSocket.destroy(error);
   * ```
   */
  async verifyPeer(socket: tls.TLSSocket, serverSide: boolean): Promise<SSLCertVerificationError | undefined> {
    const basic = serverSide ? this.peerVerificationError(socket) : undefined;
    if (basic !== undefined) return basic;
    if (this.#verifyMode === CERT_NONE || (this.#verifyFlags & VERIFY_X509_STRICT) === 0) return undefined;
    const chain = peerChain(socket);
    if (chain.length === 0) return undefined;
    const trustAnchors = [...this.#store.certs.map((cert) => cert.der), ...this.#capathCerts];
    const result = await verifyChain(chain, { trustAnchors, purpose: serverSide ? "clientAuth" : "serverAuth", profile: "rfc5280" });
    if (result.ok) return undefined;
    return new SSLCertVerificationError({ verifyCode: result.verifyCode, verifyMessage: result.verifyMessage });
  }
}
