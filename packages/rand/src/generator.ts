import { randomFillSync } from "node:crypto";
import { RandError, invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import { RandErrorCode } from "./error-codes.js";
import { assertByteCount, assertOptionalBoolean, assertOptionsObject, toBytes } from "./internal/arguments.js";
import type { BytesLike } from "./bytes-like.js";
import {
  MAX_BYTES_PER_REQUEST,
  MAX_RESEED_INTERVAL,
  SECURITY_STRENGTH,
  generate,
  generateInto,
  instantiate,
  reseed,
} from "./internal/ctr-drbg.js";
import type { CtrDrbgState } from "./internal/ctr-drbg.js";

/**
 * Largest `n` accepted by {@link Generator.bytes} and `randBytes`: 2^31 − 1.
 *
 * @example
 * ```ts
 * if (n > MAX_RAND_BYTES) throw new RangeError("too many bytes");
 * ```
 * @see Python `ssl.RAND_bytes`, which raises `OverflowError` above C's `INT_MAX`.
 */
export const MAX_RAND_BYTES: number = 2 ** 31 - 1;
/**
 * Default reseed_interval: 2^16 Generate calls (OpenSSL's choice; SP 800-90A allows up to 2^48).
 *
 * @example
 * ```ts
 * const drbg = new Generator({ reseedInterval: DEFAULT_RESEED_INTERVAL / 16 });
 * ```
 * @see NIST SP 800-90A Rev. 1 Table 3 (no Python equivalent)
 */
export const DEFAULT_RESEED_INTERVAL: number = 2 ** 16;
/** Requests up to this many bytes are served from one buffered Generate call. */
const SMALL_REQUEST_MAX = 256;
/** Size of the buffered Generate call that serves small requests. */
const POOL_SIZE = 4096;
/** Python chunks RAND_add input at INT_MAX; Block_Cipher_df's length field is 32 bits anyway. */
const ADD_CHUNK = 2 ** 31 - 1;
const EMPTY = new Uint8Array(0);
const textEncoder = new TextEncoder();

/**
 * Options for a {@link Generator}.
 *
 * @example
 * ```ts
 * const options: GeneratorOptions = { personalization: "tls session tickets", reseedInterval: 1024 };
 * ```
 * @see NIST SP 800-90A Rev. 1 §9.1 (no Python equivalent)
 */
export interface GeneratorOptions {
  /**
   * SP 800-90A personalization_string mixed into the instantiation (bytes, or a string taken as UTF-8).
   * @defaultValue none
   */
  readonly personalization?: string | BytesLike;
  /**
   * Reseed from the entropy source before every Generate call (SP 800-90A prediction resistance).
   * Small requests are then not buffered. @defaultValue `false`
   */
  readonly predictionResistance?: boolean;
  /**
   * Generate calls allowed between reseeds (SP 800-90A reseed_interval), 1 to 2^48.
   * @defaultValue `65536`
   */
  readonly reseedInterval?: number;
}

/**
 * Options for one {@link Generator.generate} call.
 *
 * @example
 * ```ts
 * drbg.generate(32, { additionalInput: requestId, predictionResistance: true } satisfies GenerateOptions);
 * ```
 * @see NIST SP 800-90A Rev. 1 §9.3.1 (no Python equivalent)
 */
export interface GenerateOptions {
  /** SP 800-90A additional_input for this call (bytes, or a string taken as UTF-8); empty means none. */
  readonly additionalInput?: string | BytesLike;
  /** Reseed from the entropy source before this call (always done by a generator created with `predictionResistance`). */
  readonly predictionResistance?: boolean;
}

/** A fixed instantiation, made by `createDeterministicGenerator` from `@sslkit/rand/testing`. */
interface DeterministicInstantiation {
  readonly entropyInput: Uint8Array;
  readonly nonce: Uint8Array;
  readonly entropySource: ((length: number) => Uint8Array) | undefined;
}

let pendingInstantiation: DeterministicInstantiation | undefined;

/**
 * Returns a generator instantiated from fixed inputs; only `@sslkit/rand/testing` calls this.
 *
 * @param instantiation - entropy_input, nonce and the source of later reseeds.
 * @param options - personalization, prediction resistance, reseed interval.
 */
export function newDeterministicGenerator(instantiation: DeterministicInstantiation, options: GeneratorOptions): Generator {
  pendingInstantiation = instantiation;
  try {
    return new Generator(options);
  } finally {
    pendingInstantiation = undefined;
  }
}

function osEntropy(length: number): Uint8Array {
  try {
    return randomFillSync(new Uint8Array(length));
  } catch (cause) {
    throw new RandError(RandErrorCode.ENTROPY_SOURCE, "the operating system's random source failed", { cause });
  }
}

/** Block_Cipher_df encodes the input length in 32 bits; Python's INT_MAX keeps well inside it. */
function assertInputLength(bytes: Uint8Array, name: string): void {
  if (bytes.length > ADD_CHUNK) throw outOfRangeError(`${name}.length`, `<= ${ADD_CHUNK}`, bytes.length);
}

function pidBytes(pid: number): Uint8Array {
  return textEncoder.encode(`@sslkit/rand pid ${pid}`);
}

/**
 * An independent NIST SP 800-90A CTR_DRBG (AES-256, derivation function) seeded from the
 * operating system; each instance has its own state, reseeds itself after `reseedInterval`
 * Generate calls and whenever the process id changes (a forked or snapshot-restored copy never
 * repeats its parent's stream).
 *
 * @example
 * ```ts
 * const drbg = new Generator({ personalization: "session keys" });
 * drbg.add(await readFile("/dev/hwrng-sample"), 32);
 * const key = drbg.bytes(32);
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#random-generation | ssl random generation} (one process-wide generator there; instances here)
 * @see NIST SP 800-90A Rev. 1 §10.2.1 (CTR_DRBG)
 */
export class Generator {
  #state: CtrDrbgState;
  #pid: number;
  #pool: Uint8Array = EMPTY;
  #poolOffset = 0;
  readonly #entropySource: ((length: number) => Uint8Array) | undefined;
  readonly #cryptographic: boolean;
  readonly #predictionResistance: boolean;
  readonly #reseedInterval: number;

  /**
   * Instantiates a generator with 256 bits of entropy and a 128-bit nonce from the OS.
   *
   * @param options - personalization, prediction resistance, reseed interval.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` for options of the wrong type.
   * @throws RangeError `ERR_OUT_OF_RANGE` for a `reseedInterval` outside 1 to 2^48.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if the OS random source fails.
   */
  constructor(options: GeneratorOptions = {}) {
    assertOptionsObject(options, "options");
    const { personalization, predictionResistance, reseedInterval = DEFAULT_RESEED_INTERVAL } = options;
    assertOptionalBoolean(predictionResistance, "options.predictionResistance");
    if (typeof reseedInterval !== "number") throw invalidArgTypeError("options.reseedInterval", "of type number", reseedInterval);
    if (!Number.isInteger(reseedInterval) || reseedInterval < 1 || reseedInterval > MAX_RESEED_INTERVAL) {
      throw outOfRangeError("options.reseedInterval", `an integer >= 1 and <= ${MAX_RESEED_INTERVAL}`, reseedInterval);
    }
    const personalizationBytes =
      personalization === undefined ? EMPTY : toBytes(personalization, "options.personalization", { allowString: true });
    assertInputLength(personalizationBytes, "options.personalization");
    this.#predictionResistance = predictionResistance ?? false;
    this.#reseedInterval = reseedInterval;
    this.#pid = process.pid;

    const fixed = pendingInstantiation;
    pendingInstantiation = undefined;
    if (fixed === undefined) {
      this.#entropySource = osEntropy;
      this.#cryptographic = true;
      // entropy_input and nonce both come from the OS (SP 800-90A §8.6.7 allows this).
      const seed = osEntropy(SECURITY_STRENGTH + SECURITY_STRENGTH / 2);
      this.#state = instantiate(seed.subarray(0, SECURITY_STRENGTH), seed.subarray(SECURITY_STRENGTH), personalizationBytes);
      seed.fill(0);
    } else {
      this.#entropySource = fixed.entropySource;
      this.#cryptographic = false;
      this.#state = instantiate(fixed.entropyInput, fixed.nonce, personalizationBytes);
    }
  }

  /**
   * `true` when the output is unpredictable (seeded from the OS), `false` for a deterministic test generator.
   *
   * @example
   * ```ts
   * new Generator().isCryptographic; // true
   * ```
   * @see Python `ssl.RAND_pseudo_bytes()[1]`
   */
  get isCryptographic(): boolean {
    return this.#cryptographic;
  }

  /**
   * Returns whether the generator can produce output now (seeded, and able to reseed when due).
   *
   * @example
   * ```ts
   * if (!drbg.status()) throw new Error("no entropy");
   * ```
   * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_status | ssl.RAND_status}
   */
  status(): boolean {
    try {
      this.#checkFork();
    } catch {
      return false;
    }
    return this.#state.reseedCounter <= this.#reseedInterval || this.#entropySource !== undefined;
  }

  /**
   * Returns `n` random bytes; requests of up to 256 bytes are served from one buffered 4 KiB
   * Generate call, larger ones by Generate calls of at most 64 KiB each.
   *
   * @param n - How many bytes, 0 to 2^31 − 1.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` if `n` is not a number.
   * @throws RangeError `ERR_OUT_OF_RANGE` if `n` is not an integer from 0 to 2^31 − 1.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if a due reseed cannot get entropy.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_RESEED_REQUIRED` if a deterministic generator must reseed without an entropy source.
   * @example
   * ```ts
   * const nonce = drbg.bytes(12);
   * ```
   * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_bytes | ssl.RAND_bytes}
   */
  bytes(n: number): Uint8Array {
    assertByteCount(n, "n", MAX_RAND_BYTES);
    this.#checkFork();
    if (n === 0) return new Uint8Array(0);
    if (n <= SMALL_REQUEST_MAX && !this.#predictionResistance) return this.#fromPool(n);
    if (n <= MAX_BYTES_PER_REQUEST) return this.#generate(n, undefined, this.#predictionResistance);
    // Every byte is written below, so the memory need not be zeroed first.
    const out = new Uint8Array(Buffer.allocUnsafeSlow(n).buffer, 0, n);
    for (let offset = 0; offset < n; offset += MAX_BYTES_PER_REQUEST) {
      if (this.#reseedDue(this.#predictionResistance)) this.#reseed(EMPTY);
      generateInto(this.#state, out, offset, Math.min(MAX_BYTES_PER_REQUEST, n - offset), undefined);
    }
    return out;
  }

  /**
   * Returns `[bytes, isCryptographic]` like Python's `RAND_pseudo_bytes`; the flag is
   * {@link Generator.isCryptographic}.
   *
   * @param n - How many bytes, 0 to 2^31 − 1.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` if `n` is not a number.
   * @throws RangeError `ERR_OUT_OF_RANGE` if `n` is not an integer from 0 to 2^31 − 1.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` / `ERR_SSLKIT_RAND_RESEED_REQUIRED` as {@link Generator.bytes}.
   * @example
   * ```ts
   * const [salt, strong] = drbg.pseudoBytes(16);
   * ```
   * @see Python {@link https://docs.python.org/3.11/library/ssl.html#ssl.RAND_pseudo_bytes | ssl.RAND_pseudo_bytes}
   */
  pseudoBytes(n: number): [Uint8Array, boolean] {
    return [this.bytes(n), this.#cryptographic];
  }

  /**
   * Mixes `data` into the state: an SP 800-90A Reseed with fresh entropy from the source and
   * `data` as additional_input, so every later output depends on it; buffered output is discarded.
   *
   * @param data - Bytes, or a string (UTF-8), as Python accepts.
   * @param entropy - The caller's estimate of the entropy in `data`, in bytes (Python's float).
   *   Like OpenSSL 3 it is not credited: the generator never relies on added data alone.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` if `data` is not a string or bytes-like, or `entropy` is not a number.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if the entropy source fails.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_RESEED_REQUIRED` for a deterministic generator without an entropy source.
   * @example
   * ```ts
   * drbg.add("mouse movements: 12,40;13,41", 2.5);
   * ```
   * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_add | ssl.RAND_add}
   */
  add(data: string | BytesLike, entropy: number): void {
    const bytes = toBytes(data, "data", { allowString: true });
    if (typeof entropy !== "number") throw invalidArgTypeError("entropy", "of type number", entropy);
    this.#checkFork();
    this.#discardPool();
    // Python splits at INT_MAX and calls RAND_add per chunk; so do we (one Reseed per chunk).
    let offset = 0;
    do {
      this.#reseed(bytes.subarray(offset, offset + ADD_CHUNK));
      offset += ADD_CHUNK;
    } while (offset < bytes.length);
    bytes.fill(0);
  }

  /**
   * Reseeds now from the entropy source (SP 800-90A Reseed function), with optional additional input.
   *
   * @param additionalInput - Extra data for this reseed (bytes, or a string taken as UTF-8).
   * @throws TypeError `ERR_INVALID_ARG_TYPE` if `additionalInput` is not a string or bytes-like.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` if the entropy source fails.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_RESEED_REQUIRED` for a deterministic generator without an entropy source.
   * @example
   * ```ts
   * drbg.reseed("after key generation");
   * ```
   * @see Python has no equivalent (OpenSSL's `RAND_poll`).
   */
  reseed(additionalInput?: string | BytesLike): void {
    const bytes = additionalInput === undefined ? EMPTY : toBytes(additionalInput, "additionalInput", { allowString: true });
    assertInputLength(bytes, "additionalInput");
    this.#checkFork();
    this.#discardPool();
    this.#reseed(bytes);
  }

  /**
   * Performs exactly one SP 800-90A Generate call (no buffering): `n` bytes, with optional
   * additional input and prediction resistance.
   *
   * @param n - How many bytes, 0 to 65536 (max_number_of_bits_per_request = 2^19).
   * @param options - `additionalInput`, `predictionResistance`.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` for arguments of the wrong type.
   * @throws RangeError `ERR_OUT_OF_RANGE` if `n` is not an integer from 0 to 65536.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_ENTROPY_SOURCE` / `ERR_SSLKIT_RAND_RESEED_REQUIRED` when a reseed is due and fails.
   * @example
   * ```ts
   * const block = drbg.generate(64, { additionalInput: "request 17", predictionResistance: true });
   * ```
   * @see NIST SP 800-90A Rev. 1 §9.3.1 (no Python equivalent)
   */
  generate(n: number, options: GenerateOptions = {}): Uint8Array {
    assertByteCount(n, "n", MAX_BYTES_PER_REQUEST);
    assertOptionsObject(options, "options");
    assertOptionalBoolean(options.predictionResistance, "options.predictionResistance");
    const additionalInput =
      options.additionalInput === undefined
        ? undefined
        : toBytes(options.additionalInput, "options.additionalInput", { allowString: true });
    if (additionalInput !== undefined) assertInputLength(additionalInput, "options.additionalInput");
    this.#checkFork();
    if (n === 0) return new Uint8Array(0);
    return this.#generate(n, additionalInput, options.predictionResistance === true || this.#predictionResistance);
  }

  /** SP 800-90A §9.3.1 steps 7–8: reseed when due or when prediction resistance is asked, then generate. */
  #generate(n: number, additionalInput: Uint8Array | undefined, predictionResistance: boolean): Uint8Array {
    if (this.#reseedDue(predictionResistance)) {
      this.#reseed(additionalInput ?? EMPTY);
      return generate(this.#state, n, undefined);
    }
    return generate(this.#state, n, additionalInput);
  }

  #reseedDue(predictionResistance: boolean): boolean {
    return predictionResistance || this.#state.reseedCounter > this.#reseedInterval;
  }

  #reseed(additionalInput: Uint8Array): void {
    const source = this.#entropySource;
    if (source === undefined) {
      throw new RandError(
        RandErrorCode.RESEED_REQUIRED,
        "this deterministic generator must reseed but was created without an entropySource",
      );
    }
    let entropyInput: unknown;
    try {
      entropyInput = source(SECURITY_STRENGTH);
    } catch (cause) {
      if (cause instanceof RandError) throw cause;
      throw new RandError(RandErrorCode.ENTROPY_SOURCE, "the entropy source failed", { cause });
    }
    if (!(entropyInput instanceof Uint8Array) || entropyInput.length < SECURITY_STRENGTH) {
      throw new RandError(
        RandErrorCode.ENTROPY_SOURCE,
        `the entropy source must return a Uint8Array of at least ${SECURITY_STRENGTH} bytes`,
      );
    }
    reseed(this.#state, entropyInput, additionalInput);
    if (this.#cryptographic) entropyInput.fill(0);
  }

  #fromPool(n: number): Uint8Array {
    if (this.#pool.length - this.#poolOffset < n) {
      this.#discardPool();
      this.#pool = this.#generate(POOL_SIZE, undefined, false);
    }
    const start = this.#poolOffset;
    const out = this.#pool.slice(start, start + n);
    // Served bytes leave the pool: a later memory disclosure cannot replay them.
    this.#pool.fill(0, start, start + n);
    this.#poolOffset = start + n;
    return out;
  }

  #discardPool(): void {
    this.#pool.fill(0);
    this.#pool = EMPTY;
    this.#poolOffset = 0;
  }

  /** A changed pid means this is a copy of the parent's state: drop buffered output and reseed. */
  #checkFork(): void {
    const pid = process.pid;
    if (pid === this.#pid) return;
    this.#discardPool();
    this.#reseed(pidBytes(pid));
    this.#pid = pid;
  }
}
