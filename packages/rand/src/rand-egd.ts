import { RandError, invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import { EGDClient, EGD_MAX_READ, checkEGDOptions } from "./egd-client.js";
import type { EGDOptions } from "./egd-client.js";
import { RandErrorCode } from "./error-codes.js";
import { Generator } from "./generator.js";
import { assertOptionalBoolean } from "./internal/arguments.js";
import { getDefaultGenerator } from "./internal/default-generator.js";

/**
 * How many octets {@link randEgd} reads by default: 256.
 *
 * @example
 * ```ts
 * await randEgd(path, { bytes: 2 * EGD_DEFAULT_BYTES });
 * ```
 * @see Python `ssl.RAND_egd`, documented to read 256 bytes.
 */
export const EGD_DEFAULT_BYTES = 256;
const EGD_MAX_BYTES = 65536;

/**
 * Options for {@link randEgd}.
 *
 * @example
 * ```ts
 * const options: RandEgdOptions = { bytes: 512, blocking: true, timeout: 10_000 };
 * ```
 * @see Python `ssl.RAND_egd(path)` (no options there).
 */
export interface RandEgdOptions extends EGDOptions {
  /** How many octets to read from the daemon, 1 to 65536. @defaultValue `256` */
  readonly bytes?: number;
  /** Wait for the daemon to gather them (command 0x02) instead of failing when its pool is short (0x01). @defaultValue `false` */
  readonly blocking?: boolean;
  /** Mix into this generator instead of the process-wide one. */
  readonly generator?: Generator;
}

/**
 * Reads 256 random octets from an entropy-gathering daemon's UNIX socket (EGD protocol,
 * non-blocking reads of at most 255 octets) and mixes them into the generator like
 * {@link randAdd}; resolves the number of octets read.
 *
 * @param path - The daemon's socket path.
 * @param options - `bytes`, `blocking`, `timeout` (ms per step, default 5000), `signal`, `generator`.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` / RangeError `ERR_OUT_OF_RANGE` for bad arguments.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_CONNECT` if the socket is missing or refuses connections.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_TIMEOUT` if the daemon stays silent longer than `timeout`.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_SHORT_READ` if the daemon runs out of octets (non-blocking mode).
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_CLOSED` if the daemon closes the connection before answering in full.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_PROTOCOL` if its answer is malformed.
 * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_ABORTED` if `signal` aborts.
 * @example
 * ```ts
 * const n = await randEgd("/run/egd-pool", { timeout: 2000 }); // 256
 * ```
 * @see Python {@link https://docs.python.org/3.5/library/ssl.html#ssl.RAND_egd | ssl.RAND_egd} (only with OpenSSL < 1.1.0, since removed from CPython)
 */
export async function randEgd(path: string, options: RandEgdOptions = {}): Promise<number> {
  if (typeof path !== "string" || path.length === 0) throw invalidArgTypeError("path", "a non-empty string", path);
  checkEGDOptions(options, "options");
  const { bytes = EGD_DEFAULT_BYTES, blocking = false, generator, ...connectOptions } = options;
  if (typeof bytes !== "number") throw invalidArgTypeError("options.bytes", "of type number", bytes);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > EGD_MAX_BYTES) {
    throw outOfRangeError("options.bytes", `an integer >= 1 and <= ${EGD_MAX_BYTES}`, bytes);
  }
  assertOptionalBoolean(blocking, "options.blocking");
  if (generator !== undefined && !(generator instanceof Generator)) {
    throw invalidArgTypeError("options.generator", "an instance of Generator", generator);
  }

  const client = await EGDClient.connect(path, connectOptions);
  const collected = new Uint8Array(bytes);
  let total = 0;
  try {
    while (total < bytes) {
      const chunk = await client.read(Math.min(EGD_MAX_READ, bytes - total), { blocking });
      if (chunk.length === 0) {
        throw new RandError(
          RandErrorCode.EGD_SHORT_READ,
          `the EGD daemon at ${path} had only ${total} of the ${bytes} octets requested`,
        );
      }
      collected.set(chunk, total);
      chunk.fill(0);
      total += chunk.length;
    }
  } finally {
    client.close();
  }
  (generator ?? getDefaultGenerator()).add(collected, total);
  collected.fill(0);
  return total;
}
