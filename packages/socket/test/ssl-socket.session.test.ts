import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLError, SSLWantReadError } from "@sslkit/errors";
import { MemoryBIO, SSLContext, SSLSession, Socket, SocketErrorCode, wrapSocket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { startOpenSSLServer } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";
import { startPython } from "./support/python-peer.js";
import { VERSIONS, pinVersion } from "./support/versions.js";
import type { VersionName } from "./support/versions.js";

const { pki, later } = useSocketFixtures();

function clientContext(version: VersionName): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.loadVerifyLocations({ caFile: pki.ca.certPath });
  return pinVersion(context, version);
}

/** An sslkit server that, per connection, sends "hello", echoes one message upper-cased and reports session reuse. */
async function startEchoServer(version: VersionName): Promise<{ port: number; reused: boolean[]; close(): Promise<void> }> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  pinVersion(context, version);
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen();
  const server = await context.wrapSocket(listener, { serverSide: true });
  const [, port] = server.getsockname();
  const reused: boolean[] = [];
  const open = new Set<SSLSocket>();
  const loop = (async (): Promise<void> => {
    for (;;) {
      let conn: SSLSocket;
      try {
        [conn] = await server.accept();
      } catch {
        return;
      }
      open.add(conn);
      reused.push(conn.sessionReused);
      void (async () => {
        try {
          await conn.sendall(Buffer.from("hello"));
          const data = await conn.recv(1024);
          await conn.sendall(Buffer.from(data.toString().toUpperCase()));
          await conn.recv(1024);
        } catch {
          // the client went away
        } finally {
          open.delete(conn);
          await conn.close();
        }
      })();
    }
  })();
  return {
    port,
    reused,
    close: async () => {
      await server.close();
      await loop;
      await Promise.all([...open].map((conn) => conn.close()));
    },
  };
}

async function recvText(sock: SSLSocket, length: number): Promise<string> {
  let text = "";
  while (text.length < length) {
    const chunk = await sock.recv(1024);
    if (chunk.length === 0) break;
    text += chunk.toString();
  }
  return text;
}

