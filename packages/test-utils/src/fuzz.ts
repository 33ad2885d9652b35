import { performance } from "node:perf_hooks";

/** The seed every property uses unless `FUZZ_SEED` says otherwise: CI runs are reproducible. */
export const DEFAULT_FUZZ_SEED = 20261129;

/** True for a long fuzzing run (`FUZZ_RUNS` is set, as `pnpm fuzz` does): large run counts, no test time limit. */
export const FUZZ_MODE: boolean = (process.env.FUZZ_RUNS ?? "") !== "";

/**
 * Most milliseconds one input may take. Generous, because CI is a loaded 2-core machine; a
 * genuine hang or quadratic blow-up overshoots it by orders of magnitude.
 */
export const FUZZ_BUDGET_MS: number = Number(process.env.FUZZ_BUDGET_MS ?? 250);

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(value)}`);
  return parsed;
}

/** fast-check parameters of one property. */
export interface FuzzParameters {
  readonly seed: number;
  readonly numRuns: number;
}

/**
 * Returns the fast-check parameters of a property: `ciRuns` runs under the fixed seed (or
 * `FUZZ_SEED`) in the unit suite; under `pnpm fuzz`, `FUZZ_RUNS × cost` runs (at least
 * `ciRuns`), where `cost` < 1 scales down properties whose inputs are expensive (a TLS
 * handshake, a python3 batch). fast-check prints the seed with any counterexample.
 */
export function fuzzParameters(ciRuns: number, options: { cost?: number } = {}): FuzzParameters {
  const seed = positiveInteger("FUZZ_SEED", process.env.FUZZ_SEED) ?? DEFAULT_FUZZ_SEED;
  const fuzzRuns = positiveInteger("FUZZ_RUNS", process.env.FUZZ_RUNS);
  const numRuns = fuzzRuns === undefined ? ciRuns : Math.max(ciRuns, Math.round(fuzzRuns * (options.cost ?? 1)));
  return { seed, numRuns };
}

/** A vitest timeout for a fuzz test: `ms` in the unit suite, none under `pnpm fuzz`. */
export function fuzzTimeout(ms: number): number {
  return FUZZ_MODE ? 0 : ms;
}

function overBudget(elapsed: number, budgetMs: number, what: string): Error {
  return new Error(`${what} took ${elapsed.toFixed(1)} ms, over the ${budgetMs} ms budget per input`);
}

function foreign(error: unknown, what: string): Error {
  const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new Error(`${what} threw a foreign error (${name})`, { cause: error });
}

/**
 * Runs `fn` on one fuzz input and fails (throws) if it threw anything `isExpected` rejects or
 * ran over `budgetMs`; returns the outcome otherwise. A synchronous hang is caught by the
 * test's own timeout instead.
 */
export function checkInput<T>(
  fn: () => T,
  isExpected: (error: unknown) => boolean,
  budgetMs: number = FUZZ_BUDGET_MS,
  what = "the input",
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown } {
  const started = performance.now();
  let outcome: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
  try {
    outcome = { ok: true, value: fn() };
  } catch (error) {
    if (!isExpected(error)) throw foreign(error, what);
    outcome = { ok: false, error };
  }
  const elapsed = performance.now() - started;
  if (elapsed > budgetMs) throw overBudget(elapsed, budgetMs, what);
  return outcome;
}

/** {@link checkInput} for an async `fn`; the budget covers the whole await. */
export async function checkInputAsync<T>(
  fn: () => Promise<T>,
  isExpected: (error: unknown) => boolean,
  budgetMs: number = FUZZ_BUDGET_MS,
  what = "the input",
): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }> {
  const started = performance.now();
  let outcome: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    if (!isExpected(error)) throw foreign(error, what);
    outcome = { ok: false, error };
  }
  const elapsed = performance.now() - started;
  if (elapsed > budgetMs) throw overBudget(elapsed, budgetMs, what);
  return outcome;
}
