import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLEOFError } from "@sslkit/errors";
import { SSLContext, Socket, TimeoutError, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { startFaultProxy } from "@sslkit/test-utils";
import type { FaultDirection, FaultMode, FaultProxy } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";

// Every case runs sslkit client ↔ fault proxy ↔ sslkit server on 127.0.0.1 and ends in the
// right data (SHA-256-checked) or the right error, on the side that sees the fault, with no TCP
// handle or timer left behind.

const { pki, later } = useSocketFixtures();

interface Setup {
  readonly server: SSLSocket;
  readonly proxy: FaultProxy;
  /** Connects an sslkit client through the proxy (verification on); resolves once connected. */
  connect(options?: { timeout?: number; suppressRaggedEofs?: boolean }): Promise<SSLSocket>;
  /** The next accepted connection (already handshaken); later closed with the test. */
  accept(): Promise<SSLSocket>;
  /** A connected client and its accepted server side (accept runs while the client connects). */
  pair(options?: { suppressRaggedEofs?: boolean }): Promise<[client: SSLSocket, server: SSLSocket]>;
}

/** An sslkit server behind a fault proxy. */
async function setup(mode: FaultMode, direction: FaultDirection, server: { timeout?: number; suppressRaggedEofs?: boolean } = {}): Promise<Setup> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen();
  const wrapped = later(await context.wrapSocket(listener, { serverSide: true, suppressRaggedEofs: server.suppressRaggedEofs ?? true }));
  if (server.timeout !== undefined) wrapped.setTimeout(server.timeout);
  const proxy = later(await startFaultProxy({ target: wrapped.getsockname()[1], mode, direction }));
  const clientContext = createDefaultContext({ caFile: pki.ca.certPath });
  const connect: Setup["connect"] = async (options = {}) => {
    const sock = later(await clientContext.wrapSocket(new Socket(), { serverHostname: "localhost", suppressRaggedEofs: options.suppressRaggedEofs ?? true }));
    if (options.timeout !== undefined) sock.setTimeout(options.timeout);
    await sock.connect(["127.0.0.1", proxy.port]);
    return sock;
  };
  const accept = async (): Promise<SSLSocket> => {
    const [conn] = await wrapped.accept();
    return later(conn);
  };
  return {
    server: wrapped,
    proxy,
    connect,
    accept,
    pair: async (options = {}) => {
      const accepting = accept();
      const sock = await connect(options);
      return [sock, await accepting];
    },
  };
}

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Reads until EOF (or until `length` bytes); resolves what arrived. */
async function readAll(sock: SSLSocket | Socket, length = Infinity): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await sock.recv(Math.min(65536, length - total));
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

/** Receives until EOF or an error; resolves what arrived and how it ended (`null`: a clean EOF). */
async function drain(sock: SSLSocket): Promise<{ data: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for (let chunk = await sock.recv(65536); chunk.length > 0; chunk = await sock.recv(65536)) parts.push(chunk);
    return { data: Buffer.concat(parts), error: null };
  } catch (error) {
    return { data: Buffer.concat(parts), error };
  }
}

/** The server echoes `size` bytes back as they come; resolves the hash of what it received. */
async function echo(conn: SSLSocket, size: number): Promise<string> {
  const hash = createHash("sha256");
  let received = 0;
  while (received < size) {
    const chunk = await conn.recv(65536);
    if (chunk.length === 0) throw new Error(`EOF after ${received} of ${size} bytes`);
    hash.update(chunk);
    received += chunk.length;
    await conn.sendall(chunk);
  }
  return hash.digest("hex");
}

/** Sends `payload` through the client while the server echoes it; checks both hashes. */
async function echoThrough(s: Setup, size: number): Promise<void> {
  const payload = randomBytes(size);
  const [sock, conn] = await s.pair();
  const served = echo(conn, size);
  const sending = sock.sendall(payload);
  const back = await readAll(sock, size);
  await sending;
  expect(await served).toBe(sha256(payload));
  expect(back.length).toBe(size);
  expect(sha256(back)).toBe(sha256(payload));
}

