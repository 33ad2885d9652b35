// Load: CONCURRENCY TLS connections at once against an sslkit server (built dist, in a child
// process: load-server.mjs) for a bounded time, each sending a payload of random size and
// content and checking the echo and the server's SHA-256 of what it received; the same load
// against a node:tls server in the same run is the reference. Reports connections/s, p50/p99
// handshake latency and the server's memory per connection; any lost or corrupted byte, or a
// failed connection, fails the run. Writes bench/load.results.json (scripts/bench/harness.mjs).
import { fork } from "node:child_process";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import { QUICK, figure, median, pairedRatio, quantile, secondsSince, writeResults } from "../../../scripts/bench/harness.mjs";
import { makeBenchPKI } from "../../../scripts/bench/pki.mjs";

const CONCURRENCY = QUICK ? 200 : 1000;
const MIN_BYTES = 64 * 1024;
const MAX_BYTES = QUICK ? 256 * 1024 : 1024 * 1024;
const SECONDS = QUICK ? 4 : 15;
const ROUNDS = QUICK ? 1 : 2;
const CONNECTION_TIMEOUT_MS = 180_000;
const WRITE = 64 * 1024;

const pki = makeBenchPKI();
const clientContext = tls.createSecureContext({ ca: readFileSync(pki.caPath) });
// Payloads are windows of one random pool behind a unique 8-byte connection number, so that
// two connections never send the same bytes (a crossed stream would not hash right).
const pool = randomBytes(MAX_BYTES);
let sequence = 0;

