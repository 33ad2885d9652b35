import type { BytesLike } from "./bytes-like.js";
import { getDefaultGenerator } from "./internal/default-generator.js";

/**
 * Mixes `data` into the process-wide generator: an SP 800-90A Reseed with fresh OS entropy and
 * `data` as additional input, so all later output depends on it (see {@link Generator.add}).
 *
 * @param data - Bytes (any TypedArray, DataView, ArrayBuffer), or a string taken as UTF-8 — what Python accepts.
 * @param entropy - Estimated entropy of `data` in bytes (Python's float); recorded nowhere, as in OpenSSL 3.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` if `data` is not a string or bytes-like, or `entropy` is not a number.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if the OS random source fails.
 * @example
 * ```ts
 * randAdd(new Uint8Array(await sensor.read()), 4.0);
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_add | ssl.RAND_add}
 */
export function randAdd(data: string | BytesLike, entropy: number): void {
  getDefaultGenerator().add(data, entropy);
}
