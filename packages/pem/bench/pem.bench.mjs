// Benchmark: split + decode the system CA bundle, MB/s, side by side in one run with a naive
// Buffer.from(b64, "base64") loop and CPython's ssl.PEM_cert_to_DER_cert.
// Run by the root `pnpm bench` (after a build); writes bench/pem.results.json through the shared
// writer in scripts/bench/harness.mjs.
// Rates are per CPU second of the measuring process (process.cpuUsage / time.process_time), which
// stays meaningful on a busy machine; contenders are interleaved round by round.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { QUICK, cpuSeconds, figure, median, pairedRatio, writeResults } from "../../../scripts/bench/harness.mjs";
import { decodePEM } from "../dist/index.js";

const BUNDLE = process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";
const ROUND_MS = QUICK ? 80 : 200;
const ROUNDS = QUICK ? 5 : 15;

if (!existsSync(BUNDLE)) {
  console.error(`no CA bundle at ${BUNDLE}; set SSL_CERT_FILE`);
  process.exit(1);
}
const text = readFileSync(BUNDLE, "utf8");
const megabytes = Buffer.byteLength(text) / 1e6;

/** MB/s of `fn(text)` over one round of ROUND_MS of CPU time. */
function round(fn) {
  let iterations = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  do {
    fn(text);
    iterations++;
    elapsed = cpuSeconds() - start;
  } while (elapsed * 1000 < ROUND_MS);
  return (megabytes * iterations) / elapsed;
}

/**
 * Interleaves rounds of two contenders (A, B, A, B, …) so that a change in machine load hits
 * both alike; returns the median rate of each and the median of the per-round ratios.
 */
function compare(a, b) {
  for (let i = 0; i < 20; i++) {
    a(text);
    b(text);
  }
  const rates = { a: [], b: [] };
  for (let r = 0; r < ROUNDS; r++) {
    rates.a.push(round(a));
    rates.b.push(round(b));
  }
  return { a: median(rates.a), b: median(rates.b), ratio: pairedRatio(rates.a, rates.b) };
}

const naivePattern = /-----BEGIN ([^-\n]+)-----([\s\S]*?)-----END \1-----/g;
function naiveBuffer(input) {
  const out = [];
  for (const match of input.matchAll(naivePattern)) out.push(Buffer.from(match[2], "base64"));
  return out;
}

const expectedCount = decodePEM(text).length;
if (naiveBuffer(text).length !== expectedCount) throw new Error("naive splitter disagrees with decodePEM");

const versusNaive = compare((input) => decodePEM(input), naiveBuffer);
const sslkit = versusNaive.a;

const pythonScript = `
import re, ssl, sys, time
text = open(sys.argv[1]).read()
mb = len(text.encode()) / 1e6
pattern = re.compile(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", re.S)
def run():
    return [ssl.PEM_cert_to_DER_cert(m.group(0)) for m in pattern.finditer(text)]
assert len(run()) == int(sys.argv[2])
for _ in range(5): run()
rates = []
for _ in range(int(sys.argv[3])):
    n = 0; start = time.process_time()
    while True:
        run(); n += 1
        elapsed = time.process_time() - start
        if elapsed * 1000 >= float(sys.argv[4]): break
    rates.append(mb * n / elapsed)
rates.sort()
print(rates[len(rates) // 2])
`;
const cpython = Number(execFileSync("python3", ["-c", pythonScript, BUNDLE, String(expectedCount), String(ROUNDS), String(ROUND_MS)], { encoding: "utf8" }).trim());

writeResults(import.meta.url, {
  package: "@sslkit/pem",
  benchmark: "split + decode the system CA bundle (MB of PEM text per CPU second)",
  method: `MB per CPU second (user + system) of the measuring process; sslkit and the naive loop interleaved, ${ROUNDS} rounds of ${ROUND_MS} ms each, median of per-round ratios; CPython runs the same rounds in a python3 child (time.process_time)`,
  figures: [
    figure({ name: "decodePEM", value: versusNaive.a, unit: "MB/s", reference: "naive Buffer.from(base64) loop, no validation", referenceValue: versusNaive.b, ratio: versusNaive.ratio, floor: 0.4, target: 0.8 }),
    figure({ name: "decodePEM", value: sslkit, unit: "MB/s", reference: "CPython ssl.PEM_cert_to_DER_cert", referenceValue: cpython, floor: 2, target: 3 }),
  ],
  details: { input: { file: BUNDLE, megabytes: Number(megabytes.toFixed(3)), blocks: expectedCount } },
});
