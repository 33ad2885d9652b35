import { readFileSync } from "node:fs";
import * as net from "node:net";
import { Duplex } from "node:stream";
import * as tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CERT_REQUIRED, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLContext, Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { makeTempDir, runProcess, startOpenSSLServer } from "@sslkit/test-utils";
import type { KeyType } from "@sslkit/x509";
import { makeIdentity } from "./support/identities.js";
import type { KeyTypeIdentity } from "./support/identities.js";
import { useSocketFixtures } from "./support/fixtures.js";
import { startPython } from "./support/python-peer.js";
import { VERSIONS, pinVersion } from "./support/versions.js";
import type { VersionName } from "./support/versions.js";

const dir = makeTempDir("sslkit-socket-interop-");
const { pki, later } = useSocketFixtures();
const identities = new Map<KeyType, KeyTypeIdentity>();

function identity(keyType: KeyType): KeyTypeIdentity {
  const found = identities.get(keyType);
  if (found === undefined) throw new Error(`no identity for ${keyType}`);
  return found;
}

beforeAll(async () => {
  for (const keyType of ["ec-p256", "rsa-2048", "ed25519"] as const) identities.set(keyType, await makeIdentity(dir, keyType));
});

afterAll(() => {
  dir.remove();
});

const KEY_TYPES: readonly KeyType[] = ["ec-p256", "rsa-2048", "ed25519"];
const MATRIX = KEY_TYPES.flatMap((keyType) => VERSIONS.map((version) => [keyType, version] as const));

function clientContext(caPath: string, version: VersionName): SSLContext {
  return pinVersion(createDefaultContext({ caFile: caPath }), version);
}

function serverContext(id: KeyTypeIdentity, version: VersionName): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(id.certPath, id.keyPath);
  return pinVersion(context, version);
}

async function connect(context: SSLContext, port: number): Promise<SSLSocket> {
  const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
  await sock.connect(["127.0.0.1", port]);
  return sock;
}

async function readUntil(sock: SSLSocket, predicate: (text: string) => boolean): Promise<string> {
  let text = "";
  while (!predicate(text)) {
    const chunk = await sock.recv(4096);
    if (chunk.length === 0) break;
    text += chunk.toString();
  }
  return text;
}

/** A single-connection CPython echo server (upper-cases what it receives). */
const PYTHON_SERVER = `
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3].replace(".", "_"))
if sys.argv[4] != "-":
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(sys.argv[4])
if sys.argv[5] != "-":
    ctx.set_alpn_protocols(sys.argv[5].split(","))
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
tls = ctx.wrap_socket(conn, server_side=True)
data = tls.recv(1024)
tls.sendall(data.upper())
peer = tls.getpeercert()
print(tls.version(), tls.selected_alpn_protocol(), peer["subject"][0][0][1] if peer else None)
tls.unwrap().close()
srv.close()
`;

/** A CPython client: verifies with the CA, sends a line, prints the reply and the session. */
const PYTHON_CLIENT = `
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3].replace(".", "_"))
if sys.argv[4] != "-":
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
print("ready")
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
    with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.sendall(b"hello from python")
        reply = b""
        while True:
            chunk = tls.recv(1024)
            if not chunk:
                break
            reply += chunk
        print(reply.decode(), tls.version(), tls.cipher()[0])
`;

