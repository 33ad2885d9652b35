// `pnpm bench`: randBytes throughput for 32 B, 4 KiB and 1 MiB requests, side by side in one run
// with crypto.randomFillSync and CPython's ssl.RAND_bytes; writes bench/rand.results.json through
// the shared writer in scripts/bench/harness.mjs. Imports the built package (the root `pnpm bench`
// builds it first): Node 20 cannot run the TypeScript source.
import { spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import process from "node:process";
import { Buffer } from "node:buffer";
import { QUICK, figure, median, writeResults } from "../../../scripts/bench/harness.mjs";
import { randBytes } from "../dist/index.js";

const SIZES = [32, 4096, 1 << 20];
const ROUNDS = QUICK ? 3 : 9;
const ROUND_MS = QUICK ? 100 : 200;

/**
 * Calls fn(n) repeatedly for about ROUND_MS; returns calls per second of wall time and of this
 * process's CPU time (user + system: the machine is shared, so CPU time is the steadier figure).
 */
function measureRound(fn, n) {
  let calls = 0;
  const batch = n >= 1 << 20 ? 4 : n >= 4096 ? 64 : 2048;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) fn(n);
    calls += batch;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (calls * 1e9) / Number(now - start), cpu: (calls * 1e6) / (cpu.user + cpu.system) };
}

const contenders = {
  sslkit: (n) => randBytes(n),
  randomFillSyncFresh: (n) => randomFillSync(Buffer.allocUnsafe(n)),
  randomFillSyncReused: (() => {
    const buffers = new Map(SIZES.map((n) => [n, Buffer.alloc(n)]));
    return (n) => randomFillSync(buffers.get(n));
  })(),
};

function measureNode(n) {
  const names = Object.keys(contenders);
  const samples = { wall: {}, cpu: {} };
  for (const clock of ["wall", "cpu"]) for (const name of names) samples[clock][name] = [];
  const paired = { wall: { fresh: [], reused: [] }, cpu: { fresh: [], reused: [] } };
  for (const fn of Object.values(contenders)) measureRound(fn, n); // warm-up
  // Interleave the contenders round by round so drift (other load on the machine) hits all of
  // them alike, and take each ratio within its round (paired) before the median.
  for (let round = 0; round < ROUNDS; round++) {
    const rates = {};
    for (const [name, fn] of Object.entries(contenders)) rates[name] = measureRound(fn, n);
    for (const clock of ["wall", "cpu"]) {
      for (const name of names) samples[clock][name].push(rates[name][clock]);
      paired[clock].fresh.push(rates.sslkit[clock] / rates.randomFillSyncFresh[clock]);
      paired[clock].reused.push(rates.sslkit[clock] / rates.randomFillSyncReused[clock]);
    }
  }
  const medians = (clock) => Object.fromEntries(names.map((name) => [name, median(samples[clock][name])]));
  return {
    wall: { rates: medians("wall"), fresh: median(paired.wall.fresh), reused: median(paired.wall.reused) },
    cpu: { rates: medians("cpu"), fresh: median(paired.cpu.fresh), reused: median(paired.cpu.reused) },
  };
}

