/**
 * Whether a Python name is the sslkit export itself (`alias`: the very same function, class,
 * constant or property accessor) or a thin adapter (`adapter`: translates Python's keyword
 * names or return shape, then calls the sslkit export).
 */
export type PythonMappingKind = "alias" | "adapter";

/** One row of {@link PYTHON_MAPPING}. */
export interface PythonMappingEntry {
  /** The name in Python's `ssl` module: `wrap_socket`, or `Class.member` for methods and properties. */
  readonly python: string;
  /** The sslkit export it maps to (`sslkit` package): `wrapSocket`, or `Class.member`. */
  readonly sslkit: string;
  /** `alias` or `adapter`. */
  readonly kind: PythonMappingKind;
  /** What a porter should know; empty when the two behave the same. */
  readonly note: string;
}

function same(names: readonly string[], note: string): PythonMappingEntry[] {
  return names.map((name) => ({ python: name, sslkit: name, kind: "alias", note }));
}

function members(className: string, names: readonly string[], note: string): PythonMappingEntry[] {
  return names.map((name) => ({ python: `${className}.${name}`, sslkit: `${className}.${name}`, kind: "alias", note }));
}

/**
 * The one table of `sslkit/python`: every Python name it exports and the sslkit export behind
 * it. It installs the method and property aliases of the Python-named classes, a test proves
 * every alias is its sslkit export (`toBe`) and every adapter calls it, and
 * `scripts/render-python-mapping.mjs` renders it into `docs/python-mapping.md`.
 *
 * @example
 * ```ts
 * import { PYTHON_MAPPING } from "sslkit/python";
 * const row = PYTHON_MAPPING.find((entry) => entry.python === "RAND_bytes"); // → randBytes, alias
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html | ssl}
 */
