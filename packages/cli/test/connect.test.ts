import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TLSSocket } from "node:tls";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadCertificates } from "@sslkit/x509";
import { fileURLToPath } from "node:url";
import { makeTestPKI, runProcess, startOpenSSLServer, startTCPServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TCPServer, TestIdentity, TestPKI } from "@sslkit/test-utils";
import { closedPort } from "./closed-port.js";
import { runCLI } from "./run-cli.js";

interface Report {
  host: string;
  port: number;
  serverName: string | null;
  starttls: string | null;
  protocol: string;
  cipher: { name: string; protocol: string; bits: number };
  alpn: string | null;
  sessionReused: boolean;
  reconnect: { sessionOffered: boolean; sessionReused: boolean; protocol: string | null } | null;
  chain: { subject: string; issuer: string; daysLeft: number }[];
  verification: { ok: boolean; verifyCode: number; verifyMessage: string; depth: number };
  hostname: { name: string; ok: boolean; error: string | null };
  warnings: string[];
  ok: boolean;
}

let pki: TestPKI;
let server: OpenSSLServer | undefined;
let fake: TCPServer | undefined;

beforeAll(() => {
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await fake?.close();
  fake = undefined;
});

async function openssl(identity: TestIdentity, ...extra: string[]): Promise<number> {
  server = await startOpenSSLServer(["-cert", identity.certPath, "-key", identity.keyPath, ...extra]);
  return server.port;
}

async function connectJSON(args: readonly string[]): Promise<{ report: Report; exitCode: number | string | undefined; stderr: string }> {
  const { stdout, stderr, exitCode } = await runCLI(["connect", ...args, "--json"]);
  return { report: JSON.parse(stdout) as Report, exitCode, stderr };
}

/**
 * A fake server on 127.0.0.1 that speaks `script` in cleartext (each step: wait for a line
 * matching `expect`, or for `bytes` bytes, then send `reply`), then upgrades to TLS with the
 * test PKI's server certificate and writes "hello" over it.
 */
async function startFakeServer(greeting: string | null, script: readonly { expect: RegExp | number; reply: string }[]): Promise<number> {
  fake = await startTCPServer((connection) => {
    if (greeting !== null) connection.write(greeting);
    let buffered = Buffer.alloc(0);
    let step = 0;
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const current = script[step];
        if (current === undefined) return;
        let consumed: number;
        if (typeof current.expect === "number") {
          if (buffered.length < current.expect) return;
          consumed = current.expect;
        } else {
          const end = buffered.indexOf("\r\n");
          if (end === -1) return;
          if (!current.expect.test(buffered.subarray(0, end).toString("latin1"))) {
            connection.end("500 unexpected\r\n");
            return;
          }
          consumed = end + 2;
        }
        buffered = buffered.subarray(consumed);
        connection.write(current.reply);
        step++;
        if (step === script.length) {
          connection.off("data", onData);
          const secure = new TLSSocket(connection, { isServer: true, cert: pki.server.cert, key: pki.server.key });
          secure.on("error", () => undefined);
          secure.on("secure", () => { secure.write("hello"); });
          return;
        }
      }
    };
    connection.on("data", onData);
  });
  return fake.port;
}