const PYTHON = `
import json, ssl, sys, time
sizes, rounds, round_s = json.loads(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
def measure(n):
    batch = 4 if n >= 1 << 20 else 64 if n >= 4096 else 2048
    calls = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + round_s
    now = start
    while now < deadline:
        for _ in range(batch):
            ssl.RAND_bytes(n)
        calls += batch
        now = time.perf_counter()
    return calls / (now - start), calls / (time.process_time() - cpu_start)
def median(values):
    values = sorted(values)
    return values[len(values) // 2]
out = {}
for n in sizes:
    measure(n)
    samples = [measure(n) for _ in range(rounds)]
    out[str(n)] = {"wall": median(s[0] for s in samples), "cpu": median(s[1] for s in samples)}
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

const rate = (opsPerSec, n) => ({ callsPerSec: Math.round(opsPerSec), MBps: Math.round((opsPerSec * n) / 1e6) });
const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;

const node = Object.fromEntries(SIZES.map((n) => [n, measureNode(n)]));
const python = measurePython();

function resultsFor(clock) {
  return SIZES.map((n) => {
    const { rates, fresh, reused } = node[n][clock];
    const cpython = python.results[String(n)][clock];
    return {
      bytes: n,
      sslkitRandBytes: rate(rates.sslkit, n),
      randomFillSyncFreshBuffer: rate(rates.randomFillSyncFresh, n),
      randomFillSyncReusedBuffer: rate(rates.randomFillSyncReused, n),
      cpythonRandBytes: rate(cpython, n),
      ratios: {
        vsRandomFillSyncFreshBuffer: ratio(fresh, 1),
        vsRandomFillSyncReusedBuffer: ratio(reused, 1),
        vsCPythonRandBytes: ratio(rates.sslkit, cpython),
      },
    };
  });
}

const results = { wallClock: resultsFor("wall"), cpuTime: resultsFor("cpu") };

// Targets from the issue: >= 0.5x randomFillSync at 32 B, >= 0.8x at 1 MiB. Floors are the
// regression floors CI enforces (bench/README.md says why they sit where they do).
const BOUNDS = {
  32: { fresh: { floor: 0.5, target: 0.5 }, reused: { floor: 0.5, target: 0.5 }, cpython: { floor: 0.2, target: null } },
  4096: { fresh: { floor: 0.1, target: null }, reused: { floor: 0.05, target: null }, cpython: { floor: null, target: null } },
  [1 << 20]: { fresh: { floor: 0.15, target: 0.8 }, reused: { floor: 0.04, target: 0.8 }, cpython: { floor: null, target: null } },
};
const label = (n) => (n >= 1 << 20 ? `${n >> 20} MiB` : n >= 1024 ? `${n >> 10} KiB` : `${n} B`);
const figures = results.cpuTime.flatMap((r) => {
  const name = `randBytes(${label(r.bytes)})`;
  const value = r.sslkitRandBytes.callsPerSec * r.bytes / 1e6;
  const mbps = (calls) => calls * r.bytes / 1e6;
  const b = BOUNDS[r.bytes];
  return [
    figure({ name, value, unit: "MB/s", reference: "crypto.randomFillSync(Buffer.allocUnsafe(n)) (fresh buffer)", referenceValue: mbps(r.randomFillSyncFreshBuffer.callsPerSec), ratio: r.ratios.vsRandomFillSyncFreshBuffer, ...b.fresh }),
    figure({ name, value, unit: "MB/s", reference: "crypto.randomFillSync into one reused buffer", referenceValue: mbps(r.randomFillSyncReusedBuffer.callsPerSec), ratio: r.ratios.vsRandomFillSyncReusedBuffer, ...b.reused }),
    figure({ name, value, unit: "MB/s", reference: "CPython ssl.RAND_bytes(n)", referenceValue: mbps(r.cpythonRandBytes.callsPerSec), ratio: r.ratios.vsCPythonRandBytes, ...b.cpython }),
  ];
});

writeResults(import.meta.url, {
  package: "@sslkit/rand",
  benchmark: "randBytes(n) for 32 B, 4 KiB and 1 MiB requests (MB per CPU second; wall-clock figures in details)",
  method:
    `median of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per contender and size, after one warm-up round; ` +
    "ratios against randomFillSync are medians of the per-round ratios (paired, robust to drift); " +
    "sslkit randBytes(n) returns new memory, so the like-for-like reference is randomFillSync(Buffer.allocUnsafe(n)); " +
    "randomFillSync into one reused buffer is reported too. CPython runs the same loop in a python3 child in the same run. " +
    "Figures per CPU second of the measuring process (user + system); the same per wall-clock second are in details.",
  figures,
  details: results,
});
