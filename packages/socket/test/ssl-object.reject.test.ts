import * as net from "node:net";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, VERIFY_X509_STRICT } from "@sslkit/context";
import { CERT_REQUIRED, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLCertVerificationError, SSLWantReadError } from "@sslkit/errors";
import { MemoryBIO, SSLContext } from "@sslkit/socket";
import type { SSLObject } from "@sslkit/socket";
import { runPythonJSON, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";
import { makeLaxPKI } from "./support/lax-pki.js";
import { pinVersion } from "./support/versions.js";
import type { VersionName } from "./support/versions.js";

// An SSLObject client that rejects the server's certificate, pumped over TCP to openssl
// s_server: what it writes to `outgoing`, compared with CPython's SSLObject in the same
// handshake (through what s_server logs).

const { pki, later } = useSocketFixtures();

/** CPython's SSLObject client against the server at argv[1]: its verify code and message, and what it wrote after the rejection. */
const PYTHON_CLIENT = `
import json, socket, ssl, sys, time
c = ssl.create_default_context(cafile=sys.argv[2])
if sys.argv[3] == "strict": c.verify_flags |= ssl.VERIFY_X509_STRICT
if sys.argv[4] == "TLSv1.2": c.maximum_version = ssl.TLSVersion.TLSv1_2
i, o = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = c.wrap_bio(i, o, server_hostname="localhost")
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
while True:
    try: obj.do_handshake(); print("null"); break
    except ssl.SSLWantReadError: s.sendall(o.read()); i.write(s.recv(65536))
    except ssl.SSLCertVerificationError as e:
        out = o.read(); s.sendall(out); time.sleep(0.2)
        print(json.dumps({"code": e.verify_code, "message": e.verify_message, "outgoing": out.hex()})); break
`;

interface PythonResult {
  readonly code: number;
  readonly message: string;
  readonly outgoing: string;
}

/** Pumps `obj`'s handshake over `sock`; yields to the event loop while it waits (an async check may be running). Resolves its error, or `undefined`. */
async function pumpHandshake(obj: SSLObject, incoming: MemoryBIO, outgoing: MemoryBIO, sock: net.Socket): Promise<unknown> {
  const received: Buffer[] = [];
  const onData = (chunk: Buffer): void => {
    received.push(chunk);
  };
  sock.on("data", onData);
  try {
    for (;;) {
      for (const chunk of received.splice(0)) incoming.write(chunk);
      try {
        obj.doHandshake();
        sock.write(outgoing.read());
        return undefined;
      } catch (error) {
        if (!(error instanceof SSLWantReadError)) return error;
        const bytes = outgoing.read();
        if (bytes.length > 0) sock.write(bytes);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  } finally {
    sock.off("data", onData);
  }
}

async function connect(port: number): Promise<net.Socket> {
  const sock = net.connect(port, "127.0.0.1");
  await new Promise((resolve, reject) => sock.once("connect", resolve).once("error", reject));
  later({ close: () => new Promise<void>((resolve) => { sock.destroy(); resolve(); }) });
  return sock;
}

function alertLine(server: OpenSSLServer): string | undefined {
  return /SSL3 alert read:fatal:([^\n]+)/.exec(server.output())?.[1];
}

async function rejectOver(version: VersionName, certPath: string, keyPath: string, caPath: string, strict: boolean): Promise<{ sslkit: { error: unknown; outgoing: Buffer; alert: string | undefined }; python: PythonResult; pythonAlert: string | undefined }> {
  const flag = version === "TLSv1.2" ? "-tls1_2" : "-tls1_3";
  const reference = later(await startOpenSSLServer(["-cert", certPath, "-key", keyPath, "-state", flag]));
  const python = await runPythonJSON<PythonResult>(PYTHON_CLIENT, [String(reference.port), caPath, strict ? "strict" : "default", version]);
  const server = later(await startOpenSSLServer(["-cert", certPath, "-key", keyPath, "-state", flag]));
  const context = pinVersion(new SSLContext(PROTOCOL_TLS_CLIENT), version);
  context.loadVerifyLocations({ caFile: caPath });
  if (strict) context.verifyFlags |= VERIFY_X509_STRICT;
  const incoming = new MemoryBIO();
  const outgoing = new MemoryBIO();
  const sock = await connect(server.port);
  const error = await pumpHandshake(context.wrapBIO(incoming, outgoing, { serverHostname: "localhost" }), incoming, outgoing, sock);
  const written = outgoing.read();
  sock.write(written);
  if (version === "TLSv1.3") {
    await expect.poll(() => alertLine(server), { timeout: 10_000 }).toBeDefined();
    await expect.poll(() => alertLine(reference), { timeout: 10_000 }).toBeDefined();
  }
  return { sslkit: { error, outgoing: written, alert: alertLine(server) }, python, pythonAlert: alertLine(reference) };
}

describe("an SSLObject client that rejects the server's certificate", () => {
  it("writes the alert CPython's SSLObject writes (TLS 1.3): openssl s_server reads the same one", async () => {
    const { sslkit, python, pythonAlert } = await rejectOver("TLSv1.3", pki.selfSigned.certPath, pki.selfSigned.keyPath, pki.ca.certPath, false);
    expect(sslkit.error).toBeInstanceOf(SSLCertVerificationError);
    expect(sslkit.error).toMatchObject({ verifyCode: python.code, verifyMessage: python.message });
    // CPython's is a plaintext alert record; ours is encrypted under the client handshake secret (one record).
    expect(python.outgoing).toMatch(/^1503030002/);
    expect(sslkit.outgoing.length).toBeGreaterThan(0);
    expect(sslkit.outgoing.readUInt16BE(3)).toBe(sslkit.outgoing.length - 5);
    expect(pythonAlert).toBe("unknown CA");
    expect(sslkit.alert).toBe(pythonAlert);
  });

  it("writes nothing more on TLS 1.2, where its Finished is already in outgoing", async () => {
    const { sslkit, python } = await rejectOver("TLSv1.2", pki.selfSigned.certPath, pki.selfSigned.keyPath, pki.ca.certPath, false);
    expect(sslkit.error).toMatchObject({ constructor: SSLCertVerificationError, verifyCode: python.code });
    expect(sslkit.outgoing.length).toBe(0);
  });
});

describe("an SSLObject client with VERIFY_X509_STRICT", () => {
  it("completes the handshake with a chain OpenSSL accepts and RFC 5280 does not, without the flag", async () => {
    const lax = await makeLaxPKI(pki.dir);
    const server = later(await startOpenSSLServer(["-cert", lax.server.certPath, "-key", lax.server.keyPath, "-tls1_3"]));
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.loadVerifyLocations({ caFile: lax.caPath });
    const incoming = new MemoryBIO();
    const outgoing = new MemoryBIO();
    const obj = context.wrapBIO(incoming, outgoing, { serverHostname: "localhost" });
    expect(await pumpHandshake(obj, incoming, outgoing, await connect(server.port))).toBeUndefined();
    expect(obj.version()).toBe("TLSv1.3");
  });

  it.each(["TLSv1.3", "TLSv1.2"] as const)("completes a handshake with a well-formed chain once the check settled, the held Finished then in outgoing (%s)", async (version) => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-rev", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"]));
    const context = pinVersion(new SSLContext(PROTOCOL_TLS_CLIENT), version);
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    context.verifyFlags |= VERIFY_X509_STRICT;
    const incoming = new MemoryBIO();
    const outgoing = new MemoryBIO();
    const obj = context.wrapBIO(incoming, outgoing, { serverHostname: "localhost" });
    const sock = await connect(server.port);
    expect(await pumpHandshake(obj, incoming, outgoing, sock)).toBeUndefined();
    obj.write(Buffer.from("sslkit\n"));
    sock.write(outgoing.read());
    let text = "";
    while (!text.includes("tiklss")) {
      const chunk = await new Promise<Buffer>((resolve) => sock.once("data", resolve));
      incoming.write(chunk);
      try { text += obj.read(65536).toString(); } catch (error) { if (!(error instanceof SSLWantReadError)) throw error; }
    }
    expect(text).toContain("tiklss");
  });

  it.each(["TLSv1.3", "TLSv1.2"] as const)("refuses it once the strict check settled, with CPython's code and message, and the alert CPython sends (%s)", async (version) => {
    const lax = await makeLaxPKI(pki.dir);
    const { sslkit, python, pythonAlert } = await rejectOver(version, lax.server.certPath, lax.server.keyPath, lax.caPath, true);
    expect(sslkit.error).toBeInstanceOf(SSLCertVerificationError);
    expect(sslkit.error).toMatchObject({ verifyCode: python.code, verifyMessage: python.message });
    if (version === "TLSv1.3") expect(sslkit.alert).toBe(pythonAlert);
    else expect(sslkit.outgoing.length).toBe(0);
  });
});

