import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import { describe, expect, it } from "vitest";
import { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED, PROTOCOL_TLS_CLIENT, TLSVersion } from "@sslkit/context";
import { SSLCertVerificationError, SSLEOFError, SSLError } from "@sslkit/errors";
import { SSLContext, SSLSocket, Socket, SocketErrorCode, TimeoutError, createDefaultContext, wrapSocket } from "@sslkit/socket";
import { startTCPServer } from "@sslkit/test-utils";
import { decodeCert } from "@sslkit/x509";
import { useSocketFixtures } from "./support/fixtures.js";
import { derOf } from "./support/pki.js";
import { startPython } from "./support/python-peer.js";
import { startServer } from "./support/servers.js";

const { pki, later } = useSocketFixtures();

/** A CPython TLS server that sends a little data, then resets the TCP connection (SO_LINGER 0). */
const RESETTING_SERVER = `
import socket, ssl, struct, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
tls = ctx.wrap_socket(conn, server_side=True)
tls.sendall(b"some")
tls.recv(2)
conn2 = socket.socket(fileno=tls.detach())
conn2.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
conn2.close()
srv.close()
`;

function clientContext(): SSLContext {
  return createDefaultContext({ caFile: pki.ca.certPath });
}

async function connectClient(port: number, context: SSLContext = clientContext(), serverHostname: string | null = "localhost"): Promise<SSLSocket> {
  const sock = later(await context.wrapSocket(new Socket(), { serverHostname }));
  await sock.connect(["127.0.0.1", port]);
  return sock;
}

