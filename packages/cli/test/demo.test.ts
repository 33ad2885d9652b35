import { afterEach, describe, expect, it, vi } from "vitest";
import { runCLI } from "./run-cli.js";
import { makeTempDir, readSystemCABundle } from "@sslkit/test-utils";
import { writeFileSync } from "node:fs";

async function runDemo(args: string[]): Promise<{ stdout: string; exitCode: number | string | undefined }> {
  return runCLI(["demo", ...args]);
}

interface DemoJSON {
  ok: boolean;
  pem: { blocks: number; labels: Record<string, number>; roundTrip: { intact: number; of: number } };
  x509: {
    peerCert: { subject: unknown; subjectAltName: unknown; version: number };
    verifyChain: { ok: boolean; verifyCode: number };
    matchHostname: Record<string, string>;
  };
  tls: {
    version: string;
    cipher: [string, string, number];
    peerSubject: unknown;
    echo: string;
    throughput: { sha256Match: boolean };
    unwrap: { cleartextReply: string };
    wrongHostname: { refused: boolean; verifyCode: number };
  };
}

describe("sslkit demo", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads the system CA bundle and proves every certificate survives the round trip", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const { stdout, exitCode } = await runDemo(["--json"]);
    const report = JSON.parse(stdout) as DemoJSON;
    const expected = (bundle.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
    expect(report.ok).toBe(true);
    expect(report.pem.blocks).toBe(expected);
    expect(report.pem.roundTrip).toEqual({ intact: expected, of: expected });
    expect(exitCode).toBe(0);
  });

  it("creates a CA and a server certificate, decodes it as CPython does and verifies the chain", async () => {
    const { stdout } = await runDemo(["--json", "--bundle", "/nonexistent/bundle.pem"]);
    const { x509 } = JSON.parse(stdout) as DemoJSON;
    expect(x509.peerCert.subject).toEqual([[["commonName", "localhost"]]]);
    expect(x509.peerCert.subjectAltName).toEqual([["DNS", "localhost"], ["IP Address", "127.0.0.1"]]);
    expect(x509.peerCert.version).toBe(3);
    expect(x509.verifyChain).toMatchObject({ ok: true, verifyCode: 0 });
    expect(x509.matchHostname.localhost).toBe("ok");
    expect(x509.matchHostname["example.com"]).toMatch(/doesn't match/);
  });

  it("serves TLS on 127.0.0.1 and connects with full verification, bulk data and a STARTTLS unwrap", async () => {
    const { stdout, exitCode } = await runDemo(["--json", "--bundle", "/nonexistent/bundle.pem"]);
    const { tls } = JSON.parse(stdout) as DemoJSON;
    expect(tls.version).toBe("TLSv1.3");
    expect(tls.cipher[2]).toBeGreaterThanOrEqual(128);
    expect(tls.peerSubject).toEqual([[["commonName", "localhost"]]]);
    expect(tls.echo).toBe("echo: hello over TLS");
    expect(tls.throughput.sha256Match).toBe(true);
    expect(tls.unwrap.cleartextReply).toBe("cleartext ack: STARTTLS is over");
    expect(tls.wrongHostname).toMatchObject({ refused: true, verifyCode: 62 });
    expect(exitCode).toBe(0);
  });

  it("falls back to its bundled sample when there is no CA bundle", async () => {
    const { stdout } = await runDemo(["--json", "--bundle", "/nonexistent/bundle.pem"]);
    const report = JSON.parse(stdout) as DemoJSON & { pem: { bundle: string } };
    expect(report.pem.bundle).toMatch(/^bundled sample/);
    expect(report.pem.labels).toEqual({ CERTIFICATE: 3 });
    expect(report.ok).toBe(true);
  });

  it("prints a readable report without colour when not on a terminal", async () => {
    vi.stubEnv("NO_COLOR", "1");
    const { stdout } = await runDemo([]);
    expect(stdout).toMatch(/Blocks: +\d+/);
    expect(stdout).toMatch(/✔ round trip: \d+\/\d+ certificates survive/);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it("fails with exit code 1 on a bundle without certificates", async () => {
    const dir = makeTempDir();
    try {
      writeFileSync(dir.file("keys.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
      const { stdout, exitCode } = await runDemo(["--json", "--bundle", dir.file("keys.pem")]);
      expect((JSON.parse(stdout) as DemoJSON).ok).toBe(false);
      expect(exitCode).toBe(1);
    } finally {
      dir.remove();
    }
  });
});
