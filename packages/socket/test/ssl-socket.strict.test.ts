import { beforeAll, describe, expect, it } from "vitest";
import { CERT_REQUIRED, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, TLSVersion, VERIFY_X509_STRICT } from "@sslkit/context";
import { SSLCertVerificationError } from "@sslkit/errors";
import { SSLContext, Socket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { runPythonJSON, startOpenSSLServer } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";
import { makeLaxPKI } from "./support/lax-pki.js";
import type { LaxPKI } from "./support/lax-pki.js";
import { startPython } from "./support/python-peer.js";

// VERIFY_X509_STRICT through real handshakes: a chain whose CA's basicConstraints is not
// critical passes OpenSSL's default verification and fails RFC 5280's strict rules, as in
// CPython. The reference verdicts (code, message, the alert a CPython client sends) come
// from python3 doing the same handshakes.

const { pki, later } = useSocketFixtures();

interface Verdict {
  readonly code: number;
  readonly message: string;
}

/** What CPython's client and server say about the lax chains under VERIFY_X509_STRICT. */
const PYTHON_REFERENCE = `
import json, socket, ssl, sys, threading
ca, scert, skey, ccert, ckey = sys.argv[1:6]
out = {}
def verdict(e): return {"code": e.verify_code, "message": e.verify_message}
s = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); s.load_cert_chain(scert, skey)
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
def serve():
    conn, _ = srv.accept()
    try: s.wrap_socket(conn, server_side=True).close()
    except (ssl.SSLError, OSError): pass
t = threading.Thread(target=serve); t.start()
c = ssl.create_default_context(cafile=ca); c.verify_flags |= ssl.VERIFY_X509_STRICT
try: c.wrap_socket(socket.create_connection(srv.getsockname()), server_hostname="localhost").close()
except ssl.SSLCertVerificationError as e: out["client"] = verdict(e)
t.join()
s.verify_mode = ssl.CERT_REQUIRED; s.load_verify_locations(ca); s.verify_flags |= ssl.VERIFY_X509_STRICT
def serve2():
    conn, _ = srv.accept()
    try: s.wrap_socket(conn, server_side=True).close()
    except ssl.SSLCertVerificationError as e: out["server"] = verdict(e)
t = threading.Thread(target=serve2); t.start()
c = ssl.create_default_context(cafile=ca); c.load_cert_chain(ccert, ckey)
try:
    cs = c.wrap_socket(socket.create_connection(srv.getsockname()), server_hostname="localhost"); cs.recv(1)
except (ssl.SSLError, OSError): pass
t.join()
print(json.dumps(out))
`;

let lax: LaxPKI;
let python: { client: Verdict; server: Verdict };

beforeAll(async () => {
  lax = await makeLaxPKI(pki.dir);
  python = await runPythonJSON(PYTHON_REFERENCE, [lax.caPath, lax.server.certPath, lax.server.keyPath, lax.client.certPath, lax.client.keyPath]);
}, 60_000);

function clientContext(strict: boolean): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.loadVerifyLocations({ caFile: lax.caPath });
  if (strict) context.verifyFlags |= VERIFY_X509_STRICT;
  return context;
}

/** A listening sslkit server presenting the lax leaf; `verifyClients`: CERT_REQUIRED against the lax CA. */
async function laxServer(options: { verifyClients?: boolean; strict?: boolean } = {}): Promise<{ server: SSLSocket; port: number }> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(lax.server.certPath, lax.server.keyPath);
  if (options.verifyClients === true) {
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: lax.caPath });
  }
  if (options.strict === true) context.verifyFlags |= VERIFY_X509_STRICT;
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen();
  const server = later(await context.wrapSocket(listener, { serverSide: true }));
  return { server, port: server.getsockname()[1] };
}

/** Accepts one connection and keeps it until the test ends; resolves the accept error, if any. */
function acceptOne(server: SSLSocket): Promise<unknown> {
  return server.accept().then(([conn]) => {
    later(conn);
    return undefined;
  }, (error: unknown) => error);
}

