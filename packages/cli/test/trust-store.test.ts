import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdirSync, symlinkSync } from "node:fs";
import { makeTestPKI, runOpenSSL, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TestPKI } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

let pki: TestPKI;
let server: OpenSSLServer;
let address: string;

beforeAll(async () => {
  pki = makeTestPKI();
  server = await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath]);
  address = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  pki.dir.remove();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Runs verify, connect and scan on the test server's chain and returns each one's verify code. */
async function verifyCodes(extra: readonly string[]): Promise<{ command: string; verifyCode: unknown; stderr: string; exitCode: unknown }[]> {
  const verify = await runCLI(["verify", pki.server.certPath, "--json", ...extra]);
  const connect = await runCLI(["connect", address, "--json", ...extra]);
  const scan = await runCLI(["scan", address, "--json", ...extra]);
  const code = (stdout: string, pick: (json: never) => unknown): unknown => (stdout === "" ? undefined : pick(JSON.parse(stdout) as never));
  return [
    { command: "verify", verifyCode: code(verify.stdout, (json: { verifyCode: number }) => json.verifyCode), stderr: verify.stderr, exitCode: verify.exitCode },
    { command: "connect", verifyCode: code(connect.stdout, (json: { verification: { verifyCode: number } }) => json.verification.verifyCode), stderr: connect.stderr, exitCode: connect.exitCode },
    { command: "scan", verifyCode: code(scan.stdout, (json: { results: { verifyCode: number }[] }) => json.results[0]?.verifyCode), stderr: scan.stderr, exitCode: scan.exitCode },
  ];
}

describe("trust anchors of verify, connect and scan", () => {
  it("trust $SSL_CERT_FILE when neither --cafile nor --capath is given", async () => {
    vi.stubEnv("SSL_CERT_FILE", pki.ca.certPath);
    for (const run of await verifyCodes([])) expect(run, run.command).toMatchObject({ verifyCode: 0, stderr: "" });
  });

  it("trust nothing and warn on stderr (not an error) when the default bundle is missing", async () => {
    const missing = pki.dir.file("no-such-bundle.pem");
    vi.stubEnv("SSL_CERT_FILE", missing);
    const runs = await verifyCodes([]);
    for (const run of runs) {
      expect(run, run.command).toMatchObject({ verifyCode: 20, exitCode: 1 });
      expect(run.stderr, run.command).toBe(`sslkit: warning: no default CA bundle at ${missing} ($SSL_CERT_FILE): no certificate is trusted; use --cafile or --capath\n`);
    }
  });

  it("do not read the default bundle when --cafile is given", async () => {
    vi.stubEnv("SSL_CERT_FILE", pki.dir.file("no-such-bundle.pem"));
    for (const run of await verifyCodes(["--cafile", pki.ca.certPath])) expect(run, run.command).toMatchObject({ verifyCode: 0, stderr: "" });
  });

  it("exit 3 naming the file when --cafile is missing", async () => {
    const missing = pki.dir.file("no-such-ca.pem");
    for (const run of await verifyCodes(["--cafile", missing])) {
      expect(run, run.command).toMatchObject({ exitCode: 3, verifyCode: undefined });
      expect(run.stderr, run.command).toMatch(/^sslkit: Error: ENOENT: no such file or directory, open '.*no-such-ca\.pem'\n$/);
    }
  });

  it("look issuers up in an OpenSSL hashed directory with --capath, without the default bundle", async () => {
    vi.stubEnv("SSL_CERT_FILE", pki.dir.file("no-such-bundle.pem"));
    const dir = pki.dir.file("hashed");
    mkdirSync(dir, { recursive: true });
    const hash = (await runOpenSSL(["x509", "-hash", "-noout", "-in", pki.ca.certPath])).toString().trim();
    symlinkSync(pki.ca.certPath, `${dir}/${hash}.0`);
    for (const run of await verifyCodes(["--capath", dir])) expect(run, run.command).toMatchObject({ verifyCode: 0, stderr: "" });
    const empty = pki.dir.file("empty-hashed");
    mkdirSync(empty, { recursive: true });
    for (const run of await verifyCodes(["--capath", empty])) expect(run, run.command).toMatchObject({ verifyCode: 20, stderr: "" });
  });
});
