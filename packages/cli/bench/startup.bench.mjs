// `pnpm bench`: start-up time of `sslkit --version` (and `--help`) side by side in one run with
// `node -e 0` and `openssl version`; writes bench/startup.results.json through the shared writer
// in scripts/bench/harness.mjs. Runs the built binary (the root `pnpm bench` builds it first), as
// a user's shell does: a new process each time.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { QUICK, figure, median, pairedRatio, writeResults } from "../../../scripts/bench/harness.mjs";

const ROUNDS = QUICK ? 11 : 41;
const WARM_UP = QUICK ? 2 : 3;
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

const contenders = {
  nodeE0: { label: "node -e 0", command: process.execPath, args: ["-e", "0"] },
  sslkitVersion: { label: "sslkit --version", command: process.execPath, args: [bin, "--version"] },
  sslkitHelp: { label: "sslkit --help", command: process.execPath, args: [bin, "--help"] },
  opensslVersion: { label: "openssl version", command: "openssl", args: ["version"] },
};

/** Wall-clock milliseconds of one spawn, from fork to exit; fails loudly if the command does. */
function once({ command, args }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const round2 = (value) => Math.round(value * 100) / 100;

for (let i = 0; i < WARM_UP; i++) for (const contender of Object.values(contenders)) once(contender);

// Interleaved: each round runs every contender once, so load on the (shared) machine hits all
// alike; the ratios are medians of the per-round ratios (paired), not ratios of medians.
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, contender] of Object.entries(contenders)) samples[name].push(once(contender));
}

const timings = Object.fromEntries(
  Object.entries(contenders).map(([name, { label }]) => [
    name,
    { command: label, medianMs: round2(median(samples[name])), minMs: round2(Math.min(...samples[name])), maxMs: round2(Math.max(...samples[name])) },
  ]),
);
const startup = (name, reference, bounds) =>
  figure({
    name: contenders[name].label,
    value: median(samples[name]),
    unit: "ms",
    reference: contenders[reference].label,
    referenceValue: median(samples[reference]),
    ratio: pairedRatio(samples[name], samples[reference]),
    higherIsBetter: false,
    ...bounds,
  });

writeResults(import.meta.url, {
  package: "@sslkit/cli",
  benchmark: "start-up: spawn the built binary to exit (lower is better; the ratio is a ceiling)",
  method: `wall-clock time of spawnSync (fork, exec, run, exit) for each command; ${WARM_UP} warm-up rounds, then ${ROUNDS} interleaved rounds running every command once; medians, and each ratio is the median of the per-round ratios (paired, robust to drift on a shared machine)`,
  figures: [
    startup("sslkitVersion", "nodeE0", { floor: 3, target: 1.5 }),
    startup("sslkitHelp", "nodeE0", { floor: 3 }),
    startup("sslkitVersion", "opensslVersion", {}),
  ],
  details: { timings },
});
