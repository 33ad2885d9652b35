import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer as createTLSServer } from "node:tls";
import type { Server as TLSServer } from "node:tls";
import { writeFileSync } from "node:fs";
import { createCertificate, decodeCert } from "@sslkit/x509";
import type { CreateCertificateResult } from "@sslkit/x509";
import { makeTempDir, makeTestPKI, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TempDir, TestPKI } from "@sslkit/test-utils";
import { closedPort } from "./closed-port.js";
import { runCLI } from "./run-cli.js";

let dir: TempDir;
let ca: CreateCertificateResult;
let leaf: CreateCertificateResult;

beforeAll(async () => {
  dir = makeTempDir();
  ca = await createCertificate({ subject: { commonName: "Inspect Test CA" }, isCA: true });
  leaf = await createCertificate({ subject: { commonName: "leaf.test" }, issuer: ca, subjectAltNames: [{ type: "dns", value: "leaf.test" }] });
  writeFileSync(dir.file("leaf.pem"), leaf.certificate);
  writeFileSync(dir.file("leaf.der"), leaf.der);
  writeFileSync(dir.file("chain.pem"), `${leaf.certificate}${ca.certificate}`);
  writeFileSync(dir.file("reversed.pem"), `${ca.certificate}${leaf.certificate}`);
  writeFileSync(dir.file("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
});

afterAll(() => {
  dir.remove();
});

describe("sslkit inspect", () => {
  it("shows subject, issuer, validity in days, names and fingerprints", async () => {
    const { stdout, exitCode } = await runCLI(["inspect", dir.file("leaf.pem")]);
    expect(stdout).toContain("CN=leaf.test");
    expect(stdout).toContain("CN=Inspect Test CA");
    expect(stdout).toMatch(/valid for 36[45] more days/);
    expect(stdout).toContain("dns:leaf.test");
    expect(stdout).toMatch(/SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(exitCode).toBeUndefined();
  });

  it("reads DER as well as PEM", async () => {
    const { stdout } = await runCLI(["inspect", dir.file("leaf.der"), "--json"]);
    expect((JSON.parse(stdout) as { subject: string }[])[0]?.subject).toBe("CN=leaf.test");
  });

  it("prints CPython's getpeercert() dict with --dict", async () => {
    const { stdout } = await runCLI(["inspect", dir.file("leaf.pem"), "--dict"]);
    expect(JSON.parse(stdout)).toEqual([JSON.parse(JSON.stringify(decodeCert(leaf.certificate)))]);
  });

  it("confirms a chain in order with --chain", async () => {
    const { stdout, exitCode } = await runCLI(["inspect", dir.file("chain.pem"), "--chain"]);
    expect(stdout).toContain("chain order ok");
    expect(exitCode).toBeUndefined();
  });

  it("fails with exit code 1 on a chain out of order", async () => {
    const { stdout, exitCode } = await runCLI(["inspect", dir.file("reversed.pem"), "--chain", "--json"]);
    expect((JSON.parse(stdout) as { chainOrdered: boolean }).chainOrdered).toBe(false);
    expect(exitCode).toBe(1);
  });

  it("fails with exit code 3 when the file is missing", async () => {
    const { stderr, exitCode } = await runCLI(["inspect", dir.file("missing.pem")]);
    expect(stderr).toMatch(/ENOENT/);
    expect(exitCode).toBe(3);
  });

  it("fails with exit code 1 and the error code on a malformed certificate", async () => {
    const { stderr, exitCode } = await runCLI(["inspect", dir.file("garbage.pem")]);
    expect(stderr).toMatch(/^sslkit: X509Error ERR_SSLKIT_X509_/);
    expect(exitCode).toBe(1);
  });
});

describe("sslkit inspect host:port", () => {
  let pki: TestPKI;
  let server: OpenSSLServer | undefined;
  let v6Server: TLSServer | undefined;

  beforeAll(() => {
    pki = makeTestPKI();
  });

  afterAll(() => {
    pki.dir.remove();
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    const v6 = v6Server;
    v6Server = undefined;
    if (v6 !== undefined) await new Promise<void>((resolve) => v6.close(() => { resolve(); }));
  });

  it("shows the chain a server sends, leaf first, without verifying it", async () => {
    server = await startOpenSSLServer(["-cert", pki.chainedServer.certPath, "-key", pki.chainedServer.keyPath, "-cert_chain", pki.intermediate.certPath]);
    const { stdout, stderr, exitCode } = await runCLI(["inspect", `127.0.0.1:${server.port}`, "--chain"]);
    expect(stderr).toBe("");
    expect(stdout).toContain("Certificate 1 of 2");
    expect(stdout).toContain("CN=localhost");
    expect(stdout).toContain("CN=sslkit test intermediate");
    expect(stdout).toContain("chain order ok");
    expect(exitCode).toBeUndefined();
  });

  it("prints the server's certificates as CPython dicts with --dict", async () => {
    server = await startOpenSSLServer(["-cert", pki.selfSigned.certPath, "-key", pki.selfSigned.keyPath]);
    const { stdout, exitCode } = await runCLI(["inspect", `127.0.0.1:${server.port}`, "--dict"]);
    expect(JSON.parse(stdout)).toEqual([JSON.parse(JSON.stringify(decodeCert(pki.selfSigned.cert)))]);
    expect(exitCode).toBeUndefined();
  });

  it("connects to an IPv6 server written [v6]:port", async () => {
    const v6 = createTLSServer({ cert: pki.server.cert, key: pki.server.key }, (socket) => { socket.end(); });
    v6Server = v6;
    await new Promise<void>((resolve) => v6.listen(0, "::1", resolve));
    const { port } = v6.address() as { port: number };
    const { stdout, stderr, exitCode } = await runCLI(["inspect", `[::1]:${port}`, "--json"]);
    expect(stderr).toBe("");
    expect((JSON.parse(stdout) as { subject: string }[]).map((c) => c.subject)).toEqual(["CN=localhost"]);
    expect(exitCode).toBeUndefined();
  });

  it("reads a file named like host:port as a file", async () => {
    writeFileSync(dir.file("example.org:443"), leaf.certificate);
    const { stdout, exitCode } = await runCLI(["inspect", dir.file("example.org:443")]);
    expect(stdout).toContain("CN=leaf.test");
    expect(exitCode).toBeUndefined();
  });

  it("fails with exit code 3 when the server refuses the connection", async () => {
    const { stderr, exitCode } = await runCLI(["inspect", await closedPort()]);
    expect(stderr).toMatch(/^sslkit: \w+: .*ECONNREFUSED/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(exitCode).toBe(3);
  });

  it("fails with exit code 2 on a port out of range", async () => {
    const { stderr, exitCode } = await runCLI(["inspect", "[::1]:99999"]);
    expect(stderr).toContain("port out of range");
    expect(exitCode).toBe(2);
  });
});