export const PYTHON_MAPPING: readonly PythonMappingEntry[] = [
  // Module functions
  { python: "wrap_socket", sslkit: "wrapSocket", kind: "adapter", note: "Keywords `keyfile`, `certfile`, `server_side`, `cert_reqs`, `ssl_version`, `ca_certs`, `do_handshake_on_connect`, `suppress_ragged_eofs`, `ciphers`, `server_hostname` in one object; resolves an `SSLSocket` with Python's method names. `ssl_version` defaults to `PROTOCOL_TLS`, not the seeds' SSLv3 (gone from OpenSSL). Removed from Python 3.12; kept for the seeds." },
  { python: "get_server_certificate", sslkit: "getServerCertificate", kind: "adapter", note: "Keywords `ssl_version`, `ca_certs`, `timeout` in one object; returns a Promise." },
  { python: "cert_time_to_seconds", sslkit: "certTimeToSeconds", kind: "alias", note: "" },
  { python: "DER_cert_to_PEM_cert", sslkit: "derToPEM", kind: "alias", note: "" },
  { python: "PEM_cert_to_DER_cert", sslkit: "pemToDER", kind: "alias", note: "Returns a `Uint8Array` (Python: `bytes`)." },
  { python: "RAND_status", sslkit: "randStatus", kind: "alias", note: "" },
  { python: "RAND_add", sslkit: "randAdd", kind: "alias", note: "" },
  { python: "RAND_egd", sslkit: "randEgd", kind: "alias", note: "Returns a Promise; an optional second argument takes `bytes`, `blocking`, `timeout`. Removed from Python 3.6." },
  { python: "RAND_bytes", sslkit: "randBytes", kind: "alias", note: "Returns a `Uint8Array`." },
  { python: "RAND_pseudo_bytes", sslkit: "randPseudoBytes", kind: "alias", note: "Returns `[bytes, isCryptographic]`. Removed from Python 3.12." },
  { python: "create_default_context", sslkit: "createDefaultContext", kind: "adapter", note: "`create_default_context(purpose?, { cafile, capath, cadata })` (the purpose may also be a `purpose` keyword); returns this module's `SSLContext`." },
  { python: "match_hostname", sslkit: "matchHostname", kind: "alias", note: "Removed from Python 3.12 (`check_hostname` does it in the handshake)." },
  { python: "get_default_verify_paths", sslkit: "getDefaultVerifyPaths", kind: "adapter", note: "Returns Python's field names: `cafile`, `capath`, `openssl_cafile_env`, `openssl_cafile`, `openssl_capath_env`, `openssl_capath`." },

  // Classes
  { python: "SSLContext", sslkit: "SSLContext", kind: "adapter", note: "A subclass of sslkit's `SSLContext` adding the Python names below; instances are sslkit contexts." },
  { python: "SSLSocket", sslkit: "SSLSocket", kind: "adapter", note: "A subclass of sslkit's `SSLSocket` adding the Python names below; made by `wrap_socket`, never with `new`." },
  { python: "MemoryBIO", sslkit: "MemoryBIO", kind: "adapter", note: "A subclass of sslkit's `MemoryBIO` adding `write_eof`." },
  { python: "SSLObject", sslkit: "SSLObject", kind: "adapter", note: "A subclass of sslkit's `SSLObject` adding the Python names below; made by `SSLContext.wrap_bio`, never with `new`. Synchronous, as in Python." },
  { python: "SSLSession", sslkit: "SSLSession", kind: "adapter", note: "A subclass of sslkit's `SSLSession` adding the Python names below; read from `session`, never made with `new`." },
  { python: "socket", sslkit: "Socket", kind: "adapter", note: "Python's `socket.socket` (which `ssl` imports): a subclass of sslkit's `Socket` adding `settimeout` and friends. `listen`, `connect`, `accept`, `recv`, `send`, `sendall` and `close` return Promises." },

  // Exceptions
  ...same(
    ["SSLError", "SSLZeroReturnError", "SSLWantReadError", "SSLWantWriteError", "SSLSyscallError", "SSLEOFError", "SSLCertVerificationError", "CertificateError"],
    "The same class; sslkit adds a stable `code`.",
  ),

  // Enumerations
  ...same(["VerifyMode", "TLSVersion", "Options", "VerifyFlags", "Purpose", "AlertDescription", "SSLErrorNumber"], "A frozen object of Python's members (`as const`), not an `enum.IntEnum`."),

  // Constants
  ...same(["CERT_NONE", "CERT_OPTIONAL", "CERT_REQUIRED"], ""),
  ...same(
    ["PROTOCOL_SSLv2", "PROTOCOL_SSLv3"],
    "Kept for old code; no OpenSSL that Node runs supports it (Python defines it only when OpenSSL does).",
  ),
  ...same(
    ["PROTOCOL_SSLv23", "PROTOCOL_TLS", "PROTOCOL_TLSv1", "PROTOCOL_TLSv1_1", "PROTOCOL_TLSv1_2", "PROTOCOL_TLS_CLIENT", "PROTOCOL_TLS_SERVER"],
    "",
  ),
  ...same(
    [
      "OP_ALL",
      "OP_NO_SSLv2",
      "OP_NO_SSLv3",
      "OP_NO_TLSv1",
      "OP_NO_TLSv1_1",
      "OP_NO_TLSv1_2",
      "OP_NO_TLSv1_3",
      "OP_NO_COMPRESSION",
      "OP_CIPHER_SERVER_PREFERENCE",
      "OP_SINGLE_DH_USE",
      "OP_SINGLE_ECDH_USE",
      "OP_NO_TICKET",
      "OP_NO_RENEGOTIATION",
      "OP_ENABLE_MIDDLEBOX_COMPAT",
      "OP_IGNORE_UNEXPECTED_EOF",
    ],
    "",
  ),
  { python: "OP_LEGACY_SERVER_CONNECT", sslkit: "OP_LEGACY_SERVER_CONNECT", kind: "alias", note: "Python 3.12+." },
  ...same(
    ["VERIFY_DEFAULT", "VERIFY_CRL_CHECK_LEAF", "VERIFY_CRL_CHECK_CHAIN", "VERIFY_X509_STRICT", "VERIFY_ALLOW_PROXY_CERTS", "VERIFY_X509_TRUSTED_FIRST", "VERIFY_X509_PARTIAL_CHAIN"],
    "",
  ),
  ...same(
    [
      "SSL_ERROR_SSL",
      "SSL_ERROR_WANT_READ",
      "SSL_ERROR_WANT_WRITE",
      "SSL_ERROR_WANT_X509_LOOKUP",
      "SSL_ERROR_SYSCALL",
      "SSL_ERROR_ZERO_RETURN",
      "SSL_ERROR_WANT_CONNECT",
      "SSL_ERROR_EOF",
      "SSL_ERROR_INVALID_ERROR_CODE",
    ],
    "",
  ),
  ...same(
    ["HAS_SNI", "HAS_ALPN", "HAS_NPN", "HAS_ECDH", "HAS_NEVER_CHECK_COMMON_NAME", "HAS_SSLv2", "HAS_SSLv3", "HAS_TLSv1", "HAS_TLSv1_1", "HAS_TLSv1_2", "HAS_TLSv1_3"],
    "",
  ),
  ...same(["OPENSSL_VERSION", "OPENSSL_VERSION_INFO", "OPENSSL_VERSION_NUMBER"], "Node's OpenSSL, not the system's."),
  ...same(["AF_INET", "AF_INET6", "SHUT_RD", "SHUT_WR", "SHUT_RDWR"], "From Python's `socket` module."),

  // SSLContext methods and properties
  { python: "SSLContext.load_cert_chain", sslkit: "SSLContext.loadCertChain", kind: "alias", note: "`password` may be a string, bytes or a function returning one." },
  { python: "SSLContext.load_verify_locations", sslkit: "SSLContext.loadVerifyLocations", kind: "adapter", note: "Positional `(cafile, capath, cadata)` or one keyword object `{ cafile, capath, cadata }`." },
  { python: "SSLContext.load_default_certs", sslkit: "SSLContext.loadDefaultCerts", kind: "alias", note: "The `purpose` argument is ignored, as Python ignores it outside Windows." },
  { python: "SSLContext.set_default_verify_paths", sslkit: "SSLContext.setDefaultVerifyPaths", kind: "alias", note: "" },
  { python: "SSLContext.set_ciphers", sslkit: "SSLContext.setCiphers", kind: "alias", note: "" },
  { python: "SSLContext.get_ciphers", sslkit: "SSLContext.getCiphers", kind: "alias", note: "The dicts keep Python's keys (`strength_bits`, `alg_bits`, …)." },
  { python: "SSLContext.set_alpn_protocols", sslkit: "SSLContext.setALPNProtocols", kind: "alias", note: "" },
  { python: "SSLContext.set_ecdh_curve", sslkit: "SSLContext.setEcdhCurve", kind: "alias", note: "" },
  { python: "SSLContext.get_ca_certs", sslkit: "SSLContext.getCaCerts", kind: "alias", note: "" },
  { python: "SSLContext.cert_store_stats", sslkit: "SSLContext.certStoreStats", kind: "alias", note: "" },
  { python: "SSLContext.session_stats", sslkit: "SSLContext.sessionStats", kind: "alias", note: "Counts the handshakes of the SSLSockets and SSLObjects sslkit makes; `number`, `timeouts` and `cache_full` stay 0 (Node's SSL_CTX has no internal session cache)." },
  { python: "SSLContext.wrap_socket", sslkit: "SSLContext.wrapSocket", kind: "adapter", note: "Keywords `server_side`, `do_handshake_on_connect`, `suppress_ragged_eofs`, `server_hostname`, `session` in one object; resolves this module's `SSLSocket`." },
  { python: "SSLContext.wrap_bio", sslkit: "SSLContext.wrapBIO", kind: "adapter", note: "Keywords `server_side`, `server_hostname`, `session` in one object; returns this module's `SSLObject`." },
  { python: "SSLContext.verify_mode", sslkit: "SSLContext.verifyMode", kind: "alias", note: "Property." },
  { python: "SSLContext.check_hostname", sslkit: "SSLContext.checkHostname", kind: "alias", note: "Property." },
  { python: "SSLContext.hostname_checks_common_name", sslkit: "SSLContext.hostnameChecksCommonName", kind: "alias", note: "Property." },
  { python: "SSLContext.minimum_version", sslkit: "SSLContext.minimumVersion", kind: "alias", note: "Property." },
  { python: "SSLContext.maximum_version", sslkit: "SSLContext.maximumVersion", kind: "alias", note: "Property." },
  { python: "SSLContext.verify_flags", sslkit: "SSLContext.verifyFlags", kind: "alias", note: "Property." },
  { python: "SSLContext.security_level", sslkit: "SSLContext.securityLevel", kind: "alias", note: "Read-only property." },
  { python: "SSLContext.sni_callback", sslkit: "SSLContext.sniCallback", kind: "alias", note: "Property; the callback receives sslkit's socket and context objects." },
  { python: "SSLContext.keylog_filename", sslkit: "SSLContext.keylogFilename", kind: "alias", note: "Property." },
  ...members("SSLContext", ["options", "protocol"], "Property with the same name."),

  // SSLSocket methods and properties
  { python: "SSLSocket.getpeercert", sslkit: "SSLSocket.getPeerCert", kind: "alias", note: "`getpeercert(true)` for DER bytes." },
  { python: "SSLSocket.do_handshake", sslkit: "SSLSocket.doHandshake", kind: "alias", note: "Returns a Promise." },
  { python: "SSLSocket.shared_ciphers", sslkit: "SSLSocket.sharedCiphers", kind: "alias", note: "" },
  { python: "SSLSocket.selected_alpn_protocol", sslkit: "SSLSocket.selectedALPNProtocol", kind: "alias", note: "" },
  { python: "SSLSocket.get_channel_binding", sslkit: "SSLSocket.getChannelBinding", kind: "alias", note: "" },
  { python: "SSLSocket.recv_into", sslkit: "SSLSocket.recvInto", kind: "alias", note: "Returns a Promise." },
  { python: "SSLSocket.settimeout", sslkit: "SSLSocket.setTimeout", kind: "alias", note: "" },
  { python: "SSLSocket.gettimeout", sslkit: "SSLSocket.getTimeout", kind: "alias", note: "" },
  { python: "SSLSocket.setblocking", sslkit: "SSLSocket.setBlocking", kind: "alias", note: "" },
  { python: "SSLSocket.getblocking", sslkit: "SSLSocket.getBlocking", kind: "alias", note: "" },
  { python: "SSLSocket.server_side", sslkit: "SSLSocket.serverSide", kind: "alias", note: "Read-only property." },
  { python: "SSLSocket.server_hostname", sslkit: "SSLSocket.serverHostname", kind: "alias", note: "Read-only property." },
  { python: "SSLSocket.session_reused", sslkit: "SSLSocket.sessionReused", kind: "alias", note: "Read-only property." },
  { python: "SSLSocket.session", sslkit: "SSLSocket.session", kind: "adapter", note: "Property; reads as this module's `SSLSession`. With TLS 1.3 resumable once the first `recv()` read the server's tickets." },
  { python: "SSLSocket.accept", sslkit: "SSLSocket.accept", kind: "adapter", note: "Resolves `[SSLSocket, address]` with this module's `SSLSocket`." },
  { python: "SSLSocket.unwrap", sslkit: "SSLSocket.unwrap", kind: "adapter", note: "Resolves this module's `socket`." },
  ...members(
    "SSLSocket",
    ["cipher", "version", "pending", "compression", "recv", "read", "send", "write", "sendall", "connect", "close", "getpeername", "getsockname", "context", "family"],
    "Same name; I/O methods return Promises.",
  ),

  // SSLObject methods and properties
  { python: "SSLObject.do_handshake", sslkit: "SSLObject.doHandshake", kind: "alias", note: "Synchronous; `SSLWantReadError` when the peer's bytes are needed." },
  { python: "SSLObject.getpeercert", sslkit: "SSLObject.getPeerCert", kind: "alias", note: "`getpeercert(true)` for DER bytes." },
  { python: "SSLObject.shared_ciphers", sslkit: "SSLObject.sharedCiphers", kind: "alias", note: "" },
  { python: "SSLObject.selected_alpn_protocol", sslkit: "SSLObject.selectedALPNProtocol", kind: "alias", note: "" },
  { python: "SSLObject.get_channel_binding", sslkit: "SSLObject.getChannelBinding", kind: "alias", note: "" },
  { python: "SSLObject.server_side", sslkit: "SSLObject.serverSide", kind: "alias", note: "Read-only property." },
  { python: "SSLObject.server_hostname", sslkit: "SSLObject.serverHostname", kind: "alias", note: "Read-only property." },
  { python: "SSLObject.session_reused", sslkit: "SSLObject.sessionReused", kind: "alias", note: "Read-only property." },
  { python: "SSLObject.session", sslkit: "SSLObject.session", kind: "adapter", note: "Property; reads as this module's `SSLSession`. With TLS 1.3 resumable once a `read()` processed the server's tickets." },
  ...members("SSLObject", ["read", "write", "unwrap", "pending", "cipher", "version", "compression", "context"], "Same name; synchronous."),

  // MemoryBIO methods and properties
  { python: "MemoryBIO.write_eof", sslkit: "MemoryBIO.writeEof", kind: "alias", note: "" },
  ...members("MemoryBIO", ["read", "write", "pending", "eof"], "Same name; `pending` and `eof` are read-only properties."),

  // SSLSession properties
  { python: "SSLSession.has_ticket", sslkit: "SSLSession.hasTicket", kind: "alias", note: "Read-only property." },
  { python: "SSLSession.ticket_lifetime_hint", sslkit: "SSLSession.ticketLifetimeHint", kind: "alias", note: "Read-only property." },
  { python: "SSLSession.__eq__", sslkit: "SSLSession.equals", kind: "alias", note: "Python's `==`: the same session id." },
  ...members("SSLSession", ["id", "time", "timeout"], "Read-only property with the same name."),

  // socket methods
  { python: "socket.settimeout", sslkit: "Socket.setTimeout", kind: "alias", note: "" },
  { python: "socket.gettimeout", sslkit: "Socket.getTimeout", kind: "alias", note: "" },
  { python: "socket.setblocking", sslkit: "Socket.setBlocking", kind: "alias", note: "" },
  { python: "socket.getblocking", sslkit: "Socket.getBlocking", kind: "alias", note: "" },
  { python: "socket.recv_into", sslkit: "Socket.recvInto", kind: "alias", note: "Returns a Promise." },
  { python: "socket.accept", sslkit: "Socket.accept", kind: "adapter", note: "Resolves `[socket, address]` with this module's `socket`." },
  ...["bind", "listen", "connect", "recv", "send", "sendall", "shutdown", "close", "getpeername", "getsockname", "family"].map(
    (name): PythonMappingEntry => ({ python: `socket.${name}`, sslkit: `Socket.${name}`, kind: "alias", note: "Same name; I/O methods return Promises." }),
  ),
];
