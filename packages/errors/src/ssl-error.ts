import { SSLKitError } from "./sslkit-error.js";
import type { SSLKitErrorCode } from "./sslkit-error.js";
import {
  SSL_ERROR_EOF,
  SSL_ERROR_SSL,
  SSL_ERROR_SYSCALL,
  SSL_ERROR_WANT_READ,
  SSL_ERROR_WANT_WRITE,
  SSL_ERROR_ZERO_RETURN,
} from "./ssl-error-codes.js";

/** What an {@link SSLError} is made from. */
export interface SSLErrorOptions extends ErrorOptions {
  /** The `SSL_ERROR_*` number. @defaultValue `SSL_ERROR_SSL` */
  readonly errno?: number;
  /** OpenSSL library mnemonic, as Python's `SSLError.library` (`"SSL"`, `"PEM"`, `"X509"`, …). */
  readonly library?: string | undefined;
  /** OpenSSL reason mnemonic, as Python's `SSLError.reason` (`"CERTIFICATE_VERIFY_FAILED"`, …). */
  readonly reason?: string | undefined;
  /** A more specific stable code than the class default. */
  readonly code?: SSLKitErrorCode;
}

/**
 * Formats a message the way CPython's `str(SSLError)` does, minus the C file and line:
 * `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: …`.
 */
function pythonStyleMessage(message: string, library: string | undefined, reason: string | undefined): string {
  if (reason === undefined) return message;
  return library === undefined ? `[${reason}] ${message}` : `[${library}: ${reason}] ${message}`;
}

/**
 * A TLS-level failure, shaped like Python's `ssl.SSLError` (an `OSError`): `errno` is an
 * `SSL_ERROR_*` number, `args` is `[errno, message]`, `library` and `reason` name OpenSSL's
 * error when known.
 *
 * @example
 * ```ts
 * try { await sock.doHandshake(); } catch (e) {
 *   if (e instanceof SSLError) console.error(e.errno, e.library, e.reason, e.message);
 * }
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLError | ssl.SSLError}
 */
export class SSLError extends SSLKitError {
  /** The `SSL_ERROR_*` number (Python's `OSError.errno`). */
  readonly errno: number;
  /** OpenSSL library mnemonic, or `undefined` (Python's `SSLError.library`). */
  readonly library: string | undefined;
  /** OpenSSL reason mnemonic, or `undefined` (Python's `SSLError.reason`). */
  readonly reason: string | undefined;
  /** The message without the `[LIB: REASON]` prefix (Python's `OSError.strerror`). */
  readonly strerror: string;
  /** `[errno, strerror]`, as Python's `SSLError.args`. */
  readonly args: readonly [number, string];

  /**
   * Makes an error shaped like Python's `ssl.SSLError` (`errno`, `library`, `reason`, `args`).
   *
   * @param message - What happened, without the `[LIB: REASON]` prefix (it is added).
   * @param options - `errno`, `library`, `reason`, `code`, `cause`.
   */
  constructor(message: string, options: SSLErrorOptions = {}) {
    const { errno = SSL_ERROR_SSL, library, reason, code, ...errorOptions } = options;
    super(code ?? defaultCodeFor(new.target), pythonStyleMessage(message, library, reason), errorOptions);
    this.errno = errno;
    this.library = library;
    this.reason = reason;
    this.strerror = pythonStyleMessage(message, library, reason);
    this.args = [errno, this.strerror];
  }
}

/** The TLS connection was closed cleanly by the peer (Python's `ssl.SSLZeroReturnError`). */
export class SSLZeroReturnError extends SSLError {
  /**
   * Makes the error with `errno` {@link SSL_ERROR_ZERO_RETURN} and Python's default message.
   *
   * @param message - The text; defaults to Python's.
   * @param options - `library`, `reason`, `code`, `cause` (see {@link SSLError}).
   */
  constructor(message = "TLS/SSL connection has been closed (EOF)", options: SSLErrorOptions = {}) {
    super(message, { errno: SSL_ERROR_ZERO_RETURN, ...options });
  }
}

/**
 * A non-blocking socket must receive more data before the operation can finish
 * (Python's `ssl.SSLWantReadError`); `await sock.waitReadable()` and retry.
 */
export class SSLWantReadError extends SSLError {
  /**
   * Makes the error with `errno` {@link SSL_ERROR_WANT_READ} and Python's default message.
   *
   * @param message - The text; defaults to Python's.
   * @param options - `library`, `reason`, `code`, `cause` (see {@link SSLError}).
   */
  constructor(message = "The operation did not complete (read)", options: SSLErrorOptions = {}) {
    super(message, { errno: SSL_ERROR_WANT_READ, ...options });
  }
}

/**
 * A non-blocking socket must flush its output before the operation can finish
 * (Python's `ssl.SSLWantWriteError`); `await sock.waitWritable()` and retry.
 */
export class SSLWantWriteError extends SSLError {
  /**
   * Makes the error with `errno` {@link SSL_ERROR_WANT_WRITE} and Python's default message.
   *
   * @param message - The text; defaults to Python's.
   * @param options - `library`, `reason`, `code`, `cause` (see {@link SSLError}).
   */
  constructor(message = "The operation did not complete (write)", options: SSLErrorOptions = {}) {
    super(message, { errno: SSL_ERROR_WANT_WRITE, ...options });
  }
}

