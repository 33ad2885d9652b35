#!/usr/bin/env node
// `pnpm bench [--quick]`: runs every package's bench scripts one at a time through turbo (which
// builds what they import first), then writes the root report (scripts/bench/report.mjs).
// Exits non-zero when a bench script fails (e.g. a lost or corrupted byte) or a ratio is past
// its documented floor (bench/README.md), and only then.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resultsPath } from "./harness.mjs";
import { benchScripts, root, writeReport } from "./report.mjs";

const quick = process.argv.includes("--quick");
const started = process.hrtime.bigint();

// Stale results of an earlier run must not stand in for a script that failed this time.
for (const script of benchScripts()) rmSync(resultsPath(pathToFileURL(script).href, quick), { force: true });

const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "bench", "--concurrency=1", "--output-logs=new-only", "--log-order=stream"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, BENCH_QUICK: quick ? "1" : "0" },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const { failures, problems, figures } = writeReport(quick, seconds);
const suffix = quick ? ".quick" : "";
console.log(`\nbench${quick ? " --quick" : ""}: ${figures} figures in ${Math.round(seconds)} s -> bench/results${suffix}.json, bench/RESULTS${suffix}.md`);
if (turbo.status !== 0) console.error(`bench: a bench script failed (turbo exited with ${turbo.status ?? turbo.signal})`);
for (const line of problems) console.error(`bench: ${line}`);
for (const line of failures) console.error(`bench: below its floor: ${line}`);
if (turbo.status !== 0 || problems.length > 0 || failures.length > 0) process.exitCode = 1;
else console.log(`bench: every ratio meets its floor`);
