import { SSLKitError } from "./sslkit-error.js";

/**
 * An operation did not finish within the socket's timeout (`Socket.setTimeout` of `@sslkit/socket`): Python's
 * `TimeoutError` (`socket.timeout`). The socket stays usable, as in Python.
 *
 * @example
 * ```ts
 * sock.setTimeout(2);
 * try { await sock.recv(1024); } catch (e) { if (e instanceof TimeoutError) console.log("no data for 2 s"); }
 * ```
 * @see Python {@link https://docs.python.org/3/library/socket.html#socket.timeout | socket.timeout}
 */
export class TimeoutError extends SSLKitError {
  /**
   * Makes a timeout error (`ERR_SSLKIT_SOCKET_TIMEOUT`) with Python's message.
   *
   * @param message - Python's text, e.g. `"timed out"` or `"The read operation timed out"`.
   */
  constructor(message = "timed out") {
    super("ERR_SSLKIT_SOCKET_TIMEOUT", message);
  }
}
