import { spawn } from "node:child_process";
import * as tls from "node:tls";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, TLSVersion } from "@sslkit/context";
import { SSLCertVerificationError } from "@sslkit/errors";
import { SSLContext, Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { useSocketFixtures } from "./support/fixtures.js";
import { startServer } from "./support/servers.js";

const { pki, later } = useSocketFixtures();

async function connectClient(port: number, context: SSLContext): Promise<SSLSocket> {
  const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
  await sock.connect(["127.0.0.1", port]);
  return sock;
}

/** A node:tls client that reads until the server closes; resolves the last session ticket and whether it resumed. */
function nodeClient(port: number, session?: Buffer): Promise<{ session: Buffer | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    let ticket: Buffer | undefined;
    let reused = false;
    const socket = tls.connect({ host: "127.0.0.1", port, ca: pki.ca.cert, servername: "localhost", ...(session === undefined ? {} : { session }) });
    socket.on("session", (value: Buffer) => (ticket = value));
    socket.on("secureConnect", () => (reused = socket.isSessionReused()));
    socket.on("error", reject);
    socket.resume();
    socket.on("end", () => { socket.end(); });
    socket.on("close", () => { resolve({ session: ticket, reused }); });
  });
}

describe("SSLContext.sessionStats through SSLSocket", () => {
  it("counts a client and a server handshake on their contexts", async () => {
    const { server, port, context: serverContext } = later(await startServer(pki));
    const accepted = server.accept();
    const client = createDefaultContext({ caFile: pki.ca.certPath });
    await connectClient(port, client);
    later((await accepted)[0]);
    expect(client.sessionStats()).toMatchObject({ connect: 1, connect_good: 1, accept: 0, hits: 0, misses: 0 });
    expect(serverContext.sessionStats()).toMatchObject({ accept: 1, accept_good: 1, connect: 0, hits: 0 });
  });

  it.each([TLSVersion.TLSv1_2, TLSVersion.TLSv1_3])("counts a resumed session as a server-side hit (max version %i)", async (maximum) => {
    const { server, port, context: serverContext } = later(await startServer(pki));
    serverContext.maximumVersion = maximum;
    const serving = (async () => {
      for (let i = 0; i < 2; i++) {
        const [conn] = await server.accept();
        await conn.sendall(Buffer.from("hello"));
        await conn.close();
      }
    })();
    const first = await nodeClient(port);
    expect(first).toMatchObject({ reused: false });
    await expect(nodeClient(port, first.session)).resolves.toMatchObject({ reused: true });
    await serving;
    expect(serverContext.sessionStats()).toMatchObject({ accept: 2, accept_good: 2, hits: 1, misses: 0 });
  });

  it("counts a handshake that fails verification as started, not good, on both sides", async () => {
    const { server, port, context: serverContext } = later(await startServer(pki));
    const accepted = server.accept().catch((error: unknown) => error);
    const untrusting = new SSLContext(PROTOCOL_TLS_CLIENT);
    const sock = later(await untrusting.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await expect(sock.connect(["127.0.0.1", port])).rejects.toBeInstanceOf(SSLCertVerificationError);
    // Node checks the server's chain after OpenSSL's handshake: the server learns of the failure when the client closes.
    await sock.close();
    await accepted;
    expect(untrusting.sessionStats()).toMatchObject({ connect: 1, connect_good: 0 });
    expect(serverContext.sessionStats()).toMatchObject({ accept: 1, accept_good: 0 });
  });

  it("counts a renegotiation the client asks for (openssl s_client, TLS 1.2) in accept_renegotiate", async () => {
    const { server, port, context: serverContext } = later(await startServer(pki));
    const accepted = server.accept();
    const client = spawn("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-tls1_2", "-CAfile", pki.ca.certPath], { stdio: ["pipe", "ignore", "ignore"] });
    const exited = new Promise((resolve) => client.on("exit", resolve));
    later({
      close: async () => {
        client.kill();
        await exited;
      },
    });
    const [conn] = await accepted;
    later(conn);
    expect(serverContext.sessionStats()).toMatchObject({ accept: 1, accept_good: 1, accept_renegotiate: 0 });
    // The server reads (which feeds the renegotiation to its engine) until s_client's last line.
    const reading = (async () => {
      let received = "";
      while (!received.includes("after")) {
        const chunk = await conn.recv(1024);
        if (chunk.length === 0) break;
        received += chunk.toString();
      }
      return received;
    })();
    client.stdin.write("R\n");
    await expect.poll(() => serverContext.sessionStats().accept_renegotiate, { timeout: 10_000 }).toBe(1);
    client.stdin.write("after\n");
    await expect(reading).resolves.toContain("after");
    expect(serverContext.sessionStats()).toMatchObject({ accept: 1, accept_good: 2 });
  });
});