describe("SSLSocket interop: sslkit client", () => {
  it.each(MATRIX)("talks to openssl s_server (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const server = later(await startOpenSSLServer(["-cert", id.certPath, "-key", id.keyPath, "-rev", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"]));
    const sock = await connect(clientContext(id.caPath, version), server.port);
    expect(sock.version()).toBe(version);
    await sock.sendall(Buffer.from("sslkit\n"));
    expect((await readUntil(sock, (text) => text.includes("tiklss"))).trim()).toContain("tiklss");
  });

  it.each(MATRIX)("talks to a CPython ssl server (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const peer = later(await startPython(PYTHON_SERVER, [id.certPath, id.keyPath, version, "-", "-"]));
    const sock = await connect(clientContext(id.caPath, version), Number(peer.firstLine));
    await sock.sendall(Buffer.from("hello"));
    expect((await readUntil(sock, (text) => text.length >= 5))).toBe("HELLO");
    expect((await sock.recv()).length).toBe(0);
    later(await sock.unwrap());
    expect((await peer.finished()).trim()).toBe(`${version} None None`);
  });

  it.each(MATRIX)("talks to a node:tls server (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const server = tls.createServer({ cert: readFileSync(id.certPath), key: readFileSync(id.keyPath), minVersion: version, maxVersion: version }, (conn) => {
      conn.once("data", (data: Buffer) => conn.end(data.toString().toUpperCase()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    later({ close: () => new Promise((resolve) => server.close(resolve)) });
    const sock = await connect(clientContext(id.caPath, version), (server.address() as AddressInfo).port);
    await sock.sendall(Buffer.from("node"));
    expect(await readUntil(sock, (text) => text.length >= 4)).toBe("NODE");
    expect((await sock.recv()).length).toBe(0);
  });

  it("presents a client certificate to a CPython server that requires one, and negotiates ALPN", async () => {
    const peer = later(await startPython(PYTHON_SERVER, [pki.server.certPath, pki.server.keyPath, "TLSv1.3", pki.ca.certPath, "h2,http/1.1"]));
    const context = clientContext(pki.ca.certPath, "TLSv1.3");
    context.loadCertChain(pki.client.certPath, pki.client.keyPath);
    context.setALPNProtocols(["http/1.1"]);
    const sock = await connect(context, Number(peer.firstLine));
    await sock.sendall(Buffer.from("x"));
    expect(await readUntil(sock, (text) => text.length >= 1)).toBe("X");
    expect(sock.selectedALPNProtocol()).toBe("http/1.1");
    expect((await sock.recv()).length).toBe(0);
    later(await sock.unwrap());
    expect((await peer.finished()).trim()).toBe("TLSv1.3 http/1.1 sslkit client");
  });

  it("presents a client certificate to openssl s_server -Verify and negotiates ALPN", async () => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-Verify", "1", "-verify_return_error", "-CAfile", pki.ca.certPath, "-alpn", "h2", "-rev"]));
    const context = clientContext(pki.ca.certPath, "TLSv1.3");
    context.loadCertChain(pki.client.certPath, pki.client.keyPath);
    context.setALPNProtocols(["h2"]);
    const sock = await connect(context, server.port);
    expect(sock.selectedALPNProtocol()).toBe("h2");
    await sock.sendall(Buffer.from("abc\n"));
    expect(await readUntil(sock, (text) => text.includes("cba"))).toContain("cba");
  });
});