/** CPython's SSLObject server with VERIFY_X509_STRICT and CERT_REQUIRED, a client presenting argv[4]: the server's verdict. */
const PYTHON_STRICT_SERVER = `
import json, ssl, sys
ca, scert, skey, ccert, ckey = sys.argv[1:6]
s = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); s.load_cert_chain(scert, skey)
s.verify_mode = ssl.CERT_REQUIRED; s.load_verify_locations(ca); s.verify_flags |= ssl.VERIFY_X509_STRICT
c = ssl.create_default_context(cafile=ca); c.load_cert_chain(ccert, ckey)
ci, co, si, so = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
cl = c.wrap_bio(ci, co, server_hostname="localhost"); sv = s.wrap_bio(si, so, server_side=True)
for _ in range(6):
    try: cl.do_handshake()
    except ssl.SSLError: pass
    si.write(co.read())
    try: sv.do_handshake()
    except ssl.SSLWantReadError: pass
    except ssl.SSLCertVerificationError as e: print(json.dumps({"code": e.verify_code, "message": e.verify_message})); break
    ci.write(so.read())
`;

/** A CPython client presenting the lax client certificate: prints (JSON) what its first recv() got. */
const PYTHON_CLIENT_WITH_CERT = `
import json, socket, ssl, sys
c = ssl.create_default_context(cafile=sys.argv[2]); c.load_cert_chain(sys.argv[3], sys.argv[4])
s = c.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))), server_hostname="localhost")
s.settimeout(60)
try: print(json.dumps(repr(s.recv(5))))
except (ssl.SSLError, OSError) as e: print(json.dumps(type(e).__name__))
`;