describe("sslkit connect", () => {
  it("reports protocol, cipher, SNI, the chain and a verified verdict against openssl s_server", async () => {
    const port = await openssl(pki.chainedServer, "-cert_chain", pki.intermediate.certPath);
    const { report, exitCode, stderr } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--servername", "localhost"]);
    expect(stderr).toBe("");
    expect(exitCode).toBeUndefined();
    expect(report.protocol).toBe("TLSv1.3");
    expect(report.cipher.name).toMatch(/^TLS_/);
    expect(report.cipher.bits).toBeGreaterThanOrEqual(128);
    expect(report.serverName).toBe("localhost");
    expect(report.sessionReused).toBe(false);
    expect(report.chain.map((entry) => entry.subject)).toEqual(["CN=localhost", "CN=sslkit test intermediate"]);
    expect(report.verification).toMatchObject({ ok: true, verifyCode: 0 });
    expect(report.hostname).toEqual({ name: "localhost", ok: true, error: null });
    expect(report.ok).toBe(true);
    expect(server?.output()).toMatch(/ACCEPT/);
  });

  it.each([
    ["1.2", "-tls1_2", "TLSv1.2"],
    ["1.3", "-tls1_3", "TLSv1.3"],
  ])("with --reconnect offers the first session again and reports that openssl s_server resumed it (TLS %s)", async (_version, flag, protocol) => {
    const port = await openssl(pki.server, flag);
    const { report, exitCode, stderr } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--reconnect"]);
    expect(stderr).toBe("");
    expect(exitCode).toBeUndefined();
    expect(report.protocol).toBe(protocol);
    expect(report.sessionReused).toBe(false);
    expect(report.reconnect).toEqual({ sessionOffered: true, sessionReused: true, protocol });
    // openssl s_server counts the resumed handshake too.
    expect(server?.output()).toMatch(/Reused session-id|Reused, TLSv1/);
  });

  it("with --reconnect reports no reuse when a TLS 1.3 server sends no session ticket", async () => {
    const port = await openssl(pki.server, "-tls1_3", "-num_tickets", "0");
    const { report, stdout } = await (async () => {
      const json = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--reconnect"]);
      const text = await runCLI(["connect", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--reconnect"]);
      return { report: json.report, stdout: text.stdout };
    })();
    expect(report.reconnect).toEqual({ sessionOffered: false, sessionReused: false, protocol: "TLSv1.3" });
    expect(stdout).toMatch(/reconnect: +session reused: no \(the server sent no resumable session to offer\)/);
  });

  it("prints the reuse of --reconnect in the readable report", async () => {
    const port = await openssl(pki.server);
    const { stdout, exitCode } = await runCLI(["connect", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--reconnect"]);
    expect(stdout).toMatch(/session reused: +no/);
    expect(stdout).toMatch(/reconnect: +session reused: (✔ )?yes/);
    expect(exitCode).toBeUndefined();
  });

  it("runs from the built binary as a user runs it, without colour when piped", async () => {
    const port = await openssl(pki.server);
    const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
    const result = await runProcess(process.execPath, [bin, "connect", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath]);
    expect(result.stderr).toBe("");
    expect(result.stdout.toString()).toContain("chain verified (verify code 0)");
    expect(result.stdout.toString()).not.toContain("\u001b[");
    expect(result.status).toBe(0);
  });

  it("prints a readable report with the verdict in words", async () => {
    const port = await openssl(pki.server);
    const { stdout, exitCode } = await runCLI(["connect", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath]);
    expect(stdout).toContain(`Connected to 127.0.0.1:${port}`);
    expect(stdout).toMatch(/protocol: +TLSv1\.3/);
    expect(stdout).toMatch(/SNI: +none/);
    expect(stdout).toContain("chain verified (verify code 0)");
    expect(stdout).toContain("certificate is valid for 127.0.0.1");
    expect(exitCode).toBeUndefined();
  });

  it("negotiates within --max-tls, with --ciphers and the ALPN protocol the server picks", async () => {
    const port = await openssl(pki.server, "-alpn", "h2,http/1.1");
    const { report, exitCode } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--max-tls", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256", "--alpn", "http/1.1"]);
    expect(report.protocol).toBe("TLSv1.2");
    expect(report.cipher.name).toBe("ECDHE-ECDSA-AES128-GCM-SHA256");
    expect(report.alpn).toBe("http/1.1");
    expect(exitCode).toBeUndefined();
  });

  it("presents a client certificate with --cert and --key to a server that requires one", async () => {
    const port = await openssl(pki.server, "-Verify", "1", "-CAfile", pki.ca.certPath, "-verify_return_error");
    const { report, exitCode } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--max-tls", "1.2", "--cert", pki.client.certPath, "--key", pki.client.keyPath]);
    expect(report.ok).toBe(true);
    expect(exitCode).toBeUndefined();
    expect(server?.output()).toContain("sslkit client");
  });

  it("fails with verify code 18 for a self-signed certificate, and exits 0 with --insecure", async () => {
    const port = await openssl(pki.selfSigned);
    const failed = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath]);
    expect(failed.report.verification).toMatchObject({ ok: false, verifyCode: 18, verifyMessage: "self-signed certificate" });
    expect(failed.exitCode).toBe(1);
    const insecure = await runCLI(["connect", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--insecure"]);
    expect(insecure.stdout).toContain("verification failed at depth 0: self-signed certificate (verify code 18)");
    expect(insecure.stdout).toContain("--insecure");
    expect(insecure.exitCode).toBeUndefined();
  });

  it("fails the host name check for a certificate issued to another name", async () => {
    const port = await openssl(pki.server);
    const { report, exitCode } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--servername", "other.example"]);
    expect(report.verification).toMatchObject({ ok: true, verifyCode: 0 });
    expect(report.hostname.ok).toBe(false);
    expect(report.hostname.error).toMatch(/other\.example/);
    expect(report.ok).toBe(false);
    expect(exitCode).toBe(1);
  });

  it("fails with verify code 10 and an expiry warning for an expired certificate", async () => {
    const port = await openssl(pki.expired);
    const { report, exitCode } = await connectJSON([`127.0.0.1:${port}`, "--cafile", pki.ca.certPath, "--servername", "localhost"]);
    expect(report.verification).toMatchObject({ ok: false, verifyCode: 10, verifyMessage: "certificate has expired" });
    expect(report.warnings.join("\n")).toMatch(/certificate 0 \(CN=localhost\) expired \d+ days ago/);
    expect(exitCode).toBe(1);
  });

  it("trusts CAs found in a --capath hashed directory", async () => {
    const port = await openssl(pki.server);
    const caCert = loadCertificates(new TextEncoder().encode(pki.ca.cert))[0];
    if (caCert === undefined) throw new Error("no CA certificate");
    mkdirSync(pki.dir.file("capath"), { recursive: true });
    writeFileSync(pki.dir.file(`capath/${caCert.subjectNameHash.toString(16).padStart(8, "0")}.0`), pki.ca.cert);
    const { report, exitCode } = await connectJSON([`127.0.0.1:${port}`, "--capath", pki.dir.file("capath")]);
    expect(report.verification.verifyCode).toBe(0);
    expect(exitCode).toBeUndefined();
  });

  it.each([
    ["smtp", "220 mail.test ESMTP\r\n", [{ expect: /^EHLO /, reply: "250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n" }, { expect: /^STARTTLS$/, reply: "220 2.0.0 Ready to start TLS\r\n" }]],
    ["imap", "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n", [{ expect: /^a001 STARTTLS$/, reply: "a001 OK Begin TLS negotiation now\r\n" }]],
    ["pop3", "+OK POP3 ready\r\n", [{ expect: /^STLS$/, reply: "+OK Begin TLS negotiation\r\n" }]],
    ["ftp", "220-Welcome\r\n220 FTP ready\r\n", [{ expect: /^AUTH TLS$/, reply: "234 AUTH TLS successful\r\n" }]],
    ["postgres", null, [{ expect: 8, reply: "S" }]],
  ] as const)("upgrades in-band with --starttls %s before the handshake", async (protocol, greeting, script) => {
    const port = await startFakeServer(greeting, script);
    const { report, exitCode, stderr } = await connectJSON([`127.0.0.1:${port}`, "--starttls", protocol, "--cafile", pki.ca.certPath, "--servername", "localhost"]);
    expect(stderr).toBe("");
    expect(report.starttls).toBe(protocol);
    expect(report.chain[0]?.subject).toBe("CN=localhost");
    expect(report.ok).toBe(true);
    expect(exitCode).toBeUndefined();
  });

  it("sends PostgreSQL's 8-byte SSLRequest exactly", async () => {
    let request: Buffer | undefined;
    fake = await startTCPServer((connection) => {
      connection.once("data", (chunk) => {
        request = chunk;
        connection.end("N");
      });
    });
    const { port } = fake;
    const { stderr, exitCode } = await runCLI(["connect", `127.0.0.1:${port}`, "--starttls", "postgres"]);
    expect(request?.toString("hex")).toBe("0000000804d2162f");
    expect(stderr).toMatch(/^sslkit: error: postgres: the server refused SSLRequest/);
    expect(exitCode).toBe(1);
  });

  it("fails with a clear message when an SMTP server does not offer STARTTLS", async () => {
    const port = await startFakeServer("220 mail.test ESMTP\r\n", [{ expect: /^EHLO /, reply: "250-mail.test\r\n250 PIPELINING\r\n" }, { expect: /^never$/, reply: "" }]);
    const { stderr, exitCode } = await runCLI(["connect", `127.0.0.1:${port}`, "--starttls", "smtp"]);
    expect(stderr).toBe("sslkit: error: smtp: the server does not offer STARTTLS\n");
    expect(exitCode).toBe(1);
  });

  it("exits 3 when the connection is refused", async () => {
    const { stderr, exitCode } = await runCLI(["connect", await closedPort()]);
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(exitCode).toBe(3);
  });

  it.each([
    [["127.0.0.1:1", "--starttls", "xmpp"], "--starttls must be one of smtp, imap, pop3, ftp, postgres"],
    [["127.0.0.1:1", "--min-tls", "2.0"], "--min-tls must be 1.0, 1.1, 1.2 or 1.3"],
    [["127.0.0.1:1", "--key", "client.key"], "--key needs --cert"],
    [["no-port"], "expected host:port"],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const { stderr, exitCode } = await runCLI(["connect", ...args]);
    expect(stderr).toContain(message);
    expect(exitCode).toBe(2);
  });
});
