import { describe, expect, it } from "vitest";
import { CERT_NONE, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLError, SSLWantReadError } from "@sslkit/errors";
import { MemoryBIO, SSLContext, Socket } from "@sslkit/socket";
import type { SSLObject, SSLSession } from "@sslkit/socket";
import { runPythonJSON, startOpenSSLServer } from "@sslkit/test-utils";
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

function serverContext(version: VersionName): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  return pinVersion(context, version);
}

/** An SSLObject whose BIOs the test pumps over a plain socket. */
class Pumped {
  readonly incoming = new MemoryBIO();
  readonly outgoing = new MemoryBIO();
  readonly obj: SSLObject;
  readonly sock: Socket;

  constructor(sock: Socket, make: (incoming: MemoryBIO, outgoing: MemoryBIO) => SSLObject) {
    this.sock = sock;
    this.obj = make(this.incoming, this.outgoing);
  }

  async flush(): Promise<void> {
    const bytes = this.outgoing.read();
    if (bytes.length > 0) await this.sock.sendall(bytes);
  }

  /** Runs `step` until it stops asking for input: sends `outgoing`, receives into `incoming`. */
  async run<T>(step: () => T): Promise<T> {
    for (;;) {
      try {
        const result = step();
        await this.flush();
        return result;
      } catch (error) {
        if (!(error instanceof SSLWantReadError)) throw error;
        await this.flush();
        const data = await this.sock.recv(65536);
        if (data.length === 0) this.incoming.writeEof();
        else this.incoming.write(data);
      }
    }
  }

  /** Reads decrypted text until `done` says it is complete. */
  async readUntil(done: (text: string) => boolean): Promise<string> {
    let text = "";
    while (!done(text)) {
      const chunk = await this.run(() => this.obj.read(65536));
      if (chunk.length === 0) break;
      text += chunk.toString();
    }
    return text;
  }
}

async function connectPumped(port: number, context: SSLContext, session: SSLSession | null = null): Promise<Pumped> {
  const sock = later(new Socket());
  await sock.connect(["127.0.0.1", port]);
  return new Pumped(sock, (incoming, outgoing) => context.wrapBIO(incoming, outgoing, { serverHostname: "localhost", session }));
}

/** CPython server: per connection, upper-cases one message, reports session reuse, unwraps. */
const PYTHON_SERVER = `
import json, socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3].replace(".", "_"))
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
for _ in range(int(sys.argv[4])):
    conn, _ = srv.accept()
    s = ctx.wrap_socket(conn, server_side=True)
    data = s.recv(1024)
    s.sendall(data.upper())
    print(json.dumps({"reused": s.session_reused, "version": s.version()}))
    s.unwrap().close()
srv.close()
`;

/** CPython client: connects twice, offering the first session the second time; unwraps. */
const PYTHON_CLIENT = `
import json, socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3].replace(".", "_"))
print("ready")
session = None
for _ in range(2):
    raw = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
    s = ctx.wrap_socket(raw, server_hostname="localhost", session=session)
    s.sendall(b"hello from cpython")
    data = s.recv(1024)
    session = s.session
    print(json.dumps({"reused": s.session_reused, "data": data.decode(), "version": s.version()}))
    s.unwrap().close()
`;

