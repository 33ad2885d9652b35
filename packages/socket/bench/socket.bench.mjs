// pnpm bench: bulk throughput and handshakes/s of @sslkit/socket (built dist) against raw
// node:tls and CPython's ssl, interleaved in one run, written to bench/results.json.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as tls from "node:tls";
import { createHash, randomBytes } from "node:crypto";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLContext, Socket, createDefaultContext } from "../dist/index.js";

const BULK_BYTES = Number(process.env.SSLKIT_BENCH_BYTES ?? 256 * 1024 * 1024);
const ECHO_CONNECTIONS = Number(process.env.SSLKIT_BENCH_ECHO_CONNECTIONS ?? 1000);
const ECHO_BYTES = Number(process.env.SSLKIT_BENCH_ECHO_BYTES ?? 1024 * 1024);
const HANDSHAKES = Number(process.env.SSLKIT_BENCH_HANDSHAKES ?? 300);
const ROUNDS = Number(process.env.SSLKIT_BENCH_ROUNDS ?? 3);
const WRITE = 64 * 1024;
const here = new URL(".", import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), "sslkit-socket-bench-"));
const openssl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bench CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"]);
for (const [name, key] of [["ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]], ["rsa", ["-newkey", "rsa:2048"]]]) {
  openssl(["req", ...key, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", "/CN=localhost"]);
  writeFileSync(join(dir, `${name}.ext`), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n");
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "1", "-days", "2", "-out", `${name}.pem`, "-extfile", `${name}.ext`]);
}
const caPath = join(dir, "ca.pem");
const ca = readFileSync(caPath);

const peer = spawn(process.execPath, [join(here, "peer.mjs"), dir], { stdio: ["pipe", "pipe", "inherit"] });
const peerLines = createInterface({ input: peer.stdout })[Symbol.asyncIterator]();
const nextPeerLine = async () => JSON.parse((await peerLines.next()).value);
const ports = await nextPeerLine();
/** The handshakes each handshake server completed so far (it saw the client's Finished). */
async function completedHandshakes() {
  peer.stdin.write("completed\n");
  return nextPeerLine();
}
/** Runs `run` and checks that the servers `names` each completed `expected` handshakes meanwhile. */
async function checkedHandshakes(names, expected, run) {
  const before = await completedHandshakes();
  const result = await run();
  for (let waited = 0; ; waited += 10) {
    const now = await completedHandshakes();
    const short = names.filter((name) => now[name] - before[name] !== expected);
    if (short.length === 0) return result;
    if (waited > 2000) throw new Error(`${short.join(", ")}: the server completed ${short.map((name) => now[name] - before[name]).join(", ")} of ${expected} handshakes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const sharedSecureContext = tls.createSecureContext({ ca, ciphers: "TLS_AES_256_GCM_SHA384" });
const nodeOptions = (port) => ({ host: "127.0.0.1", port, servername: "localhost", secureContext: sharedSecureContext });
const context = createDefaultContext({ caFile: caPath });

async function sslkitConnect(port) {
  const sock = await context.wrapSocket(new Socket(), { serverHostname: "localhost" });
  await sock.connect(["127.0.0.1", port]);
  return sock;
}

// --- receive: the peer streams BULK_BYTES ---
async function recvNode() {
  const socket = tls.connect(nodeOptions(ports.source));
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  const start = process.hrtime.bigint();
  socket.write(String(BULK_BYTES));
  let total = 0;
  await new Promise((resolve) => { socket.on("data", (d) => { total += d.length; }); socket.on("end", resolve); });
  const elapsed = seconds(start);
  socket.destroy();
  if (total !== BULK_BYTES) throw new Error(`node:tls received ${total}`);
  return BULK_BYTES / elapsed / 1e6;
}

async function recvSSLKit() {
  const sock = await sslkitConnect(ports.source);
  const start = process.hrtime.bigint();
  await sock.sendall(Buffer.from(String(BULK_BYTES)));
  let total = 0;
  for (let chunk = await sock.recv(WRITE * 4); chunk.length > 0; chunk = await sock.recv(WRITE * 4)) total += chunk.length;
  const elapsed = seconds(start);
  await sock.close();
  if (total !== BULK_BYTES) throw new Error(`sslkit recv received ${total}`);
  return BULK_BYTES / elapsed / 1e6;
}

async function recvSSLKitStream() {
  const sock = await sslkitConnect(ports.source);
  const start = process.hrtime.bigint();
  await sock.sendall(Buffer.from(String(BULK_BYTES)));
  let total = 0;
  await new Promise((resolve) => { sock.stream.on("data", (d) => { total += d.length; }); sock.stream.on("end", resolve); });
  const elapsed = seconds(start);
  await sock.close();
  if (total !== BULK_BYTES) throw new Error(`sslkit stream received ${total}`);
  return BULK_BYTES / elapsed / 1e6;
}

// --- send: "<N>\n" then N bytes in 64 KiB writes; the sink answers with its count ---
const payload = Buffer.alloc(WRITE, 0xa5);
async function sendNode() {
  const socket = tls.connect(nodeOptions(ports.sink));
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  const start = process.hrtime.bigint();
  socket.write(`${BULK_BYTES}\n`);
  for (let sent = 0; sent < BULK_BYTES; sent += WRITE) {
    if (!socket.write(payload)) await new Promise((resolve) => socket.once("drain", resolve));
  }
  const reply = await new Promise((resolve) => { let text = ""; socket.on("data", (d) => { text += d; }); socket.on("end", () => resolve(text)); });
  const elapsed = seconds(start);
  socket.destroy();
  if (Number(reply) !== BULK_BYTES) throw new Error(`sink got ${reply}`);
  return BULK_BYTES / elapsed / 1e6;
}

async function sendSSLKit() {
  const sock = await sslkitConnect(ports.sink);
  const start = process.hrtime.bigint();
  await sock.sendall(Buffer.from(`${BULK_BYTES}\n`));
  for (let sent = 0; sent < BULK_BYTES; sent += WRITE) await sock.sendall(payload);
  let reply = "";
  for (let chunk = await sock.recv(); chunk.length > 0; chunk = await sock.recv()) reply += chunk;
  const elapsed = seconds(start);
  await sock.close();
  if (Number(reply) !== BULK_BYTES) throw new Error(`sink got ${reply}`);
  return BULK_BYTES / elapsed / 1e6;
}

// --- full handshakes against one server, one at a time ---
// Every client does the same protocol work: the whole handshake (the server counts it, see
// checkedHandshakes), a close_notify, and the TCP close. node:tls destroyed at secureConnect
// would skip its Finished (Node writes it after the event), so the server never completes.
async function handshakesNode(port) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < HANDSHAKES; i++) {
    const socket = tls.connect(nodeOptions(port));
    await new Promise((resolve, reject) => { socket.once("secureConnect", resolve); socket.once("error", reject); });
    socket.end();
    await new Promise((resolve) => socket.once("finish", resolve));
    socket.destroy();
    await new Promise((resolve) => socket.once("close", resolve));
  }
  return HANDSHAKES / seconds(start);
}

async function handshakesSSLKit(port) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < HANDSHAKES; i++) {
    const sock = await sslkitConnect(port);
    await sock.close();
  }
  return HANDSHAKES / seconds(start);
}

const PYTHON = `
import json, socket, ssl, sys, time
ca = sys.argv[1]
source, sink, ecdsa, rsa, total, handshakes = map(int, sys.argv[2:])
ctx = ssl.create_default_context(cafile=ca)
def connect(port):
    return ctx.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost")
s = connect(source)
start = time.perf_counter()
s.sendall(str(total).encode())
got = 0
while True:
    d = s.recv(262144)
    if not d:
        break
    got += len(d)
recv = total / (time.perf_counter() - start) / 1e6
s.close()
assert got == total
s = connect(sink)
payload = b"\\xa5" * 65536
start = time.perf_counter()
s.sendall(b"%d\\n" % total)
for _ in range(total // 65536):
    s.sendall(payload)
reply = b""
while True:
    d = s.recv(100)
    if not d:
        break
    reply += d
send = total / (time.perf_counter() - start) / 1e6
s.close()
assert int(reply) == total, reply
hs = {}
for name, port in (("ecdsa", ecdsa), ("rsa", rsa)):
    start = time.perf_counter()
    for _ in range(handshakes):
        connect(port).close()
    hs[name] = handshakes / (time.perf_counter() - start)
print(json.dumps({"recv": recv, "send": send, **hs}))
`;

function python() {
  const out = execFileSync("python3", ["-c", PYTHON, caPath, ...[ports.source, ports.sink, ports.ecdsa, ports.rsa, BULK_BYTES, HANDSHAKES].map(String)], { maxBuffer: 1 << 20 });
  return JSON.parse(out.toString());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = {};
const record = (name, value) => { (samples[name] ??= []).push(value); };

// Warm-up (JIT, session caches, the peer process), then interleaved rounds.
await recvNode(); await recvSSLKit();
await checkedHandshakes(["ecdsa"], HANDSHAKES, () => handshakesNode(ports.ecdsa));
await checkedHandshakes(["ecdsa"], HANDSHAKES, () => handshakesSSLKit(ports.ecdsa));
for (let round = 0; round < ROUNDS; round++) {
  record("recvNode", await recvNode());
  record("recvSSLKit", await recvSSLKit());
  record("recvSSLKitStream", await recvSSLKitStream());
  record("sendNode", await sendNode());
  record("sendSSLKit", await sendSSLKit());
  for (const [name, port] of [["ecdsa", ports.ecdsa], ["rsa", ports.rsa]]) {
    record(`hs_${name}_node`, await checkedHandshakes([name], HANDSHAKES, () => handshakesNode(port)));
    record(`hs_${name}_sslkit`, await checkedHandshakes([name], HANDSHAKES, () => handshakesSSLKit(port)));
  }
  const py = await checkedHandshakes(["ecdsa", "rsa"], HANDSHAKES, python);
  record("recvPython", py.recv);
  record("sendPython", py.send);
  record("hs_ecdsa_python", py.ecdsa);
  record("hs_rsa_python", py.rsa);
  console.error(`round ${round + 1}/${ROUNDS} done`);
}
// --- ECHO_CONNECTIONS concurrent sslkit clients ↔ one sslkit server, ECHO_BYTES each ---
async function concurrentEcho() {
  const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
  serverContext.loadCertChain(join(dir, "ec.pem"), join(dir, "ec.key"));
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen(4096);
  const server = await serverContext.wrapSocket(listener, { serverSide: true });
  const port = server.getsockname()[1];
  const serverHashes = new Set();
  const serving = (async () => {
    const handlers = [];
    for (let i = 0; i < ECHO_CONNECTIONS; i++) {
      const [conn] = await server.accept();
      handlers.push((async () => {
        const hash = createHash("sha256");
        let received = 0;
        while (received < ECHO_BYTES) {
          const chunk = await conn.recv(65536);
          if (chunk.length === 0) break;
          received += chunk.length;
          hash.update(chunk);
          await conn.sendall(chunk);
        }
        serverHashes.add(hash.digest("hex"));
        await conn.close();
      })());
    }
    await Promise.all(handlers);
  })();
  const before = process.memoryUsage();
  let peakRSS = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRSS = Math.max(peakRSS, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
  }, 20);
  const start = process.hrtime.bigint();
  let correct = 0;
  await Promise.all(Array.from({ length: ECHO_CONNECTIONS }, async () => {
    const data = randomBytes(ECHO_BYTES);
    const expected = createHash("sha256").update(data).digest("hex");
    const sock = await sslkitConnect(port);
    const sending = (async () => { for (let o = 0; o < data.length; o += 65536) await sock.sendall(data.subarray(o, o + 65536)); })();
    const hash = createHash("sha256");
    let received = 0;
    while (received < ECHO_BYTES) {
      const chunk = await sock.recv(65536);
      if (chunk.length === 0) break;
      received += chunk.length;
      hash.update(chunk);
    }
    await sending;
    await sock.close();
    if (received === ECHO_BYTES && hash.digest("hex") === expected && serverHashes.has(expected)) correct++;
  }));
  await serving;
  const elapsed = seconds(start);
  clearInterval(sampler);
  await server.close();
  return {
    connections: ECHO_CONNECTIONS,
    bytesEach: ECHO_BYTES,
    allBytesCorrect: correct === ECHO_CONNECTIONS,
    correctConnections: correct,
    seconds: elapsed,
    echoedMBps: (2 * ECHO_CONNECTIONS * ECHO_BYTES) / elapsed / 1e6,
    peakRSSPerConnectionKiB: Math.round((peakRSS - before.rss) / ECHO_CONNECTIONS / 1024),
    peakHeapAndExternalPerConnectionKiB: Math.round((peakHeap - before.heapUsed - before.external) / ECHO_CONNECTIONS / 1024),
    note: "both ends (client and server SSLSockets) live in the measuring process, so per-connection memory covers two sockets",
  };
}
const echo = await concurrentEcho();
console.error(`echo: ${JSON.stringify(echo)}`);

peer.stdin.end();
rmSync(dir, { recursive: true, force: true });

const m = (name) => median(samples[name]);
const ratio = (a, b) => median(samples[a].map((value, i) => value / samples[b][i]));
const figure = (name, value, reference, referenceValue, pairedRatio, floor) => ({ name, value, reference, referenceValue, ratio: pairedRatio, ...(floor === undefined ? {} : { floor }) });
const figures = [
  figure("recv() loop, MB/s (TLS 1.3 AES-256-GCM, 64 KiB writes)", m("recvSSLKit"), "node:tls 'data' events", m("recvNode"), ratio("recvSSLKit", "recvNode"), 0.8),
  figure("stream 'data' events, MB/s", m("recvSSLKitStream"), "node:tls 'data' events", m("recvNode"), ratio("recvSSLKitStream", "recvNode"), 0.95),
  figure("sendall() 64 KiB, MB/s", m("sendSSLKit"), "node:tls write() + drain", m("sendNode"), ratio("sendSSLKit", "sendNode"), 0.8),
  figure("recv() loop, MB/s", m("recvSSLKit"), "CPython ssl recv()", m("recvPython"), ratio("recvSSLKit", "recvPython"), 1),
  figure("sendall() 64 KiB, MB/s", m("sendSSLKit"), "CPython ssl sendall()", m("sendPython"), ratio("sendSSLKit", "sendPython"), 1),
  figure("full handshakes/s ECDSA P-256 (wrapSocket+connect+close)", m("hs_ecdsa_sslkit"), "node:tls connect+end, shared SecureContext", m("hs_ecdsa_node"), ratio("hs_ecdsa_sslkit", "hs_ecdsa_node"), 0.9),
  figure("full handshakes/s RSA-2048", m("hs_rsa_sslkit"), "node:tls connect+end, shared SecureContext", m("hs_rsa_node"), ratio("hs_rsa_sslkit", "hs_rsa_node"), 0.9),
  figure("full handshakes/s ECDSA P-256", m("hs_ecdsa_sslkit"), "CPython wrap_socket+close", m("hs_ecdsa_python"), ratio("hs_ecdsa_sslkit", "hs_ecdsa_python")),
  figure("full handshakes/s RSA-2048", m("hs_rsa_sslkit"), "CPython wrap_socket+close", m("hs_rsa_python"), ratio("hs_rsa_sslkit", "hs_rsa_python")),
];
const pythonVersion = execFileSync("python3", ["-c", "import ssl, sys; print(sys.version.split()[0]); print(ssl.OPENSSL_VERSION)"]).toString().trim().split("\n");
const results = {
  package: "@sslkit/socket",
  benchmark: "loopback TLS: bulk throughput and sequential full handshakes; the far end is a node:tls server in a child process",
  unit: "MB/s or handshakes/s",
  date: new Date().toISOString(),
  method: `median of ${ROUNDS} interleaved rounds after a warm-up; ratios are medians of per-round ratios; ${BULK_BYTES / 1048576} MiB per bulk run, ${HANDSHAKES} handshakes per handshake run; client verification (CA + host name) on everywhere`,
  loadAverage: loadavg(),
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  versions: { node: process.version, nodeOpenSSL: process.versions.openssl, python: pythonVersion[0], pythonOpenSSL: pythonVersion[1] },
  figures,
  concurrentEcho: echo,
  notMeasured: "resumed handshakes: @sslkit/socket has no session API yet",
  samples,
};
writeFileSync(join(here, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(1)} vs ${f.reference} ${f.referenceValue.toFixed(1)} = ${f.ratio.toFixed(2)}x${f.floor === undefined ? "" : ` (target ${f.floor}x)`}`);
