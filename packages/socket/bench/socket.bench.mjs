// pnpm bench: bulk throughput and handshakes/s of @sslkit/socket (built dist) against raw
// node:tls and CPython's ssl, interleaved in one run; writes bench/socket.results.json through the
// shared writer in scripts/bench/harness.mjs. (The concurrent-connections load is load.bench.mjs.)
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as tls from "node:tls";
import { QUICK, figure, median, pairedRatio, writeResults } from "../../../scripts/bench/harness.mjs";
import { makeBenchPKI } from "../../../scripts/bench/pki.mjs";
import { Socket, createDefaultContext } from "../dist/index.js";

const BULK_BYTES = QUICK ? 64 * 1024 * 1024 : 256 * 1024 * 1024;
const HANDSHAKES = QUICK ? 60 : 300;
const ROUNDS = QUICK ? 4 : 3;
const WRITE = 64 * 1024;
const here = new URL(".", import.meta.url).pathname;

// peer.mjs reads ec.pem, ec.key, rsa.pem and rsa.key from the PKI's directory.
const pki = makeBenchPKI();
const dir = pki.dir;
const caPath = pki.caPath;
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

// --- resumed handshakes: a session from one full handshake, then HANDSHAKES resumptions ---
async function closeNode(socket) {
  socket.end();
  await new Promise((resolve) => socket.once("finish", resolve));
  socket.destroy();
  await new Promise((resolve) => socket.once("close", resolve));
}

async function resumedNode(port) {
  const first = tls.connect(nodeOptions(port));
  const session = await new Promise((resolve, reject) => { first.once("session", resolve); first.once("error", reject); first.resume(); });
  await closeNode(first);
  const start = process.hrtime.bigint();
  for (let i = 0; i < HANDSHAKES; i++) {
    const socket = tls.connect({ ...nodeOptions(port), session });
    await new Promise((resolve, reject) => { socket.once("secureConnect", resolve); socket.once("error", reject); });
    if (!socket.isSessionReused()) throw new Error("node:tls did not resume");
    await closeNode(socket);
  }
  return HANDSHAKES / seconds(start);
}

async function resumedSSLKit(port) {
  const first = await sslkitConnect(port);
  while ((await first.recv()).length > 0); // to EOF: TLS 1.3 session tickets come after the handshake
  const session = first.session;
  await first.close();
  const start = process.hrtime.bigint();
  for (let i = 0; i < HANDSHAKES; i++) {
    const sock = await context.wrapSocket(new Socket(), { serverHostname: "localhost", session });
    await sock.connect(["127.0.0.1", port]);
    if (!sock.sessionReused) throw new Error("sslkit did not resume");
    await sock.close();
  }
  return HANDSHAKES / seconds(start);
}

const PYTHON = `
import json, socket, ssl, sys, time
ca = sys.argv[1]
source, sink, ecdsa, rsa, ecdsa_resume, rsa_resume, total, handshakes = map(int, sys.argv[2:])
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
for name, port, resume in (("ecdsa", ecdsa, ecdsa_resume), ("rsa", rsa, rsa_resume)):
    start = time.perf_counter()
    for _ in range(handshakes):
        connect(port).close()
    hs[name] = handshakes / (time.perf_counter() - start)
    first = connect(resume)
    while first.recv(1024):  # to EOF: the tickets may follow the server's byte
        pass
    session = first.session
    first.close()
    start = time.perf_counter()
    for _ in range(handshakes):
        s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", resume)), server_hostname="localhost", session=session)
        assert s.session_reused
        s.close()
    hs[name + "_resumed"] = handshakes / (time.perf_counter() - start)
print(json.dumps({"recv": recv, "send": send, **hs}))
`;

function python() {
  const out = execFileSync("python3", ["-c", PYTHON, caPath, ...[ports.source, ports.sink, ports.ecdsa, ports.rsa, ports.ecdsaResume, ports.rsaResume, BULK_BYTES, HANDSHAKES].map(String)], { maxBuffer: 1 << 20 });
  return JSON.parse(out.toString());
}

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
    const resume = `${name}Resume`;
    record(`resumed_${name}_node`, await checkedHandshakes([resume], HANDSHAKES + 1, () => resumedNode(ports[resume])));
    record(`resumed_${name}_sslkit`, await checkedHandshakes([resume], HANDSHAKES + 1, () => resumedSSLKit(ports[resume])));
  }
  const py = await checkedHandshakes(["ecdsa", "rsa"], HANDSHAKES, () => checkedHandshakes(["ecdsaResume", "rsaResume"], HANDSHAKES + 1, python));
  record("recvPython", py.recv);
  record("sendPython", py.send);
  record("hs_ecdsa_python", py.ecdsa);
  record("hs_rsa_python", py.rsa);
  record("resumed_ecdsa_python", py.ecdsa_resumed);
  record("resumed_rsa_python", py.rsa_resumed);
  console.error(`round ${round + 1}/${ROUNDS} done`);
}
peer.stdin.end();
pki.remove();