describe("SSLSocket interop: sslkit server", () => {
  /** What the server saw, read before it closed the connection (Python answers None after close). */
  interface Served {
    readonly version: string | null;
    readonly cipher: string | undefined;
    readonly subject: unknown;
  }

  async function serveOnce(context: SSLContext, reply: (data: string) => string = (data) => data.toUpperCase()): Promise<{ port: number; done: Promise<Served> }> {
    const listener = new Socket();
    await listener.listen();
    const server = later(await context.wrapSocket(listener, { serverSide: true }));
    const done = (async () => {
      const [conn] = await server.accept();
      later(conn);
      const data = await conn.recv(1024);
      await conn.sendall(Buffer.from(reply(data.toString())));
      const served = { version: conn.version(), cipher: conn.cipher()?.[0], subject: conn.getPeerCert()?.subject };
      await conn.close();
      return served;
    })();
    return { port: server.getsockname()[1], done };
  }

  it.each(MATRIX)("serves openssl s_client (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const { port, done } = await serveOnce(serverContext(id, version));
    const result = await runProcess(
      "openssl",
      ["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", id.caPath, "-servername", "localhost", "-verify_return_error", "-quiet", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"],
      { input: "from s_client\n", timeoutMs: 10_000 },
    );
    expect(result.stdout.toString()).toBe("FROM S_CLIENT\n");
    expect((await done).version).toBe(version);
  });

  it.each(MATRIX)("serves a CPython client (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const { port, done } = await serveOnce(serverContext(id, version));
    const peer = later(await startPython(PYTHON_CLIENT, [String(port), id.caPath, version, "-", "-"]));
    const output = (await peer.finished()).trim();
    expect(output.startsWith(`HELLO FROM PYTHON ${version} `)).toBe(true);
    const conn = await done;
    expect(output.endsWith(conn.cipher ?? "?")).toBe(true);
  });

  it.each(MATRIX)("serves a node:tls client (%s, %s)", async (keyType, version) => {
    const id = identity(keyType);
    const { port, done } = await serveOnce(serverContext(id, version));
    const client = tls.connect({ host: "127.0.0.1", port, servername: "localhost", ca: readFileSync(id.caPath), minVersion: version, maxVersion: version });
    later({ close: async () => { client.destroy(); await new Promise((resolve) => setImmediate(resolve)); } });
    client.end("from node");
    let text = "";
    for await (const chunk of client) text += (chunk as Buffer).toString();
    expect(text).toBe("FROM NODE");
    expect(client.authorized).toBe(true);
    expect((await done).version).toBe(version);
  });

  it("requires and verifies client certificates from openssl s_client, CPython and node:tls", async () => {
    const context = serverContext({ keyType: "ec-p256", caPath: pki.ca.certPath, certPath: pki.server.certPath, keyPath: pki.server.keyPath }, "TLSv1.3");
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: pki.ca.certPath });

    const first = await serveOnce(context);
    const sClient = await runProcess(
      "openssl",
      ["s_client", "-connect", `127.0.0.1:${first.port}`, "-CAfile", pki.ca.certPath, "-cert", pki.client.certPath, "-key", pki.client.keyPath, "-quiet", "-verify_return_error"],
      { input: "cert\n", timeoutMs: 10_000 },
    );
    expect(sClient.stdout.toString()).toBe("CERT\n");
    expect((await first.done).subject).toEqual([[["commonName", "sslkit client"]]]);

    const second = await serveOnce(context);
    const python = later(await startPython(PYTHON_CLIENT, [String(second.port), pki.ca.certPath, "TLSv1.3", pki.client.certPath, pki.client.keyPath]));
    expect((await python.finished()).startsWith("HELLO FROM PYTHON TLSv1.3")).toBe(true);
    expect((await second.done).subject).toEqual([[["commonName", "sslkit client"]]]);

    const third = await serveOnce(context);
    const client = tls.connect({ host: "127.0.0.1", port: third.port, servername: "localhost", ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key });
    later({ close: async () => { client.destroy(); await new Promise((resolve) => setImmediate(resolve)); } });
    client.end("node");
    let text = "";
    for await (const chunk of client) text += (chunk as Buffer).toString();
    expect(text).toBe("NODE");
    expect((await third.done).subject).toEqual([[["commonName", "sslkit client"]]]);
  });

  it("serves a client whose TLS bytes arrive one byte per TCP segment", async () => {
    const { port, done } = await serveOnce(serverContext({ keyType: "ec-p256", caPath: pki.ca.certPath, certPath: pki.server.certPath, keyPath: pki.server.keyPath }, "TLSv1.3"), (data) => `got ${data}`);
    const raw = net.connect({ host: "127.0.0.1", port, noDelay: true });
    later({ close: async () => { raw.destroy(); await new Promise((resolve) => setImmediate(resolve)); } });
    let segments = 0;
    // node:tls over a Duplex whose every output byte is written to TCP on its own turn.
    const trickle = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        void (async () => {
          for (const byte of chunk) {
            raw.write(Buffer.from([byte]));
            segments++;
            await new Promise((resolve) => setImmediate(resolve));
          }
          callback();
        })();
      },
    });
    raw.on("data", (chunk: Buffer) => trickle.push(chunk));
    raw.on("end", () => trickle.push(null));
    const client = tls.connect({ socket: trickle, servername: "localhost", ca: pki.ca.cert });
    later({ close: async () => { client.destroy(); await new Promise((resolve) => setImmediate(resolve)); } });
    client.end("slow");
    let text = "";
    for await (const chunk of client) text += (chunk as Buffer).toString();
    expect(text).toBe("got slow");
    expect(segments).toBeGreaterThan(100);
    expect((await done).version).toBe("TLSv1.3");
  });
});
