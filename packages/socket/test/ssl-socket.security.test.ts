import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CERT_REQUIRED, OP_NO_RENEGOTIATION, PROTOCOL_TLS_SERVER, PROTOCOL_TLSv1, TLSVersion } from "@sslkit/context";
import type { Protocol } from "@sslkit/context";
import { isSSLKitError } from "@sslkit/errors";
import { SSLContext, Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { createCertificate } from "@sslkit/x509";
import { makeTempDir, makeTestPKI, runProcess, startOpenSSLServer } from "@sslkit/test-utils";
import type { TempDir, TestPKI } from "@sslkit/test-utils";
import { leakedHandles, networkHandles } from "./support/handles.js";

let pki: TestPKI;
let otherPKI: TestPKI;
let dir: TempDir;
let baseline: string[] = [];
const closers: (() => Promise<unknown>)[] = [];

function later<T extends { close(): Promise<unknown> }>(value: T): T {
  closers.push(() => value.close());
  return value;
}

beforeAll(() => {
  pki = makeTestPKI();
  otherPKI = makeTestPKI();
  dir = makeTempDir("sslkit-socket-security-");
});

afterAll(() => {
  pki.dir.remove();
  otherPKI.dir.remove();
  dir.remove();
});

beforeEach(() => {
  baseline = networkHandles();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  expect(await leakedHandles(baseline)).toEqual([]);
});

/** A listening sslkit server; `accepted()` resolves the first connection's handshake outcome. */
async function serve(context: SSLContext): Promise<{ port: number; handshake: Promise<SSLSocket> }> {
  const listener = later(new Socket());
  await listener.listen();
  const server = later(await context.wrapSocket(listener, { serverSide: true, doHandshakeOnConnect: false }));
  const handshake = (async () => {
    const [conn] = await server.accept();
    later(conn);
    await conn.doHandshake();
    return conn;
  })();
  // Observed by each test; never an unhandled rejection.
  handshake.catch(() => undefined);
  return { port: server.getsockname()[1], handshake };
}

function serverContext(protocol: Protocol = PROTOCOL_TLS_SERVER): SSLContext {
  const context = new SSLContext(protocol);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  return context;
}

/** Matches an sslkit error whose message or reason names a protocol version problem. */
const versionRefusal = expect.objectContaining({ message: expect.stringMatching(/unsupported protocol|version too low|wrong version|no protocols available|protocol version/i) });

describe("downgrade to TLS 1.0 when the context forbids it", () => {
  it("an sslkit server with TLS 1.2 as minimum refuses `openssl s_client -tls1`", async () => {
    const context = serverContext();
    context.minimumVersion = TLSVersion.TLSv1_2;
    const { port, handshake } = await serve(context);
    const client = await runProcess("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", pki.ca.certPath], { input: "hello\n", timeoutMs: 15_000 });
    expect(client.status).not.toBe(0);
    const error: unknown = await handshake.then(() => undefined, (e: unknown) => e);
    expect(isSSLKitError(error)).toBe(true);
    expect(error).toEqual(versionRefusal);
  });

  it("the same server with a TLS 1.0 context accepts it (the refusal above is the minimum's doing)", async () => {
    const { port, handshake } = await serve(serverContext(PROTOCOL_TLSv1));
    const client = runProcess("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", pki.ca.certPath], { input: "hello\n", timeoutMs: 15_000 });
    const conn = await handshake;
    expect(conn.version()).toBe("TLSv1");
    await conn.close();
    await client;
  });

  it("an sslkit client with the default context refuses `openssl s_server -tls1`", async () => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"]));
    const tls = later(await createDefaultContext({ caFile: pki.ca.certPath }).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    const error: unknown = await tls.connect(["127.0.0.1", server.port]).then(() => undefined, (e: unknown) => e);
    expect(isSSLKitError(error)).toBe(true);
    expect(error).toEqual(versionRefusal);
  });

  it("an sslkit client allowed TLS 1.0 connects to it (the refusal above is the default's doing)", async () => {
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"]));
    const context = new SSLContext(PROTOCOL_TLSv1);
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    const tls = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    await tls.connect(["127.0.0.1", server.port]);
    expect(tls.version()).toBe("TLSv1");
  });
});

