// The server side of load.bench.mjs, in its own process so that its memory and event loop are
// its own: `node load-server.mjs sslkit|node <cert> <key>` (forked with an IPC channel).
// Protocol, per connection: the client sends a 4-byte big-endian length L and L bytes; the server
// echoes the bytes as they arrive, then sends the SHA-256 of what it received and closes.
// It reports {type:"ready", port}, and on {type:"stop"} replies with its counters and memory.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLContext, Socket } from "../dist/index.js";

const [impl, certPath, keyPath] = process.argv.slice(2);
const stats = { accepted: 0, completed: 0, failed: 0, bytes: 0, open: 0, maxOpen: 0, errors: {} };
const fail = (error) => {
  stats.failed++;
  const key = error?.code ?? error?.name ?? String(error);
  stats.errors[key] = (stats.errors[key] ?? 0) + 1;
};
const opened = () => {
  stats.accepted++;
  stats.open++;
  stats.maxOpen = Math.max(stats.maxOpen, stats.open);
};

/** Feeds received bytes: parses the length header, hashes and counts the payload. */
class Receiver {
  #header = Buffer.alloc(0);
  #hash = createHash("sha256");
  length = -1;
  received = 0;

  /** Returns the payload part of `chunk` (to echo), or null while the header is incomplete. */
  take(chunk) {
    if (this.length < 0) {
      this.#header = Buffer.concat([this.#header, chunk]);
      if (this.#header.length < 4) return null;
      this.length = this.#header.readUInt32BE(0);
      chunk = this.#header.subarray(4);
    }
    if (this.received + chunk.length > this.length) throw new Error(`peer sent ${this.received + chunk.length} bytes, announced ${this.length}`);
    this.#hash.update(chunk);
    this.received += chunk.length;
    return chunk;
  }

  get done() {
    return this.length >= 0 && this.received === this.length;
  }

  digest() {
    return this.#hash.digest();
  }
}

async function serveSSLKit(conn) {
  const receiver = new Receiver();
  try {
    await conn.doHandshake();
    while (!receiver.done) {
      const chunk = await conn.recv(65536);
      if (chunk.length === 0) throw new Error(`EOF after ${receiver.received} of ${receiver.length} bytes`);
      const payload = receiver.take(chunk);
      if (payload !== null && payload.length > 0) await conn.sendall(payload);
    }
    await conn.sendall(receiver.digest());
    stats.completed++;
    stats.bytes += receiver.received;
  } catch (error) {
    fail(error);
  } finally {
    await conn.close();
    stats.open--;
  }
}

async function startSSLKit() {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(certPath, keyPath);
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen(4096);
  // Deferred handshakes: accept() hands the connection over at once and each connection shakes
  // hands in its own task, as node:tls does; accept() with the handshake inside would serialize them.
  const server = await context.wrapSocket(listener, { serverSide: true, doHandshakeOnConnect: false });
  let stopped = false;
  void (async () => {
    while (!stopped) {
      let conn;
      try {
        [conn] = await server.accept();
      } catch (error) {
        if (!stopped) fail(error);
        continue;
      }
      opened();
      void serveSSLKit(conn);
    }
  })();
  return {
    port: server.getsockname()[1],
    stop: async () => {
      stopped = true;
      await server.close();
    },
  };
}

async function startNode() {
  const server = tls.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (socket) => {
    opened();
    const receiver = new Receiver();
    let finished = false;
    const finish = (error) => {
      if (finished) return;
      finished = true;
      stats.open--;
      if (error === undefined) {
        stats.completed++;
        stats.bytes += receiver.received;
      } else {
        fail(error);
      }
    };
    socket.on("drain", () => socket.resume());
    socket.on("data", (chunk) => {
      try {
        const payload = receiver.take(chunk);
        if (payload !== null && payload.length > 0 && !socket.write(payload)) socket.pause();
        if (receiver.done) socket.end(receiver.digest(), () => finish());
      } catch (error) {
        socket.destroy();
        finish(error);
      }
    });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish(receiver.done ? undefined : new Error(`closed after ${receiver.received} of ${receiver.length} bytes`)));
  });
  server.on("tlsClientError", (error) => fail(error));
  server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 });
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    port: server.address().port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const server = impl === "sslkit" ? await startSSLKit() : await startNode();
globalThis.gc?.();
const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heapAndExternal: baseline.heapUsed + baseline.external };
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peak.rss = Math.max(peak.rss, now.rss);
  peak.heapAndExternal = Math.max(peak.heapAndExternal, now.heapUsed + now.external);
}, 25);

process.on("message", async (message) => {
  if (message?.type !== "stop") return;
  clearInterval(sampler);
  await server.stop();
  process.send({
    type: "stats",
    ...stats,
    memory: {
      baselineRSS: baseline.rss,
      peakRSS: peak.rss,
      baselineHeapAndExternal: baseline.heapUsed + baseline.external,
      peakHeapAndExternal: peak.heapAndExternal,
    },
  }, () => process.disconnect());
});
process.send({ type: "ready", port: server.port });
