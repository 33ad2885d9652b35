/**
 * Every `RandError` code `@sslkit/rand` throws, with what it means. Argument errors are Node's
 * `ERR_INVALID_ARG_TYPE` / `ERR_INVALID_ARG_VALUE` / `ERR_OUT_OF_RANGE` (`TypeError`/`RangeError`).
 *
 * @example
 * ```ts
 * try { await randEgd("/run/egd-pool"); } catch (e) {
 *   if (isSSLKitError(e) && e.code === RandErrorCode.EGD_CONNECT) console.error("no EGD daemon");
 * }
 * ```
 * @see Python `ssl.RAND_egd` raises `ssl.SSLError` for the EGD failures.
 */
export const RandErrorCode = {
  /** The entropy source (the OS, or a deterministic generator's `entropySource`) failed or returned the wrong amount. */
  ENTROPY_SOURCE: "ERR_SSLKIT_RAND_ENTROPY_SOURCE",
  /** A deterministic generator must reseed (interval reached, prediction resistance, `add`, pid change) but has no `entropySource`. */
  RESEED_REQUIRED: "ERR_SSLKIT_RAND_RESEED_REQUIRED",
  /** The EGD socket does not exist or refuses connections. */
  EGD_CONNECT: "ERR_SSLKIT_RAND_EGD_CONNECT",
  /** The EGD daemon did not connect or answer within the timeout. */
  EGD_TIMEOUT: "ERR_SSLKIT_RAND_EGD_TIMEOUT",
  /** The EGD daemon closed the connection before its answer was complete. */
  EGD_CLOSED: "ERR_SSLKIT_RAND_EGD_CLOSED",
  /** The EGD daemon had fewer random bytes than requested. */
  EGD_SHORT_READ: "ERR_SSLKIT_RAND_EGD_SHORT_READ",
  /** The EGD daemon's answer is malformed (count larger than asked, non-numeric pid, …). */
  EGD_PROTOCOL: "ERR_SSLKIT_RAND_EGD_PROTOCOL",
  /** The EGD exchange was aborted through its `AbortSignal`; `cause` is the signal's reason. */
  EGD_ABORTED: "ERR_SSLKIT_RAND_EGD_ABORTED",
} as const;
export type RandErrorCode = (typeof RandErrorCode)[keyof typeof RandErrorCode];
