import { describe, expect, it } from "vitest";
import { SSLWantReadError, SSLWantWriteError, SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE } from "@sslkit/errors";
import { Socket, createDefaultContext, wrapSocket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { useSocketFixtures } from "./support/fixtures.js";
import { startServer } from "./support/servers.js";

const { pki, later } = useSocketFixtures();

/** Python's loop: `while True: try: s.do_handshake(); break; except SSLWantReadError: select([s], [], [])`. */
async function retry<T>(operation: () => Promise<T>, sock: SSLSocket, counts: { read: number; write: number }): Promise<T> {
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof SSLWantReadError) {
        counts.read++;
        await sock.waitReadable();
      } else if (error instanceof SSLWantWriteError) {
        counts.write++;
        await sock.waitWritable();
      } else {
        throw error;
      }
    }
  }
}

async function nonBlockingPair(): Promise<[SSLSocket, SSLSocket]> {
  const { server, port } = later(await startServer(pki));
  const accepted = server.accept();
  const plain = new Socket();
  await plain.connect(["127.0.0.1", port]);
  plain.setBlocking(false);
  const sock = later(await wrapSocket(plain, { context: createDefaultContext({ caFile: pki.ca.certPath }), serverHostname: "localhost", doHandshakeOnConnect: false }));
  expect(sock.getBlocking()).toBe(false);
  const counts = { read: 0, write: 0 };
  const [[conn]] = await Promise.all([accepted, retry(() => sock.doHandshake(), sock, counts)]);
  later(conn);
  expect(counts.read).toBeGreaterThan(0);
  return [sock, conn];
}

describe("SSLSocket non-blocking mode", () => {
  it("ports the seeds' do_handshake retry loop: SSLWantReadError until the handshake is done", async () => {
    const [sock] = await nonBlockingPair();
    expect(sock.version()).toBe("TLSv1.3");
    await sock.doHandshake();
  });

  it("throws SSLWantReadError with SSL_ERROR_WANT_READ from recv until data arrives", async () => {
    const [sock, conn] = await nonBlockingPair();
    const error: unknown = await sock.recv(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SSLWantReadError);
    expect(error).toMatchObject({ errno: SSL_ERROR_WANT_READ, args: [SSL_ERROR_WANT_READ, "The operation did not complete (read)"], code: "ERR_SSLKIT_SSL_WANT_READ" });
    await conn.sendall(Buffer.from("later"));
    const counts = { read: 0, write: 0 };
    const data = await retry(() => sock.recv(10), sock, counts);
    expect(data.toString()).toBe("later");
  });

  it("throws SSLWantWriteError with SSL_ERROR_WANT_WRITE when the peer does not read, and resumes after waitWritable()", async () => {
    const [sock, conn] = await nonBlockingPair();
    const chunk = Buffer.alloc(1024 * 1024, 7);
    let sent = 0;
    let wantWrite: unknown;
    while (wantWrite === undefined && sent < 512 * 1024 * 1024) {
      try {
        sent += await sock.send(chunk);
      } catch (error) {
        wantWrite = error;
      }
    }
    expect(wantWrite).toBeInstanceOf(SSLWantWriteError);
    expect(wantWrite).toMatchObject({ errno: SSL_ERROR_WANT_WRITE });
    const expected = sent + chunk.length;
    const reading = (async () => {
      let received = 0;
      while (received < expected) received += (await conn.recv(1024 * 1024)).length;
      return received;
    })();
    await sock.waitWritable();
    const counts = { read: 0, write: 0 };
    sent += await retry(() => sock.send(chunk), sock, counts);
    expect(sent).toBe(expected);
    expect(await reading).toBe(expected);
  });

  it("refuses doHandshakeOnConnect on a connected non-blocking socket (Python's ValueError)", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept().then(([conn]) => later(conn), () => undefined);
    const plain = later(new Socket());
    await plain.connect(["127.0.0.1", port]);
    plain.setBlocking(false);
    await expect(wrapSocket(plain, { context: createDefaultContext({ caFile: pki.ca.certPath }), serverHostname: "localhost" })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
    await plain.close();
    await accepted;
  });
});
