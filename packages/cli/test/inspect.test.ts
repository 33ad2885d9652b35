import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { createCertificate, decodeCert } from "@sslkit/x509";
import type { CreateCertificateResult } from "@sslkit/x509";
import { makeTempDir } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
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
