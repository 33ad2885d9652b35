const kBrand = Symbol.for("sslkit.error");

/**
 * Every sslkit error code: `ERR_SSLKIT_<AREA>_<REASON>`. Each package documents its own
 * codes in its README (and in an `as const` table in its `src/error-codes.ts`).
 */
export type SSLKitErrorCode = `ERR_SSLKIT_${string}`;

/**
 * Base class of every operational sslkit error; branch on {@link SSLKitError.code}, not the message.
 *
 * @example
 * ```ts
 * try {
 *   pemToDER(text);
 * } catch (error) {
 *   if (isSSLKitError(error) && error.code === "ERR_SSLKIT_PEM_NO_BLOCK") console.error("not PEM");
 * }
 * ```
 */
export class SSLKitError extends Error {
  /** Stable, documented identifier of what went wrong. */
  readonly code: SSLKitErrorCode;

  /**
   * Makes an error with a stable code and a message.
   *
   * @param code - The stable error code.
   * @param message - What was wrong and where.
   * @param options - `cause`: the underlying error, kept for debugging.
   */
  constructor(code: SSLKitErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    // Non-enumerable like Error's own name, so JSON shows only what matters: the code.
    Object.defineProperty(this, "name", { value: new.target.name, enumerable: false, writable: true, configurable: true });
    this.code = code;
    // Non-enumerable so it stays out of logs and JSON.
    Object.defineProperty(this, kBrand, { value: true });
  }
}

/**
 * Returns `true` for any sslkit error, even one thrown by a second installed copy of sslkit.
 *
 * @param value - Anything caught.
 * @example
 * ```ts
 * if (isSSLKitError(error)) console.error(error.code);
 * ```
 */
export function isSSLKitError(value: unknown): value is SSLKitError {
  return typeof value === "object" && value !== null && kBrand in value;
}
