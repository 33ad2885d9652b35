import { SSLKitError } from "./sslkit-error.js";
import type { SSLKitErrorCode } from "./sslkit-error.js";

/** Where in a text input an error was found (1-based line, 0-based character offset). */
export interface InputPosition {
  /** 1-based line number. */
  readonly line?: number;
  /** 0-based offset in characters (or bytes for binary input). */
  readonly offset?: number;
}

/**
 * Malformed or unexpected PEM input (`ERR_SSLKIT_PEM_*`); carries the line where it was found.
 *
 * @example
 * ```ts
 * try { decodePEM(text); } catch (e) { if (e instanceof PEMError) console.error(e.line, e.code); }
 * ```
 * @see Python `ssl.PEM_cert_to_DER_cert` raises `ValueError` for the same inputs.
 */
export class PEMError extends SSLKitError {
  /** 1-based line of the problem, when known. */
  readonly line: number | undefined;
  /** 0-based character offset of the problem, when known. */
  readonly offset: number | undefined;

  /**
   * Makes a PEM error that says where in the text the problem is.
   *
   * @param code - The stable error code (`ERR_SSLKIT_PEM_*`).
   * @param message - What was wrong and where.
   * @param position - The 1-based `line` and 0-based `offset` of the problem, when known.
   * @param options - `cause`: the underlying error, kept for debugging.
   */
  constructor(code: SSLKitErrorCode, message: string, position: InputPosition = {}, options?: ErrorOptions) {
    super(code, message, options);
    this.line = position.line;
    this.offset = position.offset;
  }
}

/**
 * Malformed certificate, time string or other X.509 input (`ERR_SSLKIT_X509_*`).
 *
 * @example
 * ```ts
 * try { decodeCert(bytes); } catch (e) { if (e instanceof X509Error) console.error(e.code, e.offset); }
 * ```
 * @see Python raises `ssl.SSLError` / `ValueError` for the same inputs.
 */
export class X509Error extends SSLKitError {
  /** 0-based byte offset in the DER input where decoding failed, when known. */
  readonly offset: number | undefined;

  /**
   * Makes an X.509 error that says where in the DER input decoding failed.
   *
   * @param code - The stable error code (`ERR_SSLKIT_X509_*`).
   * @param message - What was wrong and where.
   * @param position - The 0-based byte `offset` of the problem, when known.
   * @param options - `cause`: the underlying error, kept for debugging.
   */
  constructor(code: SSLKitErrorCode, message: string, position: { readonly offset?: number } = {}, options?: ErrorOptions) {
    super(code, message, options);
    this.offset = position.offset;
  }
}

/**
 * A failure of the entropy pool or of an EGD daemon (`ERR_SSLKIT_RAND_*`).
 *
 * @example
 * ```ts
 * try { await randEgd("/run/egd-pool"); } catch (e) { if (e instanceof RandError) console.error(e.code); }
 * ```
 * @see Python `ssl.RAND_egd` raises `ssl.SSLError` for the same failures.
 */
export class RandError extends SSLKitError {}
