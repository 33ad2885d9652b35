// Benchmark: wrapping sockets with an SSLContext (one cached tls.SecureContext shared by every
// wrap) against building a SecureContext per wrap (what tls.connect({ ca, … }) does), and
// against CPython's SSLContext.wrap_bio (the same SSL object creation), all in one run.
// Run with `pnpm bench` after a build; writes bench/results.json next to this file.
// Rates are wraps per CPU second of the measuring process (process.cpuUsage /
// time.process_time), steadier than wall time on a busy machine; the two Node contenders are
// interleaved round by round. A wrap creates the TLS socket and its OpenSSL SSL object, with no
// handshake (no network).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { Duplex } from "node:stream";
import * as tls from "node:tls";
import { PROTOCOL_TLS_CLIENT, SSLContext } from "../dist/index.js";

const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const ROUND_MS = QUICK ? 100 : 200;
const ROUNDS = QUICK ? 5 : 11;
const CA_FILE = process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function round(fn) {
  let iterations = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  do {
    fn();
    iterations++;
    elapsed = cpuSeconds() - start;
  } while (elapsed * 1000 < ROUND_MS);
  return iterations / elapsed;
}

function compare(a, b) {
  for (let i = 0; i < 20; i++) {
    a();
    b();
  }
  const rates = { a: [], b: [], ratio: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const rateA = round(a);
    const rateB = round(b);
    rates.a.push(rateA);
    rates.b.push(rateB);
    rates.ratio.push(rateA / rateB);
  }
  return { a: median(rates.a), b: median(rates.b), ratio: median(rates.ratio) };
}

function wrap(options) {
  const transport = new Duplex({ read() {}, write(_chunk, _encoding, callback) { callback(); } });
  const socket = new tls.TLSSocket(transport, options);
  socket.on("error", () => {});
  socket.destroy();
  transport.destroy();
}

// The system CA bundle makes the per-wrap cost of building a SecureContext realistic.
const context = new SSLContext(PROTOCOL_TLS_CLIENT);
context.loadVerifyLocations({ caFile: CA_FILE });
const caPEM = readFileSync(CA_FILE, "utf8");
const sslkitWrap = () => wrap(context.toTLSOptions({ serverHostname: "example.org" }));
const perWrapContext = () => wrap({ secureContext: tls.createSecureContext({ ca: caPEM, minVersion: "TLSv1.2" }), isServer: false });
const nodeResult = compare(sslkitWrap, perWrapContext);

const pythonScript = `
import ssl, sys, time
ctx = ssl.create_default_context(cafile=sys.argv[1])
round_s, rounds = float(sys.argv[2]) / 1000, int(sys.argv[3])
def once():
    ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="example.org")
for _ in range(20): once()
rates = []
for _ in range(rounds):
    n, start = 0, time.process_time()
    while True:
        once(); n += 1
        elapsed = time.process_time() - start
        if elapsed >= round_s: break
    rates.append(n / elapsed)
rates.sort()
print(rates[len(rates) // 2])
`;
const python = Number(execFileSync("python3", ["-c", pythonScript, CA_FILE, String(ROUND_MS), String(ROUNDS)]).toString().trim());
const pythonVersion = execFileSync("python3", ["-c", "import sys, ssl; print(sys.version.split()[0], ssl.OPENSSL_VERSION)"]).toString().trim();

const results = {
  package: "@sslkit/context",
  benchmark: "wrap a socket (TLS socket + OpenSSL SSL object, no handshake) with a context holding the system CA bundle",
  unit: "wraps/s",
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version, python: pythonVersion },
  quick: QUICK,
  method: "wraps per CPU second (user + system) of the measuring process; the two Node contenders interleaved round by round, median of per-round ratios; CPython measured by a python3 child with time.process_time",
  figures: [
    { name: "SSLContext.toTLSOptions + new TLSSocket (cached SecureContext)", value: nodeResult.a, reference: "tls.createSecureContext per wrap + new TLSSocket", referenceValue: nodeResult.b, ratio: nodeResult.ratio, floor: 50 },
    { name: "SSLContext.toTLSOptions + new TLSSocket (cached SecureContext)", value: nodeResult.a, reference: "CPython SSLContext.wrap_bio (SSLObject over MemoryBIOs)", referenceValue: python, ratio: nodeResult.a / python, floor: 0.02 },
  ],
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
for (const figure of results.figures) {
  console.log(`${figure.name}: ${figure.value.toFixed(0)} ${results.unit} vs ${figure.reference}: ${figure.referenceValue.toFixed(0)} (${figure.ratio.toFixed(2)}×)`);
}
