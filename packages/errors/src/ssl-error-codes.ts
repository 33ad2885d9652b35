/**
 * `SSL_get_error()` results, with the names and values Python's `ssl` module exposes
 * (`ssl.SSL_ERROR_WANT_READ == 2`, …). They are `SSLError.errno` and `SSLError.args[0]`.
 *
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSL_ERROR_WANT_READ | ssl.SSL_ERROR_*}
 */
export const SSLErrorNumber = {
  /** {@inheritDoc SSL_ERROR_SSL} */
  SSL_ERROR_SSL: 1,
  /** {@inheritDoc SSL_ERROR_WANT_READ} */
  SSL_ERROR_WANT_READ: 2,
  /** {@inheritDoc SSL_ERROR_WANT_WRITE} */
  SSL_ERROR_WANT_WRITE: 3,
  /** {@inheritDoc SSL_ERROR_WANT_X509_LOOKUP} */
  SSL_ERROR_WANT_X509_LOOKUP: 4,
  /** {@inheritDoc SSL_ERROR_SYSCALL} */
  SSL_ERROR_SYSCALL: 5,
  /** {@inheritDoc SSL_ERROR_ZERO_RETURN} */
  SSL_ERROR_ZERO_RETURN: 6,
  /** {@inheritDoc SSL_ERROR_WANT_CONNECT} */
  SSL_ERROR_WANT_CONNECT: 7,
  /** {@inheritDoc SSL_ERROR_EOF} */
  SSL_ERROR_EOF: 8,
  /** {@inheritDoc SSL_ERROR_INVALID_ERROR_CODE} */
  SSL_ERROR_INVALID_ERROR_CODE: 10,
} as const;
export type SSLErrorNumber = (typeof SSLErrorNumber)[keyof typeof SSLErrorNumber];

/** `ssl.SSL_ERROR_SSL`: a failure in the TLS library (protocol error, bad certificate, …). */
export const SSL_ERROR_SSL = 1;
/** `ssl.SSL_ERROR_WANT_READ`: a non-blocking operation needs more input first. */
export const SSL_ERROR_WANT_READ = 2;
/** `ssl.SSL_ERROR_WANT_WRITE`: a non-blocking operation needs its output flushed first. */
export const SSL_ERROR_WANT_WRITE = 3;
/** `ssl.SSL_ERROR_WANT_X509_LOOKUP`: a certificate callback has not finished. */
export const SSL_ERROR_WANT_X509_LOOKUP = 4;
/** `ssl.SSL_ERROR_SYSCALL`: the transport failed (reset, closed, I/O error). */
export const SSL_ERROR_SYSCALL = 5;
/** `ssl.SSL_ERROR_ZERO_RETURN`: the peer closed the TLS connection cleanly. */
export const SSL_ERROR_ZERO_RETURN = 6;
/** `ssl.SSL_ERROR_WANT_CONNECT`: the transport is not connected yet. */
export const SSL_ERROR_WANT_CONNECT = 7;
/** `ssl.SSL_ERROR_EOF`: the transport closed without a TLS close_notify. */
export const SSL_ERROR_EOF = 8;
/** `ssl.SSL_ERROR_INVALID_ERROR_CODE`: an error Python cannot classify. */
export const SSL_ERROR_INVALID_ERROR_CODE = 10;
