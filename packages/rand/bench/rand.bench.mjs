// `pnpm bench`: randBytes throughput for 32 B, 4 KiB and 1 MiB requests, side by side in one run
// with crypto.randomFillSync and CPython's ssl.RAND_bytes; writes bench/results.json.
// Imports the built package (the script builds it first): Node 20 cannot run the TypeScript source.
import { spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import process from "node:process";
import { Buffer } from "node:buffer";
import { randBytes } from "../dist/index.js";

const SIZES = [32, 4096, 1 << 20];
const ROUNDS = 7;
const ROUND_MS = 250;

/** Calls fn(n) repeatedly for about ROUND_MS and returns calls per second. */
function measureRound(fn, n) {
  let calls = 0;
  let batch = n >= 1 << 20 ? 4 : n >= 4096 ? 64 : 2048;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) fn(n);
    calls += batch;
    now = process.hrtime.bigint();
  }
  return (calls * 1e9) / Number(now - start);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const contenders = {
  sslkit: (n) => randBytes(n),
  randomFillSyncFresh: (n) => randomFillSync(Buffer.allocUnsafe(n)),
  randomFillSyncReused: (() => {
    const buffers = new Map(SIZES.map((n) => [n, Buffer.alloc(n)]));
    return (n) => randomFillSync(buffers.get(n));
  })(),
};

function measureNode(n) {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (const fn of Object.values(contenders)) measureRound(fn, n); // warm-up
  // Interleave the contenders round by round so drift (turbo, other load) hits all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(contenders)) samples[name].push(measureRound(fn, n));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

const PYTHON = `
import json, ssl, sys, time
sizes, rounds, round_s = json.loads(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
def measure(n):
    batch = 4 if n >= 1 << 20 else 64 if n >= 4096 else 2048
    calls = 0
    start = time.perf_counter()
    deadline = start + round_s
    now = start
    while now < deadline:
        for _ in range(batch):
            ssl.RAND_bytes(n)
        calls += batch
        now = time.perf_counter()
    return calls / (now - start)
out = {}
for n in sizes:
    measure(n)
    samples = sorted(measure(n) for _ in range(rounds))
    out[str(n)] = samples[len(samples) // 2]
print(json.dumps({"results": out, "python": sys.version.split()[0], "openssl": ssl.OPENSSL_VERSION}))
`;

function measurePython() {
  const result = spawnSync("python3", ["-c", PYTHON, JSON.stringify(SIZES), String(ROUNDS), String(ROUND_MS / 1000)], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const figure = (opsPerSec, n) => ({ callsPerSec: Math.round(opsPerSec), MBps: Math.round((opsPerSec * n) / 1e6) });
const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;

const node = Object.fromEntries(SIZES.map((n) => [n, measureNode(n)]));
const python = measurePython();

const results = SIZES.map((n) => {
  const { sslkit, randomFillSyncFresh, randomFillSyncReused } = node[n];
  const cpython = python.results[String(n)];
  return {
    bytes: n,
    sslkitRandBytes: figure(sslkit, n),
    randomFillSyncFreshBuffer: figure(randomFillSyncFresh, n),
    randomFillSyncReusedBuffer: figure(randomFillSyncReused, n),
    cpythonRandBytes: figure(cpython, n),
    ratios: {
      vsRandomFillSyncFreshBuffer: ratio(sslkit, randomFillSyncFresh),
      vsRandomFillSyncReusedBuffer: ratio(sslkit, randomFillSyncReused),
      vsCPythonRandBytes: ratio(sslkit, cpython),
    },
  };
});

const byBytes = Object.fromEntries(results.map((r) => [r.bytes, r]));
const targets = [
  { request: "1 MiB", bytes: 1 << 20, minimumRatio: 0.8 },
  { request: "32 B", bytes: 32, minimumRatio: 0.5 },
].map((t) => ({
  ...t,
  ratioVsFreshBuffer: byBytes[t.bytes].ratios.vsRandomFillSyncFreshBuffer,
  ratioVsReusedBuffer: byBytes[t.bytes].ratios.vsRandomFillSyncReusedBuffer,
  metVsFreshBuffer: byBytes[t.bytes].ratios.vsRandomFillSyncFreshBuffer >= t.minimumRatio,
  metVsReusedBuffer: byBytes[t.bytes].ratios.vsRandomFillSyncReusedBuffer >= t.minimumRatio,
}));

const report = {
  date: new Date().toISOString(),
  method:
    `median of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per contender and size, after one warm-up round; ` +
    "sslkit randBytes(n) returns new memory, so the like-for-like reference is randomFillSync(Buffer.allocUnsafe(n)); " +
    "randomFillSync into one reused buffer is reported too. CPython runs the same loop in a python3 child in the same run.",
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  versions: { node: process.version, nodeOpenSSL: process.versions.openssl, python: python.python, pythonOpenSSL: python.openssl },
  results,
  targets,
};

writeFileSync(new URL("results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
for (const r of results) {
  console.log(
    `${String(r.bytes).padStart(8)} B  sslkit ${String(r.sslkitRandBytes.MBps).padStart(6)} MB/s ` +
      `(${r.sslkitRandBytes.callsPerSec} calls/s)  randomFillSync fresh ${r.randomFillSyncFreshBuffer.MBps} MB/s  ` +
      `reused ${r.randomFillSyncReusedBuffer.MBps} MB/s  CPython ${r.cpythonRandBytes.MBps} MB/s  ` +
      `ratios ${r.ratios.vsRandomFillSyncFreshBuffer} / ${r.ratios.vsRandomFillSyncReusedBuffer} / ${r.ratios.vsCPythonRandBytes}`,
  );
}
for (const t of targets) {
  console.log(`target ${t.request} >= ${t.minimumRatio}x randomFillSync: fresh ${t.ratioVsFreshBuffer} (${t.metVsFreshBuffer ? "met" : "NOT met"}), reused ${t.ratioVsReusedBuffer} (${t.metVsReusedBuffer ? "met" : "NOT met"})`);
}
