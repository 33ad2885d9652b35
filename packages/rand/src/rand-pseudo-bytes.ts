import { getDefaultGenerator } from "./internal/default-generator.js";

/**
 * Returns `[bytes, isCryptographic]` like Python's `RAND_pseudo_bytes`; the process-wide
 * generator is always seeded from the OS, so the flag is `true`.
 *
 * @param n - How many bytes, 0 to 2^31 − 1.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` if `n` is not a number.
 * @throws RangeError `ERR_OUT_OF_RANGE` if `n` is negative, fractional or above 2^31 − 1.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if a reseed cannot get OS entropy.
 * @example
 * ```ts
 * const [bytes, strong] = randPseudoBytes(16);
 * ```
 * @see Python {@link https://docs.python.org/3.11/library/ssl.html#ssl.RAND_pseudo_bytes | ssl.RAND_pseudo_bytes} (removed in 3.12)
 */
export function randPseudoBytes(n: number): [Uint8Array, boolean] {
  return getDefaultGenerator().pseudoBytes(n);
}
