import { invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import { newDeterministicGenerator } from "./generator.js";
import type { Generator, GeneratorOptions } from "./generator.js";
import { assertObject, toBytes } from "./internal/arguments.js";
import type { BytesLike } from "./bytes-like.js";
import { BLOCK_LENGTH, SECURITY_STRENGTH } from "./internal/ctr-drbg.js";

/**
 * What a deterministic generator is instantiated from (SP 800-90A Instantiate inputs).
 *
 * @example
 * ```ts
 * const seed: DeterministicSeed = { entropyInput: new Uint8Array(32), nonce: new Uint8Array(16) };
 * ```
 * @see NIST SP 800-90A Rev. 1 §9.1 (no Python equivalent)
 */
export interface DeterministicSeed extends GeneratorOptions {
  /** entropy_input: at least 32 bytes (the security strength of AES-256). */
  readonly entropyInput: BytesLike;
  /** nonce: at least 16 bytes (half the security strength). */
  readonly nonce: BytesLike;
  /**
   * Supplies entropy_input for every later reseed (reseed interval, prediction resistance,
   * `add`, `reseed`, pid change), called with the minimum length (32). Without it such a reseed
   * throws `ERR_SSLKIT_RAND_RESEED_REQUIRED`.
   */
  readonly entropySource?: ((length: number) => Uint8Array) | undefined;
}

/**
 * Creates a {@link Generator} whose whole output is fixed by `seed` — for tests and known-answer
 * checks only: its `isCryptographic` is `false` and `pseudoBytes` says so.
 *
 * @param seed - `entropyInput`, `nonce`, optional `entropySource`, and the usual generator options
 *   (`personalization`, `predictionResistance`, `reseedInterval`).
 * @throws TypeError `ERR_INVALID_ARG_TYPE` for inputs of the wrong type.
 * @throws RangeError `ERR_OUT_OF_RANGE` if `entropyInput` is shorter than 32 bytes or `nonce` shorter than 16.
 * @example
 * ```ts
 * import { createDeterministicGenerator } from "@sslkit/rand/testing";
 * const drbg = createDeterministicGenerator({ entropyInput: new Uint8Array(32), nonce: new Uint8Array(16) });
 * drbg.bytes(16); // the same 16 bytes on every run
 * ```
 * @see NIST SP 800-90A Rev. 1 §10.2.1.3.2 (no Python equivalent)
 */
export function createDeterministicGenerator(seed: DeterministicSeed): Generator {
  assertObject(seed, "seed");
  const entropyInput = toBytes(seed.entropyInput, "seed.entropyInput", { allowString: false });
  const nonce = toBytes(seed.nonce, "seed.nonce", { allowString: false });
  if (entropyInput.length < SECURITY_STRENGTH) {
    throw outOfRangeError("seed.entropyInput.length", `>= ${SECURITY_STRENGTH}`, entropyInput.length);
  }
  if (nonce.length < BLOCK_LENGTH) throw outOfRangeError("seed.nonce.length", `>= ${BLOCK_LENGTH}`, nonce.length);
  const { entropySource } = seed;
  if (entropySource !== undefined && typeof entropySource !== "function") {
    throw invalidArgTypeError("seed.entropySource", "of type function", entropySource);
  }
  return newDeterministicGenerator({ entropyInput, nonce, entropySource }, seed);
}
