/**
 * Every stable `code` that `@sslkit/context` throws (besides Node's `ERR_INVALID_ARG_*` /
 * `ERR_OUT_OF_RANGE` for wrong argument types and values).
 *
 * @example
 * ```ts
 * catch (e) { if (isSSLKitError(e) && e.code === ContextErrorCode.BAD_PASSWORD) askAgain(); }
 * ```
 */
export const ContextErrorCode = {
  /** `new SSLContext(PROTOCOL_SSLv2 | PROTOCOL_SSLv3)`: Node's OpenSSL has no SSLv2/SSLv3 (an `SSLError`). */
  PROTOCOL_UNSUPPORTED: "ERR_SSLKIT_CONTEXT_PROTOCOL_UNSUPPORTED",
  /** `verifyMode = CERT_NONE` while `checkHostname` is on (Python's `ValueError`). */
  CHECK_HOSTNAME_ENABLED: "ERR_SSLKIT_CONTEXT_CHECK_HOSTNAME_ENABLED",
  /** `minimumVersion`/`maximumVersion` on a fixed-version protocol (Python's `ValueError`). */
  VERSION_FIXED: "ERR_SSLKIT_CONTEXT_VERSION_FIXED",
  /** A verify flag Node's TLS cannot enforce (`VERIFY_ALLOW_PROXY_CERTS`). */
  VERIFY_FLAG_UNSUPPORTED: "ERR_SSLKIT_CONTEXT_VERIFY_FLAG_UNSUPPORTED",
  /** A file named by the caller does not exist. */
  FILE_NOT_FOUND: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND",
  /** A file exists but cannot be read (permissions, a directory, …). */
  FILE_UNREADABLE: "ERR_SSLKIT_CONTEXT_FILE_UNREADABLE",
  /** `loadCertChain`: no `CERTIFICATE` block in the certificate file (an `SSLError`). */
  NO_CERTIFICATE: "ERR_SSLKIT_CONTEXT_NO_CERTIFICATE",
  /** `loadCertChain`: no private key in the key file (or the certificate file) (an `SSLError`). */
  NO_PRIVATE_KEY: "ERR_SSLKIT_CONTEXT_NO_PRIVATE_KEY",
  /** `loadCertChain`: the key is encrypted and no password was given (an `SSLError`). */
  PASSWORD_REQUIRED: "ERR_SSLKIT_CONTEXT_PASSWORD_REQUIRED",
  /** `loadCertChain`: the password does not decrypt the key (an `SSLError`). */
  BAD_PASSWORD: "ERR_SSLKIT_CONTEXT_BAD_PASSWORD",
  /** `loadCertChain`: the private key does not belong to the certificate (an `SSLError`). */
  KEY_MISMATCH: "ERR_SSLKIT_CONTEXT_KEY_MISMATCH",
  /** A PEM/DER input that OpenSSL cannot read as a certificate or key (an `SSLError`). */
  BAD_CERTIFICATE: "ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE",
  /** `loadVerifyLocations`: no certificate (or CRL) in `caFile`/`caData` (an `SSLError`). */
  NO_CA_CERTIFICATE: "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE",
  /** `setCiphers`: no cipher matches the string (an `SSLError`). */
  NO_CIPHER_MATCH: "ERR_SSLKIT_CONTEXT_NO_CIPHER_MATCH",
  /** `setALPNProtocols`: a protocol name is empty or longer than 255 bytes (an `SSLError`). */
  BAD_ALPN_PROTOCOL: "ERR_SSLKIT_CONTEXT_BAD_ALPN_PROTOCOL",
  /** `setEcdhCurve`: OpenSSL does not know the curve. */
  UNKNOWN_CURVE: "ERR_SSLKIT_CONTEXT_UNKNOWN_CURVE",
  /** `toTLSOptions`: a client socket from a server-only context or the reverse. */
  WRONG_SIDE: "ERR_SSLKIT_CONTEXT_WRONG_SIDE",
  /** `toTLSOptions`: `checkHostname` is on and no `serverHostname` was given. */
  HOSTNAME_REQUIRED: "ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED",
  /** `toTLSOptions`: a `serverHostname` for a server-side socket. */
  HOSTNAME_ON_SERVER: "ERR_SSLKIT_CONTEXT_HOSTNAME_ON_SERVER",
} as const;
/** One of the {@link ContextErrorCode} values. */
export type ContextErrorCode = (typeof ContextErrorCode)[keyof typeof ContextErrorCode];
