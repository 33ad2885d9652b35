export {
  VerifyMode,
  CERT_NONE,
  CERT_OPTIONAL,
  CERT_REQUIRED,
  Protocol,
  PROTOCOL_SSLv2,
  PROTOCOL_SSLv3,
  PROTOCOL_SSLv23,
  PROTOCOL_TLS,
  PROTOCOL_TLSv1,
  PROTOCOL_TLSv1_1,
  PROTOCOL_TLSv1_2,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  TLSVersion,
  Options,
  OP_ALL,
  OP_NO_SSLv2,
  OP_NO_SSLv3,
  OP_NO_TLSv1,
  OP_NO_TLSv1_1,
  OP_NO_TLSv1_2,
  OP_NO_TLSv1_3,
  OP_NO_COMPRESSION,
  OP_CIPHER_SERVER_PREFERENCE,
  OP_SINGLE_DH_USE,
  OP_SINGLE_ECDH_USE,
  OP_NO_TICKET,
  OP_NO_RENEGOTIATION,
  OP_ENABLE_MIDDLEBOX_COMPAT,
  OP_IGNORE_UNEXPECTED_EOF,
  OP_LEGACY_SERVER_CONNECT,
  VerifyFlags,
  VERIFY_DEFAULT,
  VERIFY_CRL_CHECK_LEAF,
  VERIFY_CRL_CHECK_CHAIN,
  VERIFY_X509_STRICT,
  VERIFY_ALLOW_PROXY_CERTS,
  VERIFY_X509_TRUSTED_FIRST,
  VERIFY_X509_PARTIAL_CHAIN,
  Purpose,
  AlertDescription,
} from "./constants.js";
export type { PurposeObject } from "./constants.js";
export { OPENSSL_VERSION, OPENSSL_VERSION_INFO, OPENSSL_VERSION_NUMBER } from "./version.js";
export {
  HAS_SNI,
  HAS_ALPN,
  HAS_NPN,
  HAS_ECDH,
  HAS_NEVER_CHECK_COMMON_NAME,
  HAS_SSLv2,
  HAS_SSLv3,
  HAS_TLSv1,
  HAS_TLSv1_1,
  HAS_TLSv1_2,
  HAS_TLSv1_3,
} from "./has.js";
export { mapTLSError } from "./map-tls-error.js";
export {
  SSL_ERROR_SSL,
  SSL_ERROR_WANT_READ,
  SSL_ERROR_WANT_WRITE,
  SSL_ERROR_WANT_X509_LOOKUP,
  SSL_ERROR_SYSCALL,
  SSL_ERROR_ZERO_RETURN,
  SSL_ERROR_WANT_CONNECT,
  SSL_ERROR_EOF,
  SSL_ERROR_INVALID_ERROR_CODE,
} from "@sslkit/errors";
export { SSLContext } from "./ssl-context.js";
export type {
  CipherInfo,
  CertStoreStats,
  VerifyLocations,
  SNICallback,
  TLSOptionsRequest,
  SSLContextTLSOptions,
} from "./ssl-context.js";
export type { SessionStats, HandshakeEvent } from "./internal/session-counters.js";
export type { PasswordInput } from "./internal/cert-chain.js";
export { createDefaultContext } from "./create-default-context.js";
export type { DefaultContextOptions } from "./create-default-context.js";
export { getDefaultVerifyPaths } from "./default-verify-paths.js";
export type { DefaultVerifyPaths } from "./default-verify-paths.js";
export { ContextErrorCode } from "./error-codes.js";