function startServer(impl) {
  const child = fork(new URL("./load-server.mjs", import.meta.url), [impl, pki.ec.certPath, pki.ec.keyPath], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${impl} server exited with ${code} before it was ready`)));
    child.once("message", (message) => {
      child.removeAllListeners("exit");
      resolve({
        port: message.port,
        stop: () =>
          new Promise((done, failed) => {
            child.once("message", (stats) => done(stats));
            child.once("exit", (code) => failed(new Error(`${impl} server exited with ${code} before reporting`)));
            child.send({ type: "stop" });
          }),
      });
    });
  });
}

/** One connection: handshake, send the payload, read the echo and the server's digest, check both. */
function connection(port, outcome) {
  const id = sequence++;
  const size = randomInt(MIN_BYTES, MAX_BYTES + 1);
  const offset = randomInt(0, MAX_BYTES - (size - 8) + 1);
  const window = pool.subarray(offset, offset + size - 8); // a view: no copy
  const idBytes = Buffer.alloc(8);
  idBytes.writeBigUInt64BE(BigInt(id));
  const expected = createHash("sha256").update(idBytes).update(window).digest();
  const header = Buffer.alloc(4);
  header.writeUInt32BE(size);

  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const echo = createHash("sha256");
    let received = 0;
    let tail = Buffer.alloc(0);
    let settled = false;
    const socket = tls.connect({ host: "127.0.0.1", port, servername: "localhost", secureContext: clientContext });
    const timer = setTimeout(() => socket.destroy(new Error("connection timed out")), CONNECTION_TIMEOUT_MS);
    const settle = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        outcome.failed++;
        const key = error.code ?? error.message;
        outcome.errors[key] = (outcome.errors[key] ?? 0) + 1;
      }
      resolve();
    };
    socket.once("secureConnect", async () => {
      outcome.handshakeMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      socket.write(header);
      socket.write(idBytes);
      for (let o = 0; o < window.length; o += WRITE) {
        if (!socket.write(window.subarray(o, o + WRITE))) await new Promise((r) => socket.once("drain", r));
        if (socket.destroyed) return;
      }
    });
    socket.on("data", (chunk) => {
      const echoed = Math.min(chunk.length, size - received);
      if (echoed > 0) echo.update(chunk.subarray(0, echoed));
      received += echoed;
      if (echoed < chunk.length) tail = Buffer.concat([tail, chunk.subarray(echoed)]);
    });
    socket.on("error", (error) => settle(error));
    socket.on("end", () => {
      socket.end();
      const echoRight = received === size && echo.digest().equals(expected);
      const digestRight = tail.equals(expected);
      if (echoRight && digestRight) {
        outcome.completed++;
        outcome.bytes += size;
        settle();
      } else {
        outcome.corrupted++;
        settle(new Error(`corrupted: ${received} of ${size} bytes echoed, echo hash ${echoRight ? "right" : "WRONG"}, server digest ${digestRight ? "right" : "WRONG"}`));
      }
    });
  });
}

/** Runs CONCURRENCY workers, each opening connection after connection until SECONDS have passed. */
async function load(impl) {
  const server = await startServer(impl);
  const outcome = { completed: 0, failed: 0, corrupted: 0, bytes: 0, handshakeMs: [], errors: {} };
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(SECONDS * 1e9);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      do await connection(server.port, outcome);
      while (process.hrtime.bigint() < deadline);
    }),
  );
  const seconds = secondsSince(start);
  const stats = await server.stop();
  const perConnection = (peak, base) => (peak - base) / stats.maxOpen / 1024;
  const result = {
    impl,
    seconds,
    connections: outcome.completed,
    failed: outcome.failed,
    corrupted: outcome.corrupted,
    errors: outcome.errors,
    bytes: outcome.bytes,
    connectionsPerSecond: outcome.completed / seconds,
    echoMBps: (2 * outcome.bytes) / seconds / 1e6,
    handshakeP50Ms: quantile(outcome.handshakeMs, 0.5),
    handshakeP99Ms: quantile(outcome.handshakeMs, 0.99),
    serverMaxOpen: stats.maxOpen,
    serverRSSKiBPerConnection: perConnection(stats.memory.peakRSS, stats.memory.baselineRSS),
    serverHeapAndExternalKiBPerConnection: perConnection(stats.memory.peakHeapAndExternal, stats.memory.baselineHeapAndExternal),
    server: { completed: stats.completed, failed: stats.failed, bytes: stats.bytes, errors: stats.errors },
  };
  console.error(`${impl}: ${JSON.stringify(result)}`);
  return result;
}

const runs = { node: [], sslkit: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const impl of round % 2 === 0 ? ["node", "sslkit"] : ["sslkit", "node"]) runs[impl].push(await load(impl));
  }
} finally {
  pki.remove();
}

const broken = [...runs.node, ...runs.sslkit].filter((r) => r.failed > 0 || r.corrupted > 0 || r.server.failed > 0 || r.server.bytes !== r.bytes);
if (broken.length > 0) {
  for (const r of broken) console.error(`load: ${r.impl}: ${r.failed} failed and ${r.corrupted} corrupted connections, server saw ${r.server.failed} failures and ${r.server.bytes} of ${r.bytes} bytes: ${JSON.stringify({ client: r.errors, server: r.server.errors })}`);
  throw new Error("load: lost or corrupted bytes or failed connections (see above)");
}

const pick = (impl, key) => runs[impl].map((r) => r[key]);
const loadFigure = (name, key, unit, bounds, higherIsBetter = true) =>
  figure({
    name,
    value: median(pick("sslkit", key)),
    unit,
    reference: "node:tls server, same load",
    referenceValue: median(pick("node", key)),
    ratio: pairedRatio(pick("sslkit", key), pick("node", key)),
    higherIsBetter,
    ...bounds,
  });
const shape = `${CONCURRENCY} concurrent, ${MIN_BYTES >> 10} KiB–${MAX_BYTES >> 10} KiB each`;
writeResults(import.meta.url, {
  package: "@sslkit/socket",
  benchmark: `load: ${shape}, echoed and hash-checked, for ${SECONDS} s against an sslkit server`,
  method:
    `the measuring process runs ${CONCURRENCY} node:tls clients; each opens a connection, sends a 4-byte length and a payload of random size (${MIN_BYTES >> 10} KiB–${MAX_BYTES >> 10} KiB) and random content ` +
    "in 64 KiB writes, checks the SHA-256 of the echo and the server's SHA-256 of what it received, closes, and starts again until the time is up; " +
    "the server (sslkit: SSLContext + wrapSocket server side, recv/sendall per connection, deferred doHandshake; reference: tls.createServer) runs in a child process " +
    "with an ECDSA P-256 certificate, TLS 1.3, client verification on. Handshake latency is tls.connect to secureConnect under that load; " +
    `memory per connection is the server's peak RSS (and JS heap + external) over its idle baseline divided by its most concurrent connections. ${ROUNDS} round(s) per server, alternating; ratios are medians of per-round ratios. ` +
    "Any failed connection or lost or corrupted byte fails the run.",
  figures: [
    loadFigure(`connections/s (${shape})`, "connectionsPerSecond", "conn/s", { floor: 0.25 }),
    loadFigure("handshake latency p50 under load", "handshakeP50Ms", "ms", { floor: 8 }, false),
    loadFigure("handshake latency p99 under load", "handshakeP99Ms", "ms", { floor: 8 }, false),
    loadFigure("server RSS per connection", "serverRSSKiBPerConnection", "KiB", { floor: 10 }, false),
    loadFigure("server JS heap + external per connection", "serverHeapAndExternalKiBPerConnection", "KiB", { floor: 10 }, false),
  ],
  details: { concurrency: CONCURRENCY, seconds: SECONDS, minBytes: MIN_BYTES, maxBytes: MAX_BYTES, runs },
});
