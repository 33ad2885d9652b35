// sslkit/python: Python's ssl names over the sslkit API, every row of mapping.ts and nothing else.
export { PYTHON_MAPPING } from "./mapping.js";
export type { PythonMappingEntry, PythonMappingKind } from "./mapping.js";
export { PythonAdapterErrorCode } from "../error-codes.js";

export { wrap_socket } from "./wrap-socket.js";
export type { WrapSocketKeywords } from "./wrap-socket.js";
export { get_server_certificate } from "./get-server-certificate.js";
export type { GetServerCertificateKeywords } from "./get-server-certificate.js";
export { create_default_context } from "./create-default-context.js";
export type { CreateDefaultContextKeywords } from "./create-default-context.js";
export { get_default_verify_paths } from "./get-default-verify-paths.js";
export type { DefaultVerifyPaths } from "./get-default-verify-paths.js";
export { SSLContext } from "./ssl-context.js";
export type { LoadVerifyLocationsKeywords, SSLContextWrapSocketKeywords, SSLContextWrapBIOKeywords } from "./ssl-context.js";
export { SSLSocket } from "./ssl-socket.js";
export { MemoryBIO } from "./memory-bio.js";
export { SSLObject } from "./ssl-object.js";
export { SSLSession } from "./ssl-session.js";
export { socket } from "./socket.js";

export { certTimeToSeconds as cert_time_to_seconds, matchHostname as match_hostname } from "@sslkit/x509";
export { derToPEM as DER_cert_to_PEM_cert, pemToDER as PEM_cert_to_DER_cert } from "@sslkit/pem";
export {
  randStatus as RAND_status,
  randAdd as RAND_add,
  randEgd as RAND_egd,
  randBytes as RAND_bytes,
  randPseudoBytes as RAND_pseudo_bytes,
} from "@sslkit/rand";

export {
  SSLError,
  SSLZeroReturnError,
  SSLWantReadError,
  SSLWantWriteError,
  SSLSyscallError,
  SSLEOFError,
  SSLCertVerificationError,
  CertificateError,
  SSLErrorNumber,
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

export {
  VerifyMode,
  TLSVersion,
  Options,
  VerifyFlags,
  Purpose,
  AlertDescription,
  CERT_NONE,
  CERT_OPTIONAL,
  CERT_REQUIRED,
  PROTOCOL_SSLv2,
  PROTOCOL_SSLv3,
  PROTOCOL_SSLv23,
  PROTOCOL_TLS,
  PROTOCOL_TLSv1,
  PROTOCOL_TLSv1_1,
  PROTOCOL_TLSv1_2,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
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
  VERIFY_DEFAULT,
  VERIFY_CRL_CHECK_LEAF,
  VERIFY_CRL_CHECK_CHAIN,
  VERIFY_X509_STRICT,
  VERIFY_ALLOW_PROXY_CERTS,
  VERIFY_X509_TRUSTED_FIRST,
  VERIFY_X509_PARTIAL_CHAIN,
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
  OPENSSL_VERSION,
  OPENSSL_VERSION_INFO,
  OPENSSL_VERSION_NUMBER,
} from "@sslkit/context";
export { AF_INET, AF_INET6, SHUT_RD, SHUT_WR, SHUT_RDWR } from "@sslkit/socket";
