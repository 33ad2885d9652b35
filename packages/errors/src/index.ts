export { SSLKitError, isSSLKitError } from "./sslkit-error.js";
export type { SSLKitErrorCode } from "./sslkit-error.js";
export { PEMError, X509Error, RandError } from "./area-errors.js";
export type { InputPosition } from "./area-errors.js";
export {
  SSLError,
  SSLZeroReturnError,
  SSLWantReadError,
  SSLWantWriteError,
  SSLSyscallError,
  SSLEOFError,
  SSLCertVerificationError,
  CertificateError,
} from "./ssl-error.js";
export type { SSLErrorOptions, SSLCertVerificationErrorOptions } from "./ssl-error.js";
export {
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
} from "./ssl-error-codes.js";
export { TimeoutError } from "./timeout-error.js";
export { invalidArgTypeError, invalidArgValueError, outOfRangeError } from "./invalid-argument.js";
