import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { createCertificate, Certificate } from "@sslkit/x509";
import type { CreateCertificateResult } from "@sslkit/x509";
import { makeTempDir, runOpenSSL } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

let dir: TempDir;
let root: CreateCertificateResult;
let intermediate: CreateCertificateResult;
let leaf: CreateCertificateResult;
let expired: CreateCertificateResult;

interface VerifyJSON {
  ok: boolean;
  verifyCode: number;
  verifyMessage: string;
  chain: string[];
}

beforeAll(async () => {
  dir = makeTempDir();
  const longAgo = { notBefore: new Date("2019-01-01T00:00:00Z"), notAfter: new Date("2040-01-01T00:00:00Z") };
  root = await createCertificate({ subject: { commonName: "Verify Root" }, isCA: true, validity: longAgo });
  intermediate = await createCertificate({ subject: { commonName: "Verify Intermediate" }, issuer: root, isCA: true, pathLength: 0, validity: longAgo });
  leaf = await createCertificate({ subject: { commonName: "www.verify.test" }, issuer: intermediate, subjectAltNames: [{ type: "dns", value: "www.verify.test" }] });
  expired = await createCertificate({
    subject: { commonName: "old.verify.test" },
    issuer: intermediate,
    subjectAltNames: [{ type: "dns", value: "old.verify.test" }],
    validity: { notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2021-01-01T00:00:00Z") },
  });
  writeFileSync(dir.file("root.pem"), root.certificate);
  writeFileSync(dir.file("intermediate.pem"), intermediate.certificate);
  writeFileSync(dir.file("leaf-chain.pem"), `${leaf.certificate}${intermediate.certificate}`);
  writeFileSync(dir.file("leaf.pem"), leaf.certificate);
  writeFileSync(dir.file("expired.pem"), `${expired.certificate}${intermediate.certificate}`);
  mkdirSync(dir.file("hashed"));
  const hash = new Certificate(root.certificate).subjectNameHash.toString(16).padStart(8, "0");
  writeFileSync(dir.file(`hashed/${hash}.0`), root.certificate);
});

afterAll(() => {
  dir.remove();
});

describe("sslkit verify", () => {
  it("accepts a chain that ends at a trusted root, as openssl verify does", async () => {
    const { stdout, exitCode } = await runCLI(["verify", dir.file("leaf-chain.pem"), "--cafile", dir.file("root.pem"), "--hostname", "www.verify.test", "--json"]);
    const result = JSON.parse(stdout) as VerifyJSON;
    expect(result).toMatchObject({ ok: true, verifyCode: 0 });
    expect(result.chain).toEqual(["CN=www.verify.test", "CN=Verify Intermediate", "CN=Verify Root"]);
    expect(exitCode).toBe(0);
    const openssl = await runOpenSSL(["verify", "-CAfile", dir.file("root.pem"), "-untrusted", dir.file("intermediate.pem"), dir.file("leaf.pem")]);
    expect(openssl.toString()).toContain(": OK");
  });

  it("takes intermediates from --untrusted", async () => {
    const { exitCode } = await runCLI(["verify", dir.file("leaf.pem"), "--untrusted", dir.file("intermediate.pem"), "--cafile", dir.file("root.pem")]);
    expect(exitCode).toBe(0);
  });

  it("finds the root in an OpenSSL hashed directory with --capath", async () => {
    const { stdout, exitCode } = await runCLI(["verify", dir.file("leaf-chain.pem"), "--capath", dir.file("hashed"), "--json"]);
    expect((JSON.parse(stdout) as VerifyJSON).ok).toBe(true);
    expect(exitCode).toBe(0);
  });

  it("reports OpenSSL's code 20 when the issuer is unknown", async () => {
    const { stdout, exitCode } = await runCLI(["verify", dir.file("leaf.pem"), "--cafile", dir.file("root.pem"), "--json"]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, verifyCode: 20, verifyMessage: "unable to get local issuer certificate" });
    expect(exitCode).toBe(1);
  });

  it("reports OpenSSL's code 10 for an expired certificate, and accepts it at a time it was valid", async () => {
    const now = await runCLI(["verify", dir.file("expired.pem"), "--cafile", dir.file("root.pem"), "--json"]);
    expect(JSON.parse(now.stdout)).toMatchObject({ ok: false, verifyCode: 10, verifyMessage: "certificate has expired" });
    const then = await runCLI(["verify", dir.file("expired.pem"), "--cafile", dir.file("root.pem"), "--at", "2020-06-01T00:00:00Z", "--json"]);
    expect(JSON.parse(then.stdout)).toMatchObject({ ok: true });
  });

  it("reports a hostname mismatch with code 62", async () => {
    const { stdout } = await runCLI(["verify", dir.file("leaf-chain.pem"), "--cafile", dir.file("root.pem"), "--hostname", "other.test"]);
    expect(stdout).toMatch(/verification failed at depth 0: .*\(verify code 62\)/);
  });

  it("rejects an unknown purpose and a bad time with exit code 2", async () => {
    expect((await runCLI(["verify", dir.file("leaf.pem"), "--purpose", "smime"])).exitCode).toBe(2);
    expect((await runCLI(["verify", dir.file("leaf.pem"), "--at", "yesterday-ish"])).exitCode).toBe(2);
  });
});