/** Runs `openssl s_client -tls1_2`, sends `R` (renegotiate) `times` times, then a line; resolves what it printed. */
async function renegotiate(port: number, times: number): Promise<{ output: string; status: number | null }> {
  const child = spawn("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-tls1_2", "-CAfile", pki.ca.certPath], { stdio: ["pipe", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let output = "";
  const seen = (pattern: RegExp, count = 1): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if ((output.match(new RegExp(pattern, "g")) ?? []).length >= count) resolve();
      };
      child.stdout.on("data", check);
      child.once("exit", () => { resolve(); });
      check();
    });
  child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  try {
    // s_client prints "verify return:1" twice (root, leaf) per completed handshake; then one `R`
    // command every 300 ms, as typed.
    await seen(/verify return:1/, 2);
    for (let i = 1; i <= times; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.stdin.write("R\n");
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.write("after renegotiation\n");
    // s_client prints what the server sends back, not what it sends.
    await Promise.race([seen(/after renegotiation/), exited]);
    child.stdin.end();
    return { output, status: await exited };
  } finally {
    clearTimeout(killer);
  }
}

async function echo(conn: SSLSocket): Promise<void> {
  for (;;) {
    const data = await conn.recv(1024);
    if (data.length === 0) return;
    await conn.sendall(data);
  }
}

describe("client-initiated renegotiation (TLS 1.2)", () => {
  it("is handled: two renegotiations, and the data after them is echoed", async () => {
    const { port, handshake } = await serve(serverContext());
    const echoing = handshake.then(echo);
    echoing.catch(() => undefined);
    const { output } = await renegotiate(port, 2);
    expect(output.match(/RENEGOTIATING/g)).toHaveLength(2);
    expect(output).toContain("after renegotiation\n"); // echoed by the server
    await echoing;
  }, 30_000);

  it("ends a renegotiation flood (more than three, Node's limit) with an SSLError on the server, never hangs", async () => {
    const { port, handshake } = await serve(serverContext());
    // The server closes the connection when its echo loop ends, so s_client exits at once.
    const echoing = handshake.then(async (conn) => {
      try {
        await echo(conn);
        return "eof";
      } catch (error) {
        return error;
      } finally {
        await conn.close();
      }
    });
    await renegotiate(port, 6);
    const outcome = await echoing;
    expect(isSSLKitError(outcome)).toBe(true);
    expect(outcome).toMatchObject({ name: "SSLError", message: expect.stringContaining("renegotiation") });
  }, 30_000);

  it("is refused with OP_NO_RENEGOTIATION: s_client gives up and the server reports an sslkit error or EOF, never hangs", async () => {
    const context = serverContext();
    context.options |= OP_NO_RENEGOTIATION;
    const { port, handshake } = await serve(context);
    const echoing = handshake.then(echo).then(() => "eof", (error: unknown) => error);
    const { output } = await renegotiate(port, 1);
    expect(output).not.toContain("after renegotiation");
    const outcome = await echoing;
    if (outcome !== "eof") expect(isSSLKitError(outcome)).toBe(true);
  }, 30_000);
});

describe("client certificates with CERT_REQUIRED", () => {
  function requiringContext(): SSLContext {
    const context = serverContext();
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    return context;
  }

  async function clientWith(port: number, identity: { certPath: string; keyPath: string } | undefined): Promise<unknown> {
    const context = createDefaultContext({ caFile: pki.ca.certPath });
    if (identity !== undefined) context.loadCertChain(identity.certPath, identity.keyPath);
    const tls = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    try {
      await tls.connect(["127.0.0.1", port]);
      await tls.sendall(Buffer.from("hello"));
      // TLS 1.3: the server judges the client certificate after the client's handshake is done.
      return await tls.recv(10);
    } catch (error) {
      return error;
    }
  }

  it("rejects a client certificate from another CA with a certificate verification error on the server, and the client learns it at once", async () => {
    const { port, handshake } = await serve(requiringContext());
    const client = await clientWith(port, otherPKI.client);
    const error: unknown = await handshake.then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: "SSLCertVerificationError", verifyCode: 20 });
    // The client learns it from the server's alert (or the closed connection), not from data.
    if (Buffer.isBuffer(client)) expect(client.length).toBe(0);
    else expect(isSSLKitError(client)).toBe(true);
  });

  it("rejects a client without a certificate", async () => {
    const { port, handshake } = await serve(requiringContext());
    await clientWith(port, undefined);
    const error: unknown = await handshake.then(() => undefined, (e: unknown) => e);
    expect(isSSLKitError(error)).toBe(true);
    expect((error as Error).message).toMatch(/certificate/i);
  });

  it("accepts the client certificate of the right CA (the refusals above are the CA's doing)", async () => {
    const { port, handshake } = await serve(requiringContext());
    const client = clientWith(port, pki.client);
    const conn = await handshake;
    expect(conn.getPeerCert()?.subject).toEqual([[["commonName", "sslkit client"]]]);
    await conn.sendall(Buffer.from("hi"));
    expect(Buffer.from((await client) as Buffer).toString()).toBe("hi");
  });
});

