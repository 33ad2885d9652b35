// `pnpm bench`: start-up time of `sslkit --version` (and `--help`) side by side in one run with
// `node -e 0` and `openssl version`; writes bench/results.json. Runs the built binary (the
// script builds it first), as a user's shell does: a new process each time.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 41);
const WARM_UP = 3;
const TARGET_RATIO = 1.5;
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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round2 = (value) => Math.round(value * 100) / 100;

for (let i = 0; i < WARM_UP; i++) for (const contender of Object.values(contenders)) once(contender);

// Interleaved: each round runs every contender once, so load on the (shared) machine hits all
// alike; the ratios are medians of the per-round ratios (paired), not ratios of medians.
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const paired = { sslkitVersion: [], sslkitHelp: [], opensslVersion: [] };
for (let round = 0; round < ROUNDS; round++) {
  const times = {};
  for (const [name, contender] of Object.entries(contenders)) {
    times[name] = once(contender);
    samples[name].push(times[name]);
  }
  for (const name of Object.keys(paired)) paired[name].push(times[name] / times.nodeE0);
}

const figures = Object.fromEntries(
  Object.entries(contenders).map(([name, { label }]) => [
    name,
    { command: label, medianMs: round2(median(samples[name])), minMs: round2(Math.min(...samples[name])), maxMs: round2(Math.max(...samples[name])) },
  ]),
);
const ratios = Object.fromEntries(Object.entries(paired).map(([name, values]) => [name, round2(median(values))]));
const opensslVersion = spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout.trim();

const results = {
  date: new Date().toISOString(),
  method: `wall-clock time of spawnSync (fork, exec, run, exit) for each command; ${WARM_UP} warm-up rounds, then ${ROUNDS} interleaved rounds running every command once; medians, and each ratio is the median of the per-round ratios to node -e 0 (paired, robust to drift on a shared machine)`,
  loadAverage: os.loadavg().map(round2),
  machine: { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, platform: `${os.platform()} ${os.release()} ${os.arch()}`, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  versions: { node: process.version, nodeOpenSSL: process.versions.openssl, openssl: opensslVersion },
  results: figures,
  ratioToNodeE0: ratios,
  target: { sslkitVersionToNodeE0: TARGET_RATIO, met: ratios.sslkitVersion <= TARGET_RATIO },
};

writeFileSync(new URL("results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
for (const [name, figure] of Object.entries(figures)) {
  const ratio = name in ratios ? `  ×${ratios[name].toFixed(2)} node -e 0` : "";
  console.log(`${figure.command.padEnd(18)} median ${figure.medianMs.toFixed(1).padStart(7)} ms  (min ${figure.minMs.toFixed(1)})${ratio}`);
}
console.log(`target sslkit --version ≤ ${TARGET_RATIO}× node -e 0: ${results.target.met ? "met" : "NOT met"}`);