describe("an SSLObject server with VERIFY_X509_STRICT and CERT_REQUIRED", () => {
  it.each([false, true])("refuses the lax client chain only with the flag (strict: %s), with CPython's code and message", async (strict) => {
    const lax = await makeLaxPKI(pki.dir);
    const python = await runPythonJSON<{ code: number; message: string }>(PYTHON_STRICT_SERVER, [lax.caPath, lax.server.certPath, lax.server.keyPath, lax.client.certPath, lax.client.keyPath]);
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.loadCertChain(lax.server.certPath, lax.server.keyPath);
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: lax.caPath });
    if (strict) context.verifyFlags |= VERIFY_X509_STRICT;
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    later({ close: () => new Promise<void>((resolve) => listener.close(() => { resolve(); })) });
    const accepted = new Promise<net.Socket>((resolve) => listener.once("connection", resolve));
    const port = (listener.address() as net.AddressInfo).port;
    const client = runPythonJSON<string>(PYTHON_CLIENT_WITH_CERT, [String(port), lax.caPath, lax.client.certPath, lax.client.keyPath]);
    const sock = await accepted;
    later({ close: () => new Promise<void>((resolve) => { sock.destroy(); resolve(); }) });
    const incoming = new MemoryBIO();
    const outgoing = new MemoryBIO();
    const obj = context.wrapBIO(incoming, outgoing, { serverSide: true });
    const error = await pumpHandshake(obj, incoming, outgoing, sock);
    if (strict) {
      expect(error).toBeInstanceOf(SSLCertVerificationError);
      expect(error).toMatchObject({ verifyCode: python.code, verifyMessage: python.message });
    } else {
      expect(error).toBeUndefined();
      expect(obj.getPeerCert()).toMatchObject({ subject: [[["commonName", "lax client"]]] });
      obj.write(Buffer.from("hello"));
    }
    // A refusing SSLObject writes nothing (the caller closes the connection): CPython's client sees EOF.
    sock.end(outgoing.read());
    expect(await client).toBe(strict ? "b''" : "b'hello'");
  });
});