describe("SSLSocket session resumption", () => {
  it.each(VERSIONS)("resumes a session offered with the session option, sslkit to sslkit (%s)", async (version) => {
    const server = later(await startEchoServer(version));
    const context = clientContext(version);
    const first = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await first.connect(["127.0.0.1", server.port]);
    expect(await recvText(first, 5)).toBe("hello"); // with TLS 1.3 the tickets come before it
    const session = first.session;
    expect(session).toBeInstanceOf(SSLSession);
    expect(session?.hasTicket).toBe(true);
    expect(first.sessionReused).toBe(false);

    const second = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost", session }));
    expect(second.session?.equals(session)).toBe(true);
    await second.connect(["127.0.0.1", server.port]);
    expect(second.sessionReused).toBe(true);
    expect(second.version()).toBe(version);
    expect(second.getPeerCert()?.subject).toEqual([[["commonName", "localhost"]]]);
    expect(await recvText(second, 5)).toBe("hello");
    await second.sendall(Buffer.from("again"));
    expect(await recvText(second, 5)).toBe("AGAIN");
    expect(server.reused).toEqual([false, true]);
  });

  it("resumes a session set on the property before a deferred handshake", async () => {
    const server = later(await startEchoServer("TLSv1.3"));
    const context = clientContext("TLSv1.3");
    const first = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await first.connect(["127.0.0.1", server.port]);
    expect(await recvText(first, 5)).toBe("hello");
    const plain = new Socket();
    await plain.connect(["127.0.0.1", server.port]);
    const second = later(await context.wrapSocket(plain, { serverHostname: "localhost", doHandshakeOnConnect: false }));
    second.session = first.session;
    await second.doHandshake();
    expect(second.sessionReused).toBe(true);
    expect(() => { second.session = first.session; }).toThrow(expect.objectContaining({ code: SocketErrorCode.SESSION_AFTER_HANDSHAKE }));
  });

  it("refuses a session on the server side and one from another context", async () => {
    const server = later(await startEchoServer("TLSv1.2"));
    const context = clientContext("TLSv1.2");
    const first = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await first.connect(["127.0.0.1", server.port]);
    const session = first.session;
    expect(session).not.toBeNull();
    await expect(clientContext("TLSv1.2").wrapSocket(new Socket(), { serverHostname: "localhost", session })).rejects.toMatchObject({
      code: SocketErrorCode.SESSION_CONTEXT_MISMATCH,
    });
    await expect(wrapSocket(new Socket(), { serverSide: true, certfile: pki.server.certPath, keyfile: pki.server.keyPath, session })).rejects.toMatchObject({
      code: SocketErrorCode.SESSION_SERVER_SIDE,
    });
  });

  it.each(VERSIONS)("resumes an openssl s_server session (%s)", async (version) => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-rev", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"]));
    const context = clientContext(version);
    let session: SSLSession | null = null;
    const reused: boolean[] = [];
    for (let round = 0; round < 2; round++) {
      const sock: SSLSocket = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost", session }));
      await sock.connect(["127.0.0.1", server.port]);
      await sock.sendall(Buffer.from("sslkit\n"));
      expect(await recvText(sock, 7)).toContain("tiklss");
      reused.push(sock.sessionReused);
      session = sock.session;
      await sock.close();
    }
    expect(reused).toEqual([false, true]);
  });

  it.each(VERSIONS)("resumes a CPython ssl server session, and CPython agrees (%s)", async (version) => {
    const script = `
import json, socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3].replace(".", "_"))
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
for _ in range(2):
    conn, _ = srv.accept()
    s = ctx.wrap_socket(conn, server_side=True)
    s.sendall(s.recv(1024).upper())
    print(json.dumps(s.session_reused))
    s.recv(1024)
    s.close()
srv.close()
`;
    const python = later(await startPython(script, [pki.server.certPath, pki.server.keyPath, version]));
    const context = clientContext(version);
    let session: SSLSession | null = null;
    const reused: boolean[] = [];
    for (let round = 0; round < 2; round++) {
      const sock: SSLSocket = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost", session }));
      await sock.connect(["127.0.0.1", Number(python.firstLine)]);
      await sock.sendall(Buffer.from("python"));
      expect(await recvText(sock, 6)).toBe("PYTHON");
      reused.push(sock.sessionReused);
      session = sock.session;
      await sock.close();
    }
    expect(reused).toEqual([false, true]);
    expect((await python.finished()).trim().split("\n")).toEqual(["false", "true"]);
  });
});

describe("SSLSocket server facing a hostile SSLObject client", () => {
  it("rejects a corrupted record after the handshake with an SSLError", async () => {
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.loadCertChain(pki.server.certPath, pki.server.keyPath);
    const listener = new Socket();
    listener.bind(["127.0.0.1", 0]);
    await listener.listen();
    const server = later(await context.wrapSocket(listener, { serverSide: true }));
    const [, port] = server.getsockname();
    const accepted = server.accept();
    const sock = later(new Socket());
    await sock.connect(["127.0.0.1", port]);
    const incoming = new MemoryBIO();
    const outgoing = new MemoryBIO();
    const obj = clientContext("TLSv1.3").wrapBIO(incoming, outgoing, { serverHostname: "localhost" });
    for (;;) {
      try {
        obj.doHandshake();
        break;
      } catch (error) {
        if (!(error instanceof SSLWantReadError)) throw error;
        await sock.sendall(outgoing.read());
        incoming.write(await sock.recv(65536));
      }
    }
    await sock.sendall(outgoing.read());
    const [conn] = await accepted;
    later(conn);
    obj.write(Buffer.from("intact"));
    await sock.sendall(outgoing.read());
    expect((await conn.recv(1024)).toString()).toBe("intact");
    obj.write(Buffer.from("tampered"));
    const record = outgoing.read();
    record[record.length - 1] = (record[record.length - 1] ?? 0) ^ 0xff;
    await sock.sendall(record);
    await expect(conn.recv(1024)).rejects.toBeInstanceOf(SSLError);
  });
});
