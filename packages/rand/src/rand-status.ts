import { getDefaultGenerator } from "./internal/default-generator.js";

/**
 * Returns `true` when the process-wide generator is seeded and can produce output; it seeds
 * itself from the operating system on first use, so this is `false` only if the OS source fails.
 *
 * @example
 * ```ts
 * if (!randStatus()) throw new Error("no entropy available");
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.RAND_status | ssl.RAND_status}
 */
export function randStatus(): boolean {
  try {
    return getDefaultGenerator().status();
  } catch {
    return false;
  }
}
