/**
 * Every stable `code` that `@sslkit/socket` throws itself (besides Node's `ERR_INVALID_ARG_*`
 * / `ERR_OUT_OF_RANGE` for wrong arguments, the `SSLError` family's `ERR_SSLKIT_SSL_*` codes
 * from `@sslkit/errors`, and system errors such as `ECONNREFUSED` / `ECONNRESET`, which are
 * passed through as Python passes `OSError`s through).
 *
 * @example
 * ```ts
 * catch (e) { if (isSSLKitError(e) && e.code === SocketErrorCode.TIMEOUT) retry(); }
 * ```
 */
export const SocketErrorCode = {
  /** An operation did not finish within the socket's timeout (a {@link @sslkit/errors!TimeoutError}, Python's `socket.timeout`). */
  TIMEOUT: "ERR_SSLKIT_SOCKET_TIMEOUT",
  /** A non-blocking plain socket has nothing to read or cannot write now (Python's `BlockingIOError`). */
  WOULD_BLOCK: "ERR_SSLKIT_SOCKET_WOULD_BLOCK",
  /** The socket was closed, detached (wrapped or unwrapped) or never opened (Python's `OSError` EBADF). */
  CLOSED: "ERR_SSLKIT_SOCKET_CLOSED",
  /** An operation needs a connected socket (Python's `OSError` ENOTCONN). */
  NOT_CONNECTED: "ERR_SSLKIT_SOCKET_NOT_CONNECTED",
  /** `connect` on a socket that is already connected or listening (Python's `OSError` EISCONN). */
  ALREADY_CONNECTED: "ERR_SSLKIT_SOCKET_ALREADY_CONNECTED",
  /** `accept` on a socket that is not listening (Python's `OSError` EINVAL). */
  NOT_LISTENING: "ERR_SSLKIT_SOCKET_NOT_LISTENING",
  /** A TLS operation that needs a finished handshake (Python's `ValueError`/`OSError`). */
  HANDSHAKE_NOT_DONE: "ERR_SSLKIT_SOCKET_HANDSHAKE_NOT_DONE",
  /** `unwrap()` after the TLS layer is gone, or a second `unwrap()` in progress. */
  NOT_WRAPPED: "ERR_SSLKIT_SOCKET_NOT_WRAPPED",
  /** Setting a session on the server side (Python's `ValueError`). */
  SESSION_SERVER_SIDE: "ERR_SSLKIT_SOCKET_SESSION_SERVER_SIDE",
  /** Setting a session once the handshake has started (Python's `ValueError`: after the handshake). */
  SESSION_AFTER_HANDSHAKE: "ERR_SSLKIT_SOCKET_SESSION_AFTER_HANDSHAKE",
  /** A session made by a connection of another context (Python's `ValueError`). */
  SESSION_CONTEXT_MISMATCH: "ERR_SSLKIT_SOCKET_SESSION_CONTEXT_MISMATCH",
} as const;
/** One of the {@link SocketErrorCode} values. */
export type SocketErrorCode = (typeof SocketErrorCode)[keyof typeof SocketErrorCode];