/** The transport under TLS failed (Python's `ssl.SSLSyscallError`); `cause` holds the system error. */
export class SSLSyscallError extends SSLError {
  /**
   * Makes the error with `errno` {@link SSL_ERROR_SYSCALL} and Python's default message.
   *
   * @param message - The text; defaults to Python's.
   * @param options - `library`, `reason`, `code`, `cause` (see {@link SSLError}).
   */
  constructor(message = "Some I/O error occurred", options: SSLErrorOptions = {}) {
    super(message, { errno: SSL_ERROR_SYSCALL, ...options });
  }
}

/**
 * The transport closed without a TLS close_notify (Python's `ssl.SSLEOFError`), seen when
 * `suppressRaggedEofs` is off.
 */
export class SSLEOFError extends SSLError {
  /**
   * Makes the error with `errno` {@link SSL_ERROR_EOF} and Python's default message.
   *
   * @param message - The text; defaults to Python's.
   * @param options - `library`, `reason`, `code`, `cause` (see {@link SSLError}).
   */
  constructor(message = "EOF occurred in violation of protocol", options: SSLErrorOptions = {}) {
    super(message, { errno: SSL_ERROR_EOF, ...options });
  }
}

/** What an {@link SSLCertVerificationError} is made from. */
export interface SSLCertVerificationErrorOptions extends SSLErrorOptions {
  /** OpenSSL's `X509_V_ERR_*` number (Python's `verify_code`). */
  readonly verifyCode: number;
  /** OpenSSL's text for it (Python's `verify_message`). */
  readonly verifyMessage: string;
}

/**
 * The peer's certificate failed verification (Python's `ssl.SSLCertVerificationError`);
 * `verifyCode` is OpenSSL's `X509_V_ERR_*` number and `verifyMessage` its text.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SSLCertVerificationError) console.error(e.verifyCode, e.verifyMessage); }
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLCertVerificationError | ssl.SSLCertVerificationError}
 */
export class SSLCertVerificationError extends SSLError {
  /** OpenSSL's `X509_V_ERR_*` number, e.g. 10 for "certificate has expired". */
  readonly verifyCode: number;
  /** OpenSSL's text for {@link SSLCertVerificationError.verifyCode}. */
  readonly verifyMessage: string;

  /**
   * Makes a verification error for an OpenSSL `X509_V_ERR_*` code and its text.
   *
   * @param options - `verifyCode` and `verifyMessage`, plus the {@link SSLError} options.
   * @param message - Defaults to Python's `certificate verify failed: <verifyMessage>`.
   */
  constructor(options: SSLCertVerificationErrorOptions, message?: string) {
    const { verifyCode, verifyMessage, ...rest } = options;
    super(message ?? `certificate verify failed: ${verifyMessage}`, {
      library: "SSL",
      reason: "CERTIFICATE_VERIFY_FAILED",
      ...rest,
    });
    this.verifyCode = verifyCode;
    this.verifyMessage = verifyMessage;
  }
}

/** OpenSSL's `X509_V_ERR_HOSTNAME_MISMATCH`. */
const X509_V_ERR_HOSTNAME_MISMATCH = 62;

/**
 * The certificate does not match the host name (Python's `ssl.CertificateError`, an alias of
 * `SSLCertVerificationError` since 3.7); thrown by `matchHostname` with CPython's message.
 *
 * @example
 * ```ts
 * try { matchHostname(cert, "example.org"); } catch (e) { if (e instanceof CertificateError) console.error(e.message); }
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.CertificateError | ssl.CertificateError}
 */
export class CertificateError extends SSLCertVerificationError {
  /**
   * Makes a host name mismatch error (`X509_V_ERR_HOSTNAME_MISMATCH`) with CPython's message.
   *
   * @param message - CPython's text, e.g. `hostname 'a.example' doesn't match 'b.example'`.
   * @param options - `cause`: the underlying error, kept for debugging.
   */
  constructor(message: string, options: ErrorOptions = {}) {
    super(
      {
        verifyCode: X509_V_ERR_HOSTNAME_MISMATCH,
        verifyMessage: "Hostname mismatch, certificate is not valid for this host.",
        // Python's match_hostname raises it without an OpenSSL prefix.
        library: undefined,
        reason: undefined,
        ...options,
      },
      message,
    );
  }
}

const defaultCodes = new Map<abstract new (...args: never[]) => SSLError, SSLKitErrorCode>([
  [SSLZeroReturnError, "ERR_SSLKIT_SSL_ZERO_RETURN"],
  [SSLWantReadError, "ERR_SSLKIT_SSL_WANT_READ"],
  [SSLWantWriteError, "ERR_SSLKIT_SSL_WANT_WRITE"],
  [SSLSyscallError, "ERR_SSLKIT_SSL_SYSCALL"],
  [SSLEOFError, "ERR_SSLKIT_SSL_EOF"],
  [SSLCertVerificationError, "ERR_SSLKIT_SSL_CERT_VERIFICATION"],
  [CertificateError, "ERR_SSLKIT_HOSTNAME_MISMATCH"],
]);

function defaultCodeFor(errorClass: abstract new (...args: never[]) => SSLError): SSLKitErrorCode {
  // Walk up the prototype chain so a user subclass inherits its parent's code.
  let current: unknown = errorClass;
  while (typeof current === "function") {
    const code = defaultCodes.get(current as abstract new (...args: never[]) => SSLError);
    if (code !== undefined) return code;
    current = Object.getPrototypeOf(current);
  }
  return "ERR_SSLKIT_SSL";
}
