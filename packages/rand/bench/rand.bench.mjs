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
const ROUNDS = 9;
const ROUND_MS = 200;

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

const figure = (opsPerSec, n) => ({ callsPerSec: Math.round(opsPerSec), MBps: Math.round((opsPerSec * n) / 1e6) });
const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;

const node = Object.fromEntries(SIZES.map((n) => [n, measureNode(n)]));
const python = measurePython();

function resultsFor(clock) {
  return SIZES.map((n) => {
    const { rates, fresh, reused } = node[n][clock];
    const cpython = python.results[String(n)][clock];
    return {
      bytes: n,
      sslkitRandBytes: figure(rates.sslkit, n),
      randomFillSyncFreshBuffer: figure(rates.randomFillSyncFresh, n),
      randomFillSyncReusedBuffer: figure(rates.randomFillSyncReused, n),
      cpythonRandBytes: figure(cpython, n),
      ratios: {
        vsRandomFillSyncFreshBuffer: ratio(fresh, 1),
        vsRandomFillSyncReusedBuffer: ratio(reused, 1),
        vsCPythonRandBytes: ratio(rates.sslkit, cpython),
      },
    };
  });
}

const results = { wallClock: resultsFor("wall"), cpuTime: resultsFor("cpu") };

const targets = [
  { request: "1 MiB", bytes: 1 << 20, minimumRatio: 0.8 },
  { request: "32 B", bytes: 32, minimumRatio: 0.5 },
].map((t) => {
  const pick = (clock) => results[clock].find((r) => r.bytes === t.bytes).ratios;
  const entry = { ...t };
  for (const clock of ["wallClock", "cpuTime"]) {
    entry[clock] = {
      ratioVsFreshBuffer: pick(clock).vsRandomFillSyncFreshBuffer,
      ratioVsReusedBuffer: pick(clock).vsRandomFillSyncReusedBuffer,
      metVsFreshBuffer: pick(clock).vsRandomFillSyncFreshBuffer >= t.minimumRatio,
      metVsReusedBuffer: pick(clock).vsRandomFillSyncReusedBuffer >= t.minimumRatio,
    };
  }
  return entry;
});

const report = {
  date: new Date().toISOString(),
  method:
    `median of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per contender and size, after one warm-up round; ` +
    "ratios against randomFillSync are medians of the per-round ratios (paired, robust to drift); " +
    "sslkit randBytes(n) returns new memory, so the like-for-like reference is randomFillSync(Buffer.allocUnsafe(n)); " +
    "randomFillSync into one reused buffer is reported too. CPython runs the same loop in a python3 child in the same run. " +
    "Figures per wall-clock second and per CPU second of the measuring process (user + system).",
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
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
for (const clock of ["wallClock", "cpuTime"]) {
  console.log(`${clock}:`);
  for (const r of results[clock]) {
    console.log(
      `${String(r.bytes).padStart(8)} B  sslkit ${String(r.sslkitRandBytes.MBps).padStart(6)} MB/s ` +
        `(${r.sslkitRandBytes.callsPerSec} calls/s)  randomFillSync fresh ${r.randomFillSyncFreshBuffer.MBps} MB/s  ` +
        `reused ${r.randomFillSyncReusedBuffer.MBps} MB/s  CPython ${r.cpythonRandBytes.MBps} MB/s  ` +
        `ratios ${r.ratios.vsRandomFillSyncFreshBuffer} / ${r.ratios.vsRandomFillSyncReusedBuffer} / ${r.ratios.vsCPythonRandBytes}`,
    );
  }
}
for (const t of targets) {
  for (const clock of ["wallClock", "cpuTime"]) {
    const c = t[clock];
    console.log(
      `target ${t.request} >= ${t.minimumRatio}x randomFillSync (${clock}): fresh buffer ${c.ratioVsFreshBuffer} ` +
        `(${c.metVsFreshBuffer ? "met" : "NOT met"}), reused buffer ${c.ratioVsReusedBuffer} (${c.metVsReusedBuffer ? "met" : "NOT met"})`,
    );
  }
}
