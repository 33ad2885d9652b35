// Benchmark: wrapping sockets with an SSLContext (one cached tls.SecureContext shared by every
// wrap) against building a SecureContext per wrap (what tls.connect({ ca, … }) does), and
// against CPython's SSLContext.wrap_bio (the same SSL object creation), all in one run.
// Run by the root `pnpm bench` (after a build); writes bench/secure-context.results.json through
// the shared writer in scripts/bench/harness.mjs.
// Rates are wraps per CPU second of the measuring process (process.cpuUsage /
// time.process_time), steadier than wall time on a busy machine; the two Node contenders are
// interleaved round by round. A wrap creates the TLS socket and its OpenSSL SSL object, with no
// handshake (no network).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Duplex } from "node:stream";
import * as tls from "node:tls";
import { QUICK, cpuSeconds, figure, median, pairedRatio, writeResults } from "../../../scripts/bench/harness.mjs";
import { PROTOCOL_TLS_CLIENT, SSLContext } from "../dist/index.js";

const ROUND_MS = QUICK ? 80 : 200;
const ROUNDS = QUICK ? 5 : 11;
const CA_FILE = process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";


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
  const rates = { a: [], b: [] };
  for (let r = 0; r < ROUNDS; r++) {
    rates.a.push(round(a));
    rates.b.push(round(b));
  }
  return { a: median(rates.a), b: median(rates.b), ratio: pairedRatio(rates.a, rates.b) };
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
const name = "SSLContext.toTLSOptions + new TLSSocket (cached SecureContext)";
writeResults(import.meta.url, {
  package: "@sslkit/context",
  benchmark: "wrap a socket (TLS socket + OpenSSL SSL object, no handshake) with a context holding the system CA bundle",
  method: `wraps per CPU second (user + system) of the measuring process; the two Node contenders interleaved, ${ROUNDS} rounds of ${ROUND_MS} ms, median of per-round ratios; CPython measured by a python3 child with time.process_time`,
  figures: [
    figure({ name, value: nodeResult.a, unit: "wraps/s", reference: "tls.createSecureContext per wrap + new TLSSocket", referenceValue: nodeResult.b, ratio: nodeResult.ratio, floor: 20, target: 50 }),
    figure({ name, value: nodeResult.a, unit: "wraps/s", reference: "CPython SSLContext.wrap_bio (SSLObject over MemoryBIOs)", referenceValue: python, floor: 0.01, target: 0.02 }),
  ],
});