describe("oversized certificate chains", () => {
  /** A root and a leaf under `depth` intermediates, written as files; the chain file holds leaf and intermediates. */
  async function deepChain(depth: number): Promise<{ rootPath: string; chainPath: string; keyPath: string }> {
    const root = await createCertificate({ subject: { commonName: "deep root" }, isCA: true });
    let issuer = root;
    const intermediates: string[] = [];
    for (let i = 0; i < depth; i++) {
      issuer = await createCertificate({ subject: { commonName: `deep intermediate ${i}` }, isCA: true, issuer });
      intermediates.unshift(issuer.certificate);
    }
    const leaf = await createCertificate({ subject: { commonName: "localhost" }, issuer, subjectAltNames: [{ type: "dns", value: "localhost" }] });
    const rootPath = dir.file(`deep-${depth}-root.pem`);
    const chainPath = dir.file(`deep-${depth}-chain.pem`);
    const keyPath = dir.file(`deep-${depth}-leaf.key`);
    writeFileSync(rootPath, root.certificate);
    writeFileSync(chainPath, [leaf.certificate, ...intermediates].join(""));
    writeFileSync(keyPath, leaf.privateKey, { mode: 0o600 });
    return { rootPath, chainPath, keyPath };
  }

  it("refuses a server chain of 101 intermediates with a certificate verification error, promptly", async () => {
    const chain = await deepChain(101);
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.loadCertChain(chain.chainPath, chain.keyPath);
    const { port, handshake } = await serve(context);
    const tls = later(await createDefaultContext({ caFile: chain.rootPath }).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    const error: unknown = await tls.connect(["127.0.0.1", port]).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: "SSLCertVerificationError" });
    expect(await handshake.then(() => "accepted", (e: unknown) => (isSSLKitError(e) ? "sslkit error" : e))).toMatch(/accepted|sslkit error/);
  }, 60_000);

  it("refuses a 1 MiB certificate chain from `openssl s_server` with a clear SSLError", async () => {
    // The same intermediate over and over: 1 MiB of chain, more than OpenSSL's 100 KiB limit.
    const chainPath = dir.file("huge-chain.pem");
    const intermediate = pki.intermediate.cert;
    writeFileSync(chainPath, intermediate.repeat(Math.ceil((1024 * 1024) / intermediate.length)));
    const server = later(await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-cert_chain", chainPath]));
    const tls = later(await createDefaultContext({ caFile: pki.ca.certPath }).wrapSocket(new Socket(), { serverHostname: "localhost" }));
    const error: unknown = await tls.connect(["127.0.0.1", server.port]).then(() => undefined, (e: unknown) => e);
    expect(isSSLKitError(error)).toBe(true);
    expect(error).toMatchObject({ name: "SSLError", message: expect.stringMatching(/excessive message size|too long|too large/i) });
  }, 60_000);

  it("serves a 1 MiB chain to `openssl s_client`, which refuses it, and reports the closed connection, never hangs", async () => {
    const chainPath = dir.file("huge-server-chain.pem");
    const intermediate = pki.intermediate.cert;
    writeFileSync(chainPath, pki.server.cert + intermediate.repeat(Math.ceil((1024 * 1024) / intermediate.length)));
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.loadCertChain(chainPath, pki.server.keyPath);
    const { port, handshake } = await serve(context);
    const client = await runProcess("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", pki.ca.certPath], { input: "hello\n", timeoutMs: 20_000 });
    expect(client.stdout.toString() + client.stderr).toMatch(/excessive message size/i);
    const outcome = await handshake.then(() => "accepted", (e: unknown) => e);
    if (outcome !== "accepted") expect(isSSLKitError(outcome)).toBe(true);
  }, 60_000);
});