const m = (name) => median(samples[name]);
const ratio = (a, b) => pairedRatio(samples[a], samples[b]);
const bulk = (name, key, reference, referenceKey, bounds) =>
  figure({ name, value: m(key), unit: "MB/s", reference, referenceValue: m(referenceKey), ratio: ratio(key, referenceKey), ...bounds });
const handshakes = (name, key, reference, referenceKey, bounds) =>
  figure({ name, value: m(key), unit: "handshakes/s", reference, referenceValue: m(referenceKey), ratio: ratio(key, referenceKey), ...bounds });
writeResults(import.meta.url, {
  package: "@sslkit/socket",
  benchmark: "loopback TLS: bulk throughput and sequential full and resumed handshakes; the far end is a node:tls server in a child process",
  method: `median of ${ROUNDS} interleaved rounds after a warm-up; ratios are medians of per-round ratios; ${BULK_BYTES / 1048576} MiB per bulk run (TLS 1.3 AES-256-GCM, 64 KiB writes), ${HANDSHAKES} handshakes per handshake run (resumed: after one full handshake that got the session); client verification (CA + host name) on everywhere; the servers count completed handshakes and a shortfall fails the run; sslkit and node:tls clients send a close_notify, CPython's close() sends none`,
  figures: [
    bulk("recv() loop", "recvSSLKit", "node:tls 'data' events", "recvNode", { floor: 0.4, target: 0.8 }),
    bulk("stream 'data' events", "recvSSLKitStream", "node:tls 'data' events", "recvNode", { floor: 0.5, target: 0.95 }),
    bulk("sendall() 64 KiB", "sendSSLKit", "node:tls write() + drain", "sendNode", { floor: 0.4, target: 0.8 }),
    bulk("recv() loop", "recvSSLKit", "CPython ssl recv()", "recvPython", { floor: 0.35, target: 1 }),
    bulk("sendall() 64 KiB", "sendSSLKit", "CPython ssl sendall()", "sendPython", { floor: 0.35, target: 1 }),
    handshakes("full handshakes ECDSA P-256 (wrapSocket + connect + close)", "hs_ecdsa_sslkit", "node:tls connect + end, shared SecureContext", "hs_ecdsa_node", { floor: 0.25, target: 0.9 }),
    handshakes("full handshakes RSA-2048 (wrapSocket + connect + close)", "hs_rsa_sslkit", "node:tls connect + end, shared SecureContext", "hs_rsa_node", { floor: 0.25, target: 0.9 }),
    handshakes("full handshakes ECDSA P-256", "hs_ecdsa_sslkit", "CPython wrap_socket + close", "hs_ecdsa_python", {}),
    handshakes("full handshakes RSA-2048", "hs_rsa_sslkit", "CPython wrap_socket + close", "hs_rsa_python", {}),
    handshakes("resumed handshakes ECDSA P-256 (TLS 1.3 ticket, wrapSocket with session + connect + close)", "resumed_ecdsa_sslkit", "node:tls connect with session + end", "resumed_ecdsa_node", { floor: 0.25, target: 0.9 }),
    handshakes("resumed handshakes RSA-2048 (TLS 1.3 ticket, wrapSocket with session + connect + close)", "resumed_rsa_sslkit", "node:tls connect with session + end", "resumed_rsa_node", { floor: 0.25, target: 0.9 }),
    handshakes("resumed handshakes ECDSA P-256", "resumed_ecdsa_sslkit", "CPython wrap_socket(session=) + close", "resumed_ecdsa_python", {}),
    handshakes("resumed handshakes RSA-2048", "resumed_rsa_sslkit", "CPython wrap_socket(session=) + close", "resumed_rsa_python", {}),
  ],
  details: { samples },
});