function expectRefused(error: unknown, verdict: Verdict): void {
  expect(error).toBeInstanceOf(SSLCertVerificationError);
  expect(error).toMatchObject({ verifyCode: verdict.code, verifyMessage: verdict.message });
}

describe("an SSLSocket client with VERIFY_X509_STRICT", () => {
  it("accepts the lax chain without the flag, as OpenSSL's default verification does", async () => {
    const { server, port } = await laxServer();
    const accepted = acceptOne(server);
    const sock = later(await clientContext(false).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await sock.connect(["127.0.0.1", port]);
    expect(sock.version()).toBe("TLSv1.3");
    expect(await accepted).toBeUndefined();
  });

  it("refuses it in connect() with CPython's verify code and message", async () => {
    expect(python.client.code).not.toBe(0);
    const { server, port } = await laxServer();
    void acceptOne(server);
    const sock = later(await clientContext(true).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    expectRefused(await sock.connect(["127.0.0.1", port]).catch((caught: unknown) => caught), python.client);
  });

  it("refuses it in an explicit doHandshake() and in the handshake a first sendall() starts", async () => {
    const { server, port } = await laxServer();
    void acceptOne(server);
    void acceptOne(server);
    const explicit = later(await clientContext(true).wrapSocket(new Socket(), { serverHostname: "localhost", doHandshakeOnConnect: false }));
    await explicit.connect(["127.0.0.1", port]);
    expectRefused(await explicit.doHandshake().catch((caught: unknown) => caught), python.client);
    const lazy = later(await clientContext(true).wrapSocket(new Socket(), { serverHostname: "localhost", doHandshakeOnConnect: false }));
    await lazy.connect(["127.0.0.1", port]);
    expectRefused(await lazy.sendall(Buffer.from("hello")).catch((caught: unknown) => caught), python.client);
  });

  it("sends openssl s_server the alert a CPython client sends (TLS 1.3), and ends the stream on TLS 1.2", async () => {
    const cpython = later(await startOpenSSLServer(["-cert", lax.server.certPath, "-key", lax.server.keyPath, "-state", "-tls1_3"]));
    const client = later(await startPython(
      "import socket, ssl, sys\nc = ssl.create_default_context(cafile=sys.argv[2]); c.verify_flags |= ssl.VERIFY_X509_STRICT\nprint('ready')\ntry: c.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost')\nexcept ssl.SSLCertVerificationError as e: print(e.verify_code)",
      [String(cpython.port), lax.caPath],
    ));
    expect((await client.finished()).trim()).toBe(String(python.client.code));
    await expect.poll(() => cpython.output(), { timeout: 10_000 }).toMatch(/SSL3 alert read:fatal:/);
    const alert = /SSL3 alert read:fatal:([^\n]+)/.exec(cpython.output())?.[1];

    const tls13 = later(await startOpenSSLServer(["-cert", lax.server.certPath, "-key", lax.server.keyPath, "-state", "-tls1_3"]));
    const sock = later(await clientContext(true).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    expectRefused(await sock.connect(["127.0.0.1", tls13.port]).catch((caught: unknown) => caught), python.client);
    await expect.poll(() => tls13.output(), { timeout: 10_000 }).toContain(`SSL3 alert read:fatal:${alert}`);

    const tls12 = later(await startOpenSSLServer(["-cert", lax.server.certPath, "-key", lax.server.keyPath, "-tls1_2"]));
    const context = clientContext(true);
    context.maximumVersion = TLSVersion.TLSv1_2;
    const sock12 = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    expectRefused(await sock12.connect(["127.0.0.1", tls12.port]).catch((caught: unknown) => caught), python.client);
    await expect.poll(() => tls12.output(), { timeout: 10_000 }).toMatch(/unexpected eof while reading/);
  });
});

/** A CPython client presenting the lax client certificate: prints what its first recv() got. */
const PYTHON_CLIENT = `
import socket, ssl, sys
c = ssl.create_default_context(cafile=sys.argv[2]); c.load_cert_chain(sys.argv[3], sys.argv[4])
print('ready')
s = c.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost')
s.settimeout(60)
try: print(repr(s.recv(5)))
except ssl.SSLError as e: print(type(e).__name__)
`;

describe("an SSLSocket server with VERIFY_X509_STRICT and CERT_REQUIRED", () => {
  it("accepts the lax client chain without the flag", async () => {
    const { server, port } = await laxServer({ verifyClients: true });
    const accepted = server.accept();
    const client = later(await startPython(PYTHON_CLIENT, [String(port), lax.caPath, lax.client.certPath, lax.client.keyPath]));
    const [conn] = await accepted;
    later(conn);
    expect(conn.getPeerCert()).toMatchObject({ subject: [[["commonName", "lax client"]]] });
    await conn.sendall(Buffer.from("hello"));
    expect((await client.finished()).trim()).toBe("b'hello'");
  });

  it("refuses it in accept() with CPython's verify code and message; the client's read ends", async () => {
    expect(python.server.code).not.toBe(0);
    const { server, port } = await laxServer({ verifyClients: true, strict: true });
    const accepted = acceptOne(server);
    const client = later(await startPython(PYTHON_CLIENT, [String(port), lax.caPath, lax.client.certPath, lax.client.keyPath]));
    expectRefused(await accepted, python.server);
    // CPython's server sends certificate_unknown; the stream ends here (see the README).
    expect(["b''", "SSLEOFError", "SSLError"]).toContain((await client.finished()).trim());
  });

  it("refuses it in an explicit doHandshake() of an accepted connection", async () => {
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.loadCertChain(lax.server.certPath, lax.server.keyPath);
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: lax.caPath });
    context.verifyFlags |= VERIFY_X509_STRICT;
    const listener = new Socket();
    listener.bind(["127.0.0.1", 0]);
    await listener.listen();
    const server = later(await context.wrapSocket(listener, { serverSide: true, doHandshakeOnConnect: false }));
    const accepted = server.accept();
    const client = later(await startPython(PYTHON_CLIENT, [String(server.getsockname()[1]), lax.caPath, lax.client.certPath, lax.client.keyPath]));
    const [conn] = await accepted;
    later(conn);
    expectRefused(await conn.doHandshake().catch((caught: unknown) => caught), python.server);
    expect(["b''", "SSLEOFError", "SSLError"]).toContain((await client.finished()).trim());
  });
});

describe("VERIFY_X509_STRICT on both SSLSocket sides with a well-formed chain", () => {
  it("completes the handshake (the output held during the check goes out) and carries data both ways", async () => {
    const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
    serverContext.loadCertChain(pki.server.certPath, pki.server.keyPath);
    serverContext.verifyMode = CERT_REQUIRED;
    serverContext.loadVerifyLocations({ caFile: pki.ca.certPath });
    serverContext.verifyFlags |= VERIFY_X509_STRICT;
    const listener = new Socket();
    listener.bind(["127.0.0.1", 0]);
    await listener.listen();
    const server = later(await serverContext.wrapSocket(listener, { serverSide: true }));
    const accepted = server.accept();
    const clientContext = new SSLContext(PROTOCOL_TLS_CLIENT);
    clientContext.loadVerifyLocations({ caFile: pki.ca.certPath });
    clientContext.loadCertChain(pki.client.certPath, pki.client.keyPath);
    clientContext.verifyFlags |= VERIFY_X509_STRICT;
    const sock = later(await clientContext.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await sock.connect(["127.0.0.1", server.getsockname()[1]]);
    const [conn] = await accepted;
    later(conn);
    await sock.sendall(Buffer.from("ping"));
    expect((await conn.recv(4)).toString()).toBe("ping");
    await conn.sendall(Buffer.from("pong"));
    expect((await sock.recv(4)).toString()).toBe("pong");
    expect(sock.version()).toBe("TLSv1.3");
  });
});