describe("SSLSocket through a fault-injecting proxy", () => {
  describe("delivers every byte, hash-checked, when the proxy", () => {
    it("delays every chunk by 20 ms both ways", async () => {
      await echoThrough(await setup({ kind: "delay", ms: 20 }, "both"), 256 * 1024);
    });

    it("fragments both directions into 1-byte segments", async () => {
      const s = await setup({ kind: "fragment" }, "both");
      await echoThrough(s, 4096);
      expect(s.proxy.forwarded.toClient).toBeGreaterThan(4096);
    });

    it("coalesces writes and splits them again across TLS record boundaries", async () => {
      await echoThrough(await setup({ kind: "rechunk", seed: 7, maxChunk: 40_000 }, "both"), 1024 * 1024);
    });
  });

  describe("unwraps to cleartext with no byte lost when the proxy", () => {
    it.each<[string, FaultMode]>([
      ["fragments into 1-byte segments", { kind: "fragment" }],
      ["rechunks across records", { kind: "rechunk", seed: 3, maxChunk: 64 }],
    ])("%s", async (_label, mode) => {
      const s = await setup(mode, "both");
      const [sock, conn] = await s.pair();
      const server = (async () => {
        expect((await readAll(conn, 5)).toString()).toBe("hello");
        await conn.sendall(Buffer.from("ack"));
        const plain = later(await conn.unwrap());
        await plain.sendall(Buffer.from("clear from server"));
        expect((await readAll(plain, 17)).toString()).toBe("clear from client");
      })();
      await sock.sendall(Buffer.from("hello"));
      expect((await readAll(sock, 3)).toString()).toBe("ack");
      const plain = later(await sock.unwrap());
      expect((await readAll(plain, 17)).toString()).toBe("clear from server");
      await plain.sendall(Buffer.from("clear from client"));
      await server;
    });
  });

  describe("truncated (FIN) after N bytes", () => {
    it("fails the client's handshake with SSLEOFError when the server's flight is cut", async () => {
      const s = await setup({ kind: "truncate", afterBytes: 60 }, "to-client");
      const accepted = s.accept().catch((error: unknown) => error);
      await expect(s.connect()).rejects.toBeInstanceOf(SSLEOFError);
      expect(await accepted).toBeInstanceOf(SSLEOFError);
    });

    it("fails the server's handshake with SSLEOFError when the ClientHello is cut", async () => {
      const s = await setup({ kind: "truncate", afterBytes: 100 }, "to-server");
      const connecting = s.connect().catch((error: unknown) => error);
      await expect(s.accept()).rejects.toBeInstanceOf(SSLEOFError);
      expect(await connecting).toBeInstanceOf(SSLEOFError);
    });

    it("gives the client the bytes before the cut, then SSLEOFError (suppressRaggedEofs off)", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "truncate", afterBytes: 100_000 }, "to-client");
      const [sock, conn] = await s.pair({ suppressRaggedEofs: false });
      const sending = conn.sendall(payload).catch((error: unknown) => error);
      const { data: got, error: failure } = await drain(sock);
      expect(failure).toBeInstanceOf(SSLEOFError);
      expect(got.length).toBeGreaterThan(0);
      expect(got.length).toBeLessThan(100_000);
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await sending;
    });

    it("gives the client a clean EOF after the bytes before the cut with suppressRaggedEofs (the default)", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "truncate", afterBytes: 100_000 }, "to-client");
      const [sock, conn] = await s.pair();
      const sending = conn.sendall(payload).catch((error: unknown) => error);
      const got = await readAll(sock);
      expect(got.length).toBeLessThan(100_000);
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await sending;
    });

    it("gives the server the bytes before the cut, then SSLEOFError (suppressRaggedEofs off)", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "truncate", afterBytes: 100_000 }, "to-server", { suppressRaggedEofs: false });
      const [sock, conn] = await s.pair();
      const sending = sock.sendall(payload).catch((error: unknown) => error);
      const { data: got, error: failure } = await drain(conn);
      expect(failure).toBeInstanceOf(SSLEOFError);
      expect(got.length).toBeLessThan(100_000);
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await sending;
    });
  });

  describe("reset (RST) after N bytes", () => {
    // Before the handshake completes Node reports a reset as "socket disconnected before secure
    // TLS connection was established" unless the TCP error wins the race, so a handshake cut by
    // a reset ends in SSLEOFError or ECONNRESET — never a hang, never another error.
    const resetOrEOF = (error: unknown): boolean =>
      error instanceof SSLEOFError || (error as { code?: unknown } | null)?.code === "ECONNRESET";

    it("rejects the client's handshake with SSLEOFError or ECONNRESET", async () => {
      const s = await setup({ kind: "reset", afterBytes: 60 }, "to-client");
      const accepted = s.accept().catch((error: unknown) => error);
      expect(await s.connect().catch((error: unknown) => error)).toSatisfy(resetOrEOF);
      expect(await accepted).toSatisfy(resetOrEOF);
    });

    it("rejects the server's handshake with SSLEOFError or ECONNRESET", async () => {
      const s = await setup({ kind: "reset", afterBytes: 100 }, "to-server");
      const connecting = s.connect().catch((error: unknown) => error);
      expect(await s.accept().catch((error: unknown) => error)).toSatisfy(resetOrEOF);
      expect(await connecting).toSatisfy(resetOrEOF);
    });

    it("rejects the client's recv() with ECONNRESET after the bytes before the reset", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "reset", afterBytes: 100_000 }, "to-client");
      const [sock, conn] = await s.pair();
      const sending = conn.sendall(payload).catch((error: unknown) => error);
      const { data: got, error: failure } = await drain(sock);
      expect(failure).toMatchObject({ code: "ECONNRESET" });
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await sending;
    });

    it("rejects the server's recv() with ECONNRESET after the bytes before the reset", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "reset", afterBytes: 100_000 }, "to-server");
      const [sock, conn] = await s.pair();
      const sending = sock.sendall(payload).catch((error: unknown) => error);
      const { data: got, error: failure } = await drain(conn);
      expect(failure).toMatchObject({ code: "ECONNRESET" });
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await sending;
    });
  });

  describe("stalled (bytes held, connection open)", () => {
    it("times the client's handshake out with TimeoutError", async () => {
      const s = await setup({ kind: "stall", afterBytes: 0 }, "to-client", { timeout: 5 });
      const accepted = s.accept().catch((error: unknown) => error);
      await expect(s.connect({ timeout: 0.3 })).rejects.toThrow(TimeoutError);
      await s.proxy.close();
      expect(await accepted).toBeInstanceOf(Error);
    });

    it("times the server's handshake out with TimeoutError", async () => {
      const s = await setup({ kind: "stall", afterBytes: 0 }, "to-server", { timeout: 0.3 });
      const connecting = s.connect({ timeout: 5 }).catch((error: unknown) => error);
      await expect(s.accept()).rejects.toThrow(TimeoutError);
      await s.proxy.close();
      expect(await connecting).toBeInstanceOf(Error);
    });

    it("times the client's recv() out with TimeoutError after the bytes before the stall", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "stall", afterBytes: 100_000 }, "to-client");
      const [sock, conn] = await s.pair();
      conn.setTimeout(5);
      const sending = conn.sendall(payload).catch((error: unknown) => error);
      await s.proxy.fired;
      sock.setTimeout(0.3);
      const { data: got, error: failure } = await drain(sock);
      expect(failure).toBeInstanceOf(TimeoutError);
      expect((failure as Error).message).toBe("The read operation timed out");
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await s.proxy.close();
      await sending;
    });

    it("times the server's recv() out with TimeoutError after the bytes before the stall", async () => {
      const payload = randomBytes(256 * 1024);
      const s = await setup({ kind: "stall", afterBytes: 100_000 }, "to-server");
      const [sock, conn] = await s.pair();
      sock.setTimeout(5);
      const sending = sock.sendall(payload).catch((error: unknown) => error);
      await s.proxy.fired;
      conn.setTimeout(0.3);
      const { data: got, error: failure } = await drain(conn);
      expect(failure).toBeInstanceOf(TimeoutError);
      expect(sha256(got)).toBe(sha256(payload.subarray(0, got.length)));
      await s.proxy.close();
      await sending;
    });
  });
});