describe("SSLSocket", () => {
  it("connects with CERT_REQUIRED and hostname checking and reports the session like Python", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const context = clientContext();
    expect(context.verifyMode).toBe(CERT_REQUIRED);
    expect(context.checkHostname).toBe(true);
    const sock = await connectClient(port, context);
    const [conn, address] = await accepted;
    later(conn);
    expect(address).toEqual(sock.getsockname());
    expect(sock.version()).toBe("TLSv1.3");
    expect(sock.cipher()).toEqual(["TLS_AES_256_GCM_SHA384", "TLSv1.3", 256]);
    expect(conn.cipher()).toEqual(sock.cipher());
    expect(sock.getPeerCert()).toEqual(decodeCert(derOf(pki.server.certPath)));
    expect(sock.getPeerCert(true)).toEqual(derOf(pki.server.certPath));
    expect(conn.getPeerCert()).toBeNull();
    expect(sock.compression()).toBeNull();
    expect(sock.selectedALPNProtocol()).toBeNull();
    expect(sock.sessionReused).toBe(false);
    expect(sock.serverSide).toBe(false);
    expect(conn.serverSide).toBe(true);
    expect(sock.serverHostname).toBe("localhost");
    expect(sock.context).toBe(context);
    expect(sock.getpeername()).toEqual(["127.0.0.1", port]);
    expect(sock.sharedCiphers()).toBeNull();
    expect(conn.sharedCiphers()?.map(([name]) => name)).toContain("TLS_AES_256_GCM_SHA384");
  });

  it("writes the TLS secrets to keylogFilename only when the context has one", async () => {
    const { server, port } = later(await startServer(pki));
    const keylog = pki.dir.file("keys.log");
    const logging = clientContext();
    logging.keylogFilename = keylog;
    let accepted = server.accept();
    await connectClient(port, logging);
    later((await accepted)[0]);
    const lines = readFileSync(keylog, "utf8").trim().split("\n");
    expect(lines.map((line) => line.split(" ")[0])).toEqual(
      expect.arrayContaining(["CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"]),
    );
    accepted = server.accept();
    await connectClient(port);
    later((await accepted)[0]);
    expect(readFileSync(keylog, "utf8").trim().split("\n")).toHaveLength(lines.length);
  });

  it("exchanges data with recv/send, read/write, recvInto and pending", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const sock = await connectClient(port);
    const [conn] = await accepted;
    later(conn);
    expect(await sock.write(Buffer.from("hello"))).toBe(5);
    expect((await conn.read(3)).toString()).toBe("hel");
    expect(conn.pending()).toBe(2);
    const buffer = Buffer.alloc(8);
    expect(await conn.read(8, buffer)).toBe(2);
    expect(buffer.subarray(0, 2).toString()).toBe("lo");
    await conn.sendall(Buffer.from("world"));
    const into = Buffer.alloc(5);
    let n = 0;
    while (n < 5) n += await sock.recvInto(into.subarray(n));
    expect(into.toString()).toBe("world");
    expect(await sock.send(Buffer.from("x"))).toBe(1);
    expect((await conn.recv()).toString()).toBe("x");
  });

  it("resolves an empty buffer after the peer's close_notify", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const sock = await connectClient(port);
    const [conn] = await accepted;
    await conn.sendall(Buffer.from("bye"));
    await conn.close();
    expect((await sock.recv()).toString()).toBe("bye");
    expect((await sock.recv()).length).toBe(0);
    expect((await sock.recv()).length).toBe(0);
  });

  it("moves 16 MiB intact through sendall, recv, the stream and async iteration", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const sock = await connectClient(port);
    const [conn] = await accepted;
    later(conn);
    const data = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(i, i);
    const sending = (async () => {
      for (let offset = 0; offset < data.length; offset += 65536) await sock.sendall(data.subarray(offset, offset + 65536));
      await sock.close();
    })();
    const parts: Buffer[] = [];
    let total = 0;
    for await (const chunk of conn) {
      parts.push(chunk);
      total += chunk.length;
    }
    await sending;
    expect(total).toBe(data.length);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it("echoes 4 MiB while both sides send and receive at the same time", async () => {
    const { server, port } = later(await startServer(pki));
    const serving = server.accept().then(async ([conn]) => {
      later(conn);
      let received = 0;
      while (received < 4 * 1024 * 1024) {
        const chunk = await conn.recv(65536);
        if (chunk.length === 0) break;
        received += chunk.length;
        await conn.sendall(chunk);
      }
      return received;
    });
    const sock = await connectClient(port);
    const data = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(i * 2654435761 >>> 0, i);
    const sending = (async () => {
      for (let offset = 0; offset < data.length; offset += 65536) await sock.sendall(data.subarray(offset, offset + 65536));
    })();
    const parts: Buffer[] = [];
    let total = 0;
    while (total < data.length) {
      const chunk = await sock.recv(65536);
      if (chunk.length === 0) break;
      parts.push(chunk);
      total += chunk.length;
    }
    await sending;
    expect(await serving).toBe(data.length);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it("exposes the decrypted Node stream", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const sock = await connectClient(port);
    const [conn] = await accepted;
    later(conn);
    const stream = conn.stream;
    expect(stream).not.toBeNull();
    const received = new Promise<string>((resolve) => {
      let text = "";
      stream?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.length >= 10) resolve(text);
      });
    });
    sock.stream?.write("streamed!!");
    expect(await received).toBe("streamed!!");
  });

  it("defers the handshake to doHandshake() with doHandshakeOnConnect: false", async () => {
    const { server, port } = later(await startServer(pki, { doHandshakeOnConnect: false }));
    const accepted = server.accept();
    const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost", doHandshakeOnConnect: false }));
    await sock.connect(["127.0.0.1", port]);
    expect(sock.version()).toBeNull();
    expect(sock.cipher()).toBeNull();
    expect(() => sock.getPeerCert()).toThrow(expect.objectContaining({ code: SocketErrorCode.HANDSHAKE_NOT_DONE }));
    const [conn] = await accepted;
    later(conn);
    expect(conn.version()).toBeNull();
    await Promise.all([sock.doHandshake(), conn.doHandshake()]);
    expect(sock.version()).toBe("TLSv1.3");
    await sock.doHandshake();
  });

  it("wraps an already connected socket and handshakes in wrapSocket", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const plain = new Socket();
    await plain.connect(["127.0.0.1", port]);
    const sock = later(await wrapSocket(plain, { certReqs: CERT_REQUIRED, caCerts: pki.ca.certPath }));
    later(((await accepted)[0]));
    expect(sock.version()).toBe("TLSv1.3");
    expect(plain.closed).toBe(true);
    expect(sock.context.verifyMode).toBe(CERT_REQUIRED);
  });

  it("returns {} for an unverified certificate and still gives its DER", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.checkHostname = false;
    context.verifyMode = CERT_NONE;
    const sock = await connectClient(port, context, null);
    later((await accepted)[0]);
    expect(sock.getPeerCert()).toEqual({});
    expect(sock.getPeerCert(true)).toEqual(derOf(pki.server.certPath));
  });

  it.each([
    ["required", CERT_REQUIRED],
    ["optional", CERT_OPTIONAL],
  ] as const)("verifies a client certificate when the server makes it %s", async (_label, verifyMode) => {
    const { server, port } = later(await startServer(pki, { verifyMode }));
    const accepted = server.accept();
    const context = clientContext();
    context.loadCertChain(pki.client.certPath, pki.client.keyPath);
    const sock = await connectClient(port, context);
    const [conn] = await accepted;
    later(conn);
    expect(conn.getPeerCert()).toEqual(decodeCert(derOf(pki.client.certPath)));
    expect(sock.version()).toBe("TLSv1.3");
  });

  it("accepts a client without certificate when optional: getPeerCert() is null", async () => {
    const { server, port } = later(await startServer(pki, { verifyMode: CERT_OPTIONAL }));
    const accepted = server.accept();
    await connectClient(port);
    const [conn] = await accepted;
    later(conn);
    expect(conn.getPeerCert()).toBeNull();
  });

  it("refuses a client without certificate when required", async () => {
    const { server, port } = later(await startServer(pki, { verifyMode: CERT_REQUIRED }));
    const accepted = server.accept();
    const clientSide = connectClient(port).then(async (sock) => sock.recv());
    await expect(accepted).rejects.toBeInstanceOf(SSLError);
    await expect(clientSide).rejects.toBeInstanceOf(SSLError);
  });

  it("refuses a client certificate from an unknown CA when required (verify code 18)", async () => {
    const { server, port } = later(await startServer(pki, { verifyMode: CERT_REQUIRED }));
    const accepted = server.accept();
    const context = clientContext();
    context.loadCertChain(pki.selfSigned.certPath, pki.selfSigned.keyPath);
    void connectClient(port, context).then((sock) => sock.recv()).catch(() => undefined);
    await expect(accepted).rejects.toMatchObject({ verifyCode: 18 });
  });

  it.each([
    ["a wrong host name", "wrongHost", 62, "Hostname mismatch, certificate is not valid for 'localhost'."],
    ["an expired certificate", "expired", 10, "certificate has expired"],
    ["a self-signed certificate", "selfSigned", 18, "self-signed certificate"],
  ] as const)("rejects %s with SSLCertVerificationError", async (_label, identity, verifyCode, verifyMessage) => {
    const { server, port } = later(await startServer(pki, { identity: pki[identity] }));
    void server.accept().then((accepted) => later(accepted[0]), () => undefined);
    const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost" }));
    const error: unknown = await sock.connect(["127.0.0.1", port]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SSLCertVerificationError);
    expect(error).toMatchObject({ verifyCode, verifyMessage, code: "ERR_SSLKIT_SSL_CERT_VERIFICATION" });
  });

  it("rejects a server whose CA is not trusted (verify code 20)", async () => {
    const { server, port } = later(await startServer(pki));
    void server.accept().then((accepted) => later(accepted[0]), () => undefined);
    const context = createDefaultContext({ caFile: pki.selfSigned.certPath });
    const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await expect(sock.connect(["127.0.0.1", port])).rejects.toMatchObject({ verifyCode: 20, verifyMessage: "unable to get local issuer certificate" });
  });

  it("checks an IP address against IP SANs (verify code 64 for a mismatch)", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const ok = await connectClient(port, clientContext(), "127.0.0.1");
    later((await accepted)[0]);
    expect(ok.version()).toBe("TLSv1.3");
    void server.accept().then((next) => later(next[0]), () => undefined);
    const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "127.0.0.2" }));
    await expect(sock.connect(["127.0.0.1", port])).rejects.toMatchObject({ verifyCode: 64 });
  });

  it("negotiates ALPN", async () => {
    const { server, port } = later(await startServer(pki, { alpn: ["h2", "http/1.1"] }));
    const accepted = server.accept();
    const context = clientContext();
    context.setALPNProtocols(["http/1.1"]);
    const sock = await connectClient(port, context);
    const [conn] = await accepted;
    later(conn);
    expect(sock.selectedALPNProtocol()).toBe("http/1.1");
    expect(conn.selectedALPNProtocol()).toBe("http/1.1");
  });

  it("speaks TLS 1.2 with a pinned cipher", async () => {
    const { server, port } = later(await startServer(pki));
    const accepted = server.accept();
    const context = clientContext();
    context.maximumVersion = TLSVersion.TLSv1_2;
    context.setCiphers("ECDHE-ECDSA-AES128-GCM-SHA256");
    const sock = await connectClient(port, context);
    const [conn] = await accepted;
    later(conn);
    expect(sock.version()).toBe("TLSv1.2");
    expect(sock.cipher()).toEqual(["ECDHE-ECDSA-AES128-GCM-SHA256", "TLSv1.2", 128]);
    expect(conn.sharedCiphers()).toEqual([["ECDHE-ECDSA-AES128-GCM-SHA256", "TLSv1.2", 128]]);
    expect(sock.getChannelBinding("tls-unique")).toEqual(conn.getChannelBinding("tls-unique"));
    expect(sock.getChannelBinding("tls-unique")?.length).toBe(12);
    expect(sock.getChannelBinding("tls-exporter")).toEqual(conn.getChannelBinding("tls-exporter"));
  });

  it("sends SNI from serverHostname", async () => {
    const { server, port, context } = later(await startServer(pki));
    const names: string[] = [];
    context.sniCallback = (_socket, name) => {
      names.push(name);
      return null;
    };
    const accepted = server.accept();
    await connectClient(port);
    later((await accepted)[0]);
    expect(names).toEqual(["localhost"]);
  });

  describe("EOF and faults", () => {
    async function raggedServer(): Promise<number> {
      const secureContext = tls.createSecureContext({ cert: pki.server.cert, key: pki.server.key });
      const server = later(await startTCPServer((raw) => {
        const tlsSocket = new tls.TLSSocket(raw, { isServer: true, secureContext });
        tlsSocket.on("error", () => undefined);
        tlsSocket.on("secure", () => {
          tlsSocket.write("partial", () => { raw.destroy(); });
        });
      }));
      return server.port;
    }

    it("reads a TCP close without close_notify as EOF when suppressRaggedEofs", async () => {
      const port = await raggedServer();
      const sock = await connectClient(port);
      expect(sock.suppressRaggedEofs).toBe(true);
      expect((await sock.recv()).toString()).toBe("partial");
      expect((await sock.recv()).length).toBe(0);
    });

    it("rejects a TCP close without close_notify with SSLEOFError when suppressRaggedEofs is false", async () => {
      const port = await raggedServer();
      const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost", suppressRaggedEofs: false }));
      await sock.connect(["127.0.0.1", port]);
      expect((await sock.recv()).toString()).toBe("partial");
      await expect(sock.recv()).rejects.toBeInstanceOf(SSLEOFError);
    });

    async function plainServer(onConnection: (conn: Socket) => Promise<void>): Promise<number> {
      const listener = later(new Socket());
      await listener.listen();
      void listener.accept().then(async ([conn]) => {
        later(conn);
        await onConnection(conn);
      });
      return listener.getsockname()[1];
    }

    it("rejects garbage instead of a ServerHello with SSLError", async () => {
      const port = await plainServer(async (conn) => {
        await conn.recv(4096);
        await conn.sendall(Buffer.from("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
      });
      const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost" }));
      const error: unknown = await sock.connect(["127.0.0.1", port]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SSLError);
      expect(error).toMatchObject({ library: "SSL", reason: "WRONG_VERSION_NUMBER" });
    });

    it("rejects a peer that closes during the handshake with SSLEOFError", async () => {
      const port = await plainServer(async (conn) => {
        await conn.recv(4096);
        await conn.close();
      });
      const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost" }));
      await expect(sock.connect(["127.0.0.1", port])).rejects.toBeInstanceOf(SSLEOFError);
    });

    it("rejects a peer that resets during the handshake with ECONNRESET", async () => {
      const server = later(await startTCPServer((raw) => {
        raw.once("data", () => raw.resetAndDestroy());
      }));
      const sock = later(await clientContext().wrapSocket(new Socket(), { serverHostname: "localhost" }));
      await expect(sock.connect(["127.0.0.1", server.port])).rejects.toMatchObject({ code: "ECONNRESET" });
    });

    it("rejects a server that never answers with TimeoutError", async () => {
      const port = await plainServer(() => Promise.resolve());
      const plain = new Socket();
      plain.setTimeout(0.2);
      const sock = later(await clientContext().wrapSocket(plain, { serverHostname: "localhost" }));
      const error: unknown = await sock.connect(["127.0.0.1", port]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ code: SocketErrorCode.TIMEOUT, message: expect.stringContaining("handshake operation timed out") as unknown });
    });

    it("rejects a peer that resets mid-stream with ECONNRESET", async () => {
      const peer = later(await startPython(RESETTING_SERVER, [pki.server.certPath, pki.server.keyPath]));
      const sock = await connectClient(Number(peer.firstLine));
      expect((await sock.recv()).toString()).toBe("some");
      await sock.sendall(Buffer.from("go"));
      await expect(sock.recv()).rejects.toMatchObject({ code: "ECONNRESET" });
      await peer.finished();
    });
  });

  it("is not constructible directly", () => {
    expect(() => { Reflect.construct(SSLSocket, []); }).toThrow();
  });
});
