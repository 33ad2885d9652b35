#!/usr/bin/env node
// `pnpm fuzz`: the property tests of every package (test/*.fuzz.test.ts) with many runs and a
// fresh random seed, one package at a time. FUZZ_RUNS (default 100000) scales the run counts;
// FUZZ_SEED replays a run (a failing property prints its seed and path too); FUZZ_BUDGET_MS
// changes the time budget per input (default 250). Extra arguments go to turbo, e.g.
// `pnpm fuzz --filter=@sslkit/x509`.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";

const env = { ...process.env };
env.FUZZ_RUNS ||= "100000";
env.FUZZ_SEED ||= String(randomInt(2 ** 31));
console.log(`fuzz: FUZZ_RUNS=${env.FUZZ_RUNS} FUZZ_SEED=${env.FUZZ_SEED} (replay with these two variables)`);
const result = spawnSync("pnpm", ["exec", "turbo", "run", "fuzz", "--concurrency=1", ...process.argv.slice(2)], { env, stdio: "inherit" });
if (result.status !== 0) console.error(`fuzz: failed; replay with FUZZ_RUNS=${env.FUZZ_RUNS} FUZZ_SEED=${env.FUZZ_SEED} pnpm fuzz`);
process.exitCode = result.status ?? 1;
