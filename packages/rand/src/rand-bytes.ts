import { getDefaultGenerator } from "./internal/default-generator.js";

/**
 * Returns `n` cryptographically strong random bytes from the process-wide CTR_DRBG.
 *
 * @param n - How many bytes, 0 to 2^31 − 1 (Python's limit).
 * @throws TypeError `ERR_INVALID_ARG_TYPE` if `n` is not a number.
 * @throws RangeError `ERR_OUT_OF_RANGE` if `n` is negative, fractional or above 2^31 − 1 (Python: `ValueError`/`OverflowError`).
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if a reseed cannot get OS entropy.
 * @example
 * ```ts
 * const key = randBytes(32);
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_bytes | ssl.RAND_bytes}
 */
export function randBytes(n: number): Uint8Array {
  return getDefaultGenerator().bytes(n);
}
