import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLContext, Socket, SocketErrorCode, createDefaultContext, wrapSocket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { useSocketFixtures } from "./support/fixtures.js";
import { startPython } from "./support/python-peer.js";

const { pki, later } = useSocketFixtures();

/** Reads from a plain socket until `length` bytes arrived. */
async function recvExactly(sock: Socket | SSLSocket, length: number): Promise<string> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await sock.recv(length - total);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts).toString();
}

function serverContext(): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  return context;
}

const clientContext = (): SSLContext => createDefaultContext({ caFile: pki.ca.certPath });

/** CPython server: three rounds of plaintext "STARTTLS i" → TLS exchange → CPython's unwrap() → plaintext. */
const PYTHON_STARTTLS_SERVER = `
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
srv.close()
for i in range(3):
    line = conn.recv(100)
    assert line == b"STARTTLS %d" % i, line
    conn.sendall(b"GO")
    tls = ctx.wrap_socket(conn, server_side=True)
    data = tls.recv(100)
    tls.sendall(b"secret:" + data)
    conn = tls.unwrap()
    conn.sendall(b"clear %d" % i)
print(conn.recv(100).decode())
conn.close()
`;

/** CPython client: three rounds; CPython calls unwrap() first each time. */
const PYTHON_STARTTLS_CLIENT = `
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
conn = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
print("ready")
for i in range(3):
    tls = ctx.wrap_socket(conn, server_hostname="localhost")
    tls.sendall(b"round %d" % i)
    assert tls.recv(100) == b"ack %d" % i
    conn = tls.unwrap()
    conn.sendall(b"plain %d" % i)
    assert conn.recv(100) == b"plain-ack %d" % i
conn.close()
print("done")
`;

/**
 * A CPython server on MemoryBIOs that sends its close_notify and plaintext in ONE send(), so
 * both arrive in the same TCP segment.
 */
const PYTHON_SAME_SEGMENT_SERVER = `
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
srv.close()
inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = ctx.wrap_bio(inc, out, server_side=True)
def pump(step):
    while True:
        try:
            return step()
        except ssl.SSLWantReadError:
            data = out.read()
            if data:
                conn.sendall(data)
            chunk = conn.recv(65536)
            assert chunk, "unexpected EOF"
            inc.write(chunk)
pump(obj.do_handshake)
conn.sendall(out.read())
assert pump(lambda: obj.read(5)) == b"hello"
try:
    obj.unwrap()
except ssl.SSLWantReadError:
    pass
conn.sendall(out.read() + b"PLAINTEXT-AFTER-CLOSE-NOTIFY")
pump(obj.unwrap)
rest = inc.read()
while len(rest) < len(b"clear-from-node"):
    rest += conn.recv(100)
print(rest.decode())
conn.close()
`;

describe("SSLSocket.unwrap", () => {
  it("runs STARTTLS in and out three times on one connection between two sslkit peers", async () => {
    const listener = later(new Socket());
    await listener.listen();
    const port = listener.getsockname()[1];
    const serving = (async () => {
      const [accepted] = await listener.accept();
      let conn: Socket = later(accepted);
      for (let round = 0; round < 3; round++) {
        expect(await recvExactly(conn, 10)).toBe(`STARTTLS ${round}`);
        await conn.sendall(Buffer.from("GO"));
        const tls = later(await wrapSocket(conn, { context: serverContext(), serverSide: true }));
        const data = await recvExactly(tls, 7);
        await tls.sendall(Buffer.from(`secret:${data}`));
        expect((await tls.recv()).length).toBe(0);
        conn = later(await tls.unwrap());
        await conn.sendall(Buffer.from(`clear ${round}`));
      }
    })();
    let sock: Socket = later(new Socket());
    await sock.connect(["127.0.0.1", port]);
    for (let round = 0; round < 3; round++) {
      await sock.sendall(Buffer.from(`STARTTLS ${round}`));
      expect(await recvExactly(sock, 2)).toBe("GO");
      const tls = later(await clientContext().wrapSocket(sock, { serverHostname: "localhost" }));
      await tls.sendall(Buffer.from(`round ${round}`));
      expect(await recvExactly(tls, 14)).toBe(`secret:round ${round}`);
      sock = later(await tls.unwrap());
      expect(await recvExactly(sock, 7)).toBe(`clear ${round}`);
      await expect(tls.recv()).rejects.toMatchObject({ code: SocketErrorCode.CLOSED });
      await expect(tls.unwrap()).rejects.toMatchObject({ code: SocketErrorCode.NOT_WRAPPED });
    }
    await serving;
  });

  it("hands back to the plain socket what CPython sent after unwrap() (sslkit client, CPython server, three rounds)", async () => {
    const peer = later(await startPython(PYTHON_STARTTLS_SERVER, [pki.server.certPath, pki.server.keyPath]));
    let sock: Socket = later(new Socket());
    await sock.connect(["127.0.0.1", Number(peer.firstLine)]);
    for (let round = 0; round < 3; round++) {
      await sock.sendall(Buffer.from(`STARTTLS ${round}`));
      expect(await recvExactly(sock, 2)).toBe("GO");
      const tls = later(await clientContext().wrapSocket(sock, { serverHostname: "localhost" }));
      await tls.sendall(Buffer.from(`data ${round}`));
      expect(await recvExactly(tls, 13)).toBe(`secret:data ${round}`);
      sock = later(await tls.unwrap());
      expect(await recvExactly(sock, 7)).toBe(`clear ${round}`);
    }
    await sock.sendall(Buffer.from("bye in clear"));
    expect((await peer.finished()).trim()).toBe("bye in clear");
  });

  it("answers CPython's unwrap() and continues in cleartext (sslkit server, CPython client, three rounds)", async () => {
    const listener = later(new Socket());
    await listener.listen();
    const peer = later(await startPython(PYTHON_STARTTLS_CLIENT, [pki.ca.certPath, String(listener.getsockname()[1])]));
    let [conn] = await listener.accept();
    later(conn);
    for (let round = 0; round < 3; round++) {
      const tls = later(await wrapSocket(conn, { context: serverContext(), serverSide: true }));
      expect(await recvExactly(tls, 7)).toBe(`round ${round}`);
      await tls.sendall(Buffer.from(`ack ${round}`));
      expect((await tls.recv()).length).toBe(0);
      conn = later(await tls.unwrap());
      expect(await recvExactly(conn, 7)).toBe(`plain ${round}`);
      await conn.sendall(Buffer.from(`plain-ack ${round}`));
    }
    expect((await conn.recv()).length).toBe(0);
    expect((await peer.finished()).trim()).toBe("done");
  });

  it("keeps plaintext that arrives in the same TCP segment as the peer's close_notify", async () => {
    const peer = later(await startPython(PYTHON_SAME_SEGMENT_SERVER, [pki.server.certPath, pki.server.keyPath]));
    const tls = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await tls.connect(["127.0.0.1", Number(peer.firstLine)]);
    await tls.sendall(Buffer.from("hello"));
    expect((await tls.recv()).length).toBe(0);
    const plain = later(await tls.unwrap());
    expect(await recvExactly(plain, 28)).toBe("PLAINTEXT-AFTER-CLOSE-NOTIFY");
    await plain.sendall(Buffer.from("clear-from-node"));
    expect((await peer.finished()).trim()).toBe("clear-from-node");
  });

  it("refuses unwrap() before the handshake", async () => {
    const tls = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost", doHandshakeOnConnect: false }));
    await expect(tls.unwrap()).rejects.toMatchObject({ code: SocketErrorCode.NOT_WRAPPED });
  });
});