describe("SSLObject against real peers over a pumped socket", () => {
  it.each(VERSIONS)("talks to a CPython ssl server and resumes its session (%s)", async (version) => {
    const python = later(await startPython(PYTHON_SERVER, [pki.server.certPath, pki.server.keyPath, version, "2"]));
    const port = Number(python.firstLine);
    const context = clientContext(version);
    let session: SSLSession | null = null;
    for (const round of [0, 1]) {
      const peer = await connectPumped(port, context, session);
      await peer.run(() => { peer.obj.doHandshake(); });
      expect(peer.obj.version()).toBe(version);
      expect(peer.obj.getPeerCert()?.subject).toEqual([[["commonName", "localhost"]]]);
      await peer.run(() => peer.obj.write(Buffer.from(`round ${round}`)));
      expect(await peer.readUntil((text) => text.length >= 7)).toBe(`ROUND ${round}`);
      expect(peer.obj.sessionReused).toBe(round === 1);
      session = peer.obj.session;
      expect(session?.hasTicket).toBe(true);
      await peer.run(() => { peer.obj.unwrap(); });
      expect(peer.incoming.pending).toBe(0);
      await peer.sock.close();
    }
    const lines = (await python.finished()).trim().split("\n").map((line) => JSON.parse(line) as { reused: boolean; version: string });
    expect(lines).toEqual([{ reused: false, version }, { reused: true, version }]);
  });

  it.each(VERSIONS)("serves a CPython ssl client that resumes its session (%s)", async (version) => {
    const listener = later(new Socket());
    listener.bind(["127.0.0.1", 0]);
    await listener.listen();
    const [, port] = listener.getsockname();
    const python = later(await startPython(PYTHON_CLIENT, [pki.ca.certPath, String(port), version]));
    expect(python.firstLine).toBe("ready");
    const context = serverContext(version);
    const reused: boolean[] = [];
    for (let round = 0; round < 2; round++) {
      const [conn] = await listener.accept();
      later(conn);
      const peer = new Pumped(conn, (incoming, outgoing) => context.wrapBIO(incoming, outgoing, { serverSide: true }));
      await peer.run(() => { peer.obj.doHandshake(); });
      expect(await peer.readUntil((text) => text.length >= 18)).toBe("hello from cpython");
      await peer.run(() => peer.obj.write(Buffer.from("HELLO FROM SSLKIT")));
      // CPython's unwrap(): its close_notify first, then ours.
      expect((await peer.run(() => peer.obj.read())).length).toBe(0);
      await peer.run(() => { peer.obj.unwrap(); });
      reused.push(peer.obj.sessionReused);
      await conn.close();
    }
    expect(reused).toEqual([false, true]);
    const lines = (await python.finished()).trim().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { reused: false, data: "HELLO FROM SSLKIT", version },
      { reused: true, data: "HELLO FROM SSLKIT", version },
    ]);
  });

  it.each(VERSIONS)("talks to openssl s_server and resumes its session (%s)", async (version) => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-rev", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"]));
    const context = clientContext(version);
    let session: SSLSession | null = null;
    for (const round of [0, 1]) {
      const peer = await connectPumped(server.port, context, session);
      await peer.run(() => { peer.obj.doHandshake(); });
      expect(peer.obj.version()).toBe(version);
      await peer.run(() => peer.obj.write(Buffer.from(`sslkit ${round}\n`)));
      expect(await peer.readUntil((text) => text.includes("tiklss"))).toContain(`${round} tiklss`);
      expect(peer.obj.sessionReused).toBe(round === 1);
      session = peer.obj.session;
      expect(session?.hasTicket).toBe(true);
      await peer.sock.close();
    }
  });
});

/** CPython's SSLObject fed the same hostile bytes: the exception class and reason it raises. */
const PYTHON_HOSTILE = `
import json, ssl, sys
def run(server_side, data, eof):
    if server_side:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[1], sys.argv[2])
    else:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_side=server_side)
    if not server_side:
        try: obj.do_handshake()
        except ssl.SSLWantReadError: pass
    inc.write(bytes.fromhex(data))
    if eof: inc.write_eof()
    try:
        obj.do_handshake()
        return ["ok", None]
    except ssl.SSLError as e:
        return [type(e).__name__, e.reason]
cases = json.loads(sys.stdin.read())
print(json.dumps([run(*case) for case in cases]))
`;

describe("SSLObject with hostile input, as CPython's SSLObject", () => {
  const cases: [string, boolean, Buffer, boolean][] = [
    ["an HTTP request instead of a ClientHello", true, Buffer.from("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), false],
    ["an SMTP banner instead of a ServerHello", false, Buffer.from("220 smtp.example ESMTP ready\r\n"), false],
    ["a handshake record header announcing 64 KiB", true, Buffer.from([22, 3, 1, 0xff, 0xff]), false],
    ["a ClientHello header cut short by EOF", true, Buffer.from([22, 3, 1, 0, 200, 1, 0]), true],
    ["nothing but EOF", true, Buffer.alloc(0), true],
  ];

  it("raises the same exception class and reason for every case", async () => {
    const expected = await runPythonJSON<[string, string | null][]>(
      PYTHON_HOSTILE,
      [pki.server.certPath, pki.server.keyPath],
      JSON.stringify(cases.map(([, serverSide, data, eof]) => [serverSide, data.toString("hex"), eof])),
    );
    const actual = cases.map(([, serverSide, data, eof]): [string, string | null] => {
      const context = new SSLContext(serverSide ? PROTOCOL_TLS_SERVER : PROTOCOL_TLS_CLIENT);
      if (serverSide) context.loadCertChain(pki.server.certPath, pki.server.keyPath);
      else {
        context.checkHostname = false;
        context.verifyMode = CERT_NONE;
      }
      const incoming = new MemoryBIO();
      const obj = context.wrapBIO(incoming, new MemoryBIO(), { serverSide });
      if (!serverSide) expect(() => { obj.doHandshake(); }).toThrow(SSLWantReadError);
      incoming.write(data);
      if (eof) incoming.writeEof();
      try {
        obj.doHandshake();
        return ["ok", null];
      } catch (error) {
        if (!(error instanceof SSLError)) throw error;
        return [error.constructor.name, error.reason ?? null];
      }
    });
    expect(Object.fromEntries(cases.map(([label], i) => [label, actual[i]]))).toEqual(Object.fromEntries(cases.map(([label], i) => [label, expected[i]])));
  });
});
