import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeTestPKI, runOpenSSL, startOpenSSLServer, startTCPServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TCPServer, TestPKI } from "@sslkit/test-utils";
import { closedPort } from "./closed-port.js";
import { runCLI } from "./run-cli.js";

let pki: TestPKI;
let server: OpenSSLServer | undefined;
let silent: TCPServer | undefined;

beforeAll(() => {
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await silent?.close();
  silent = undefined;
});

/** An `openssl s_server` with `identity`; with `sni`, a second certificate for that SNI name. */
async function startServer(identity: { certPath: string; keyPath: string }, sni?: { name: string; certPath: string; keyPath: string }): Promise<number> {
  const extra = sni === undefined ? [] : ["-servername", sni.name, "-cert2", sni.certPath, "-key2", sni.keyPath];
  server = await startOpenSSLServer(["-cert", identity.certPath, "-key", identity.keyPath, ...extra]);
  return server.port;
}

describe("sslkit get-cert", () => {
  it("prints the server's certificate as the PEM openssl reads back identically", async () => {
    const port = await startServer(pki.server);
    const { stdout, stderr, exitCode } = await runCLI(["get-cert", `127.0.0.1:${port}`]);
    expect(stderr).toBe("");
    expect(exitCode).toBeUndefined();
    expect(stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    const ours = await runOpenSSL(["x509", "-noout", "-fingerprint", "-sha256"], stdout);
    const theirs = await runOpenSSL(["x509", "-noout", "-fingerprint", "-sha256", "-in", pki.server.certPath]);
    expect(ours.toString()).toBe(theirs.toString());
  });

  it("sends --servername as SNI and gets that name's certificate", async () => {
    const port = await startServer(pki.server, { name: "other.example", ...pki.wrongHost });
    const { stdout, exitCode } = await runCLI(["get-cert", `127.0.0.1:${port}`, "--servername", "other.example"]);
    expect(exitCode).toBeUndefined();
    const subject = await runOpenSSL(["x509", "-noout", "-ext", "subjectAltName"], stdout);
    expect(subject.toString()).toContain("DNS:other.example");
  });

  it("verifies against --cafile and succeeds for a certificate the CA issued", async () => {
    const port = await startServer(pki.server);
    const { stdout, exitCode } = await runCLI(["get-cert", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath]);
    expect(exitCode).toBeUndefined();
    expect(stdout).toContain("-----BEGIN CERTIFICATE-----");
  });

  it("exits 1 with the verify error when --cafile does not trust the certificate", async () => {
    const port = await startServer(pki.selfSigned);
    const { stdout, stderr, exitCode } = await runCLI(["get-cert", `127.0.0.1:${port}`, "--cafile", pki.ca.certPath]);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^sslkit: SSLCertVerificationError ERR_SSLKIT_\w+: .*self.signed/i);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(exitCode).toBe(1);
  });

  it("exits 3 when the connection is refused", async () => {
    const { stderr, exitCode } = await runCLI(["get-cert", await closedPort()]);
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(exitCode).toBe(3);
  });

  it("exits 3 when the server never answers within --timeout", async () => {
    silent = await startTCPServer();
    const { port } = silent;
    const { stderr, exitCode } = await runCLI(["get-cert", `127.0.0.1:${port}`, "--timeout", "0.3"]);
    expect(stderr).toMatch(/^sslkit: error: 127\.0\.0\.1:\d+: .*tim/i);
    expect(exitCode).toBe(3);
  });

  it.each([["localhost"], ["localhost:http"], ["localhost:70000"], ["[::1]"]])("exits 2 on the malformed address %j", async (address) => {
    const { stderr, exitCode } = await runCLI(["get-cert", address]);
    expect(stderr).toMatch(/^sslkit: error: (expected host:port|port out of range)/);
    expect(exitCode).toBe(2);
  });

  it("exits 2 on a --timeout that is not a positive number", async () => {
    const { stderr, exitCode } = await runCLI(["get-cert", "127.0.0.1:1", "--timeout", "soon"]);
    expect(stderr).toContain("--timeout must be a positive number");
    expect(exitCode).toBe(2);
  });
});
