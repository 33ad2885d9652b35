import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { useSocketFixtures } from "./support/fixtures.js";
import { startServer } from "./support/servers.js";

// Correctness under load only (speed is bench/load.bench.mjs's job): many concurrent TLS
// connections between sslkit clients and one sslkit server, every byte hash-checked both ways.

const CONNECTIONS = 200;
const BYTES = 64 * 1024;

const { pki, later } = useSocketFixtures();

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Reads exactly `length` bytes (fewer only at EOF). */
async function readAll(sock: SSLSocket, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await sock.recv(65536);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

describe("SSLSocket under load", () => {
  it(`echoes ${CONNECTIONS} concurrent connections of ${BYTES / 1024} KiB each with no byte lost or corrupted`, async () => {
    const { server: listening, port } = later(await startServer(pki, { doHandshakeOnConnect: false }));
    const serverHashes: string[] = [];
    const serving = (async () => {
      const handlers: Promise<void>[] = [];
      for (let i = 0; i < CONNECTIONS; i++) {
        const [conn] = await listening.accept();
        handlers.push((async () => {
          try {
            await conn.doHandshake();
            const hash = createHash("sha256");
            let received = 0;
            while (received < BYTES) {
              const chunk = await conn.recv(65536);
              if (chunk.length === 0) break;
              hash.update(chunk);
              received += chunk.length;
              await conn.sendall(chunk);
            }
            serverHashes.push(`${received}:${hash.digest("hex")}`);
          } finally {
            await conn.close();
          }
        })());
      }
      await Promise.all(handlers);
    })();

    const context = createDefaultContext({ caFile: pki.ca.certPath });
    const clients = Array.from({ length: CONNECTIONS }, async () => {
      const payload = randomBytes(BYTES);
      const sock = await context.wrapSocket(new Socket(), { serverHostname: "localhost" });
      try {
        await sock.connect(["127.0.0.1", port]);
        const sending = sock.sendall(payload);
        const back = await readAll(sock, BYTES);
        await sending;
        return { sent: `${BYTES}:${sha256(payload)}`, echoed: `${back.length}:${sha256(back)}` };
      } finally {
        await sock.close();
      }
    });
    const results = await Promise.all(clients);
    await serving;

    expect(results.filter((r) => r.echoed !== r.sent)).toEqual([]);
    expect(serverHashes.sort()).toEqual(results.map((r) => r.sent).sort());
  }, 120_000);
});
