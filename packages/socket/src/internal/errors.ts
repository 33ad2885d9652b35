import { SSLKitError } from "@sslkit/errors";
import { SocketErrorCode } from "../error-codes.js";

/** Python's `OSError: [Errno 9] Bad file descriptor` for a closed or detached socket. */
export function closedError(what = "socket"): SSLKitError {
  return new SSLKitError(SocketErrorCode.CLOSED, `Bad file descriptor: the ${what} is closed or detached`);
}

/** Python's `OSError: [Errno 107] Transport endpoint is not connected`. */
export function notConnectedError(): SSLKitError {
  return new SSLKitError(SocketErrorCode.NOT_CONNECTED, "Transport endpoint is not connected");
}

/** Python's `BlockingIOError: [Errno 11] Resource temporarily unavailable`. */
export function wouldBlockError(): SSLKitError {
  return new SSLKitError(SocketErrorCode.WOULD_BLOCK, "Resource temporarily unavailable");
}
