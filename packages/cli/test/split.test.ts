import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeTestPKI, runOpenSSL, runProcess } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
let pki: TestPKI;
let bundle: string;

beforeAll(() => {
  pki = makeTestPKI();
  bundle = pki.dir.file("bundle.pem");
  // Text between blocks and a key are part of real bundles; only the certificates count.
  writeFileSync(bundle, `leaf\n${pki.chainedServer.cert}\nintermediate\n${pki.intermediate.cert}${pki.server.key}# root\n${pki.ca.cert}`);
});

afterAll(() => {
  pki.dir.remove();
});

describe("sslkit split", () => {
  it("writes one PEM file per certificate, in bundle order, each equal to openssl's rendering", async () => {
    const dir = pki.dir.file("out-pem");
    const { stdout, stderr, exitCode } = await runCLI(["split", bundle, "--dir", dir]);
    expect(stderr).toBe("");
    expect(exitCode).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(["cert-1.pem", "cert-2.pem", "cert-3.pem"]);
    const sources = [pki.chainedServer, pki.intermediate, pki.ca];
    for (const [index, source] of sources.entries()) {
      const written = readFileSync(`${dir}/cert-${index + 1}.pem`, "utf8");
      expect(written).toBe((await runOpenSSL(["x509", "-in", source.certPath])).toString());
    }
    expect(stdout.split("\n")).toEqual([
      expect.stringMatching(/cert-1\.pem +CN=localhost \(issuer CN=sslkit test intermediate\)$/),
      expect.stringMatching(/cert-2\.pem +CN=sslkit test intermediate \(issuer CN=sslkit test CA\)$/),
      expect.stringMatching(/cert-3\.pem +CN=sslkit test CA \(issuer CN=sslkit test CA\)$/),
      "",
    ]);
  });

  it("writes DER with --der and a prefix, reads stdin, and reports JSON", async () => {
    const dir = pki.dir.file("out-der");
    const result = await runProcess(process.execPath, [bin, "split", "-", "--dir", dir, "--der", "--prefix", "chain-", "--json"], { input: readFileSync(bundle) });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.toString()) as { file: string; subject: string; issuer: string; fingerprintSHA256: string }[];
    expect(report.map((entry) => [entry.file, entry.subject])).toEqual([
      [`${dir}/chain-1.der`, "CN=localhost"],
      [`${dir}/chain-2.der`, "CN=sslkit test intermediate"],
      [`${dir}/chain-3.der`, "CN=sslkit test CA"],
    ]);
    const der = await runOpenSSL(["x509", "-in", pki.ca.certPath, "-outform", "DER"]);
    expect(readFileSync(`${dir}/chain-3.der`).equals(der)).toBe(true);
    const fingerprint = (await runOpenSSL(["x509", "-in", pki.ca.certPath, "-noout", "-fingerprint", "-sha256"])).toString().trim().split("=")[1];
    expect(report[2]?.fingerprintSHA256).toBe(fingerprint);
  });

  it("writes nothing when a file exists, unless --force", async () => {
    const dir = pki.dir.file("out-existing");
    await runCLI(["split", bundle, "--dir", dir]);
    writeFileSync(`${dir}/cert-2.pem`, "keep me");
    const { stderr, exitCode } = await runCLI(["split", bundle, "--dir", dir]);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`sslkit: error: refusing to overwrite ${dir}/cert-1.pem, ${dir}/cert-2.pem, ${dir}/cert-3.pem (use --force)\n`);
    expect(readFileSync(`${dir}/cert-2.pem`, "utf8")).toBe("keep me");
    expect((await runCLI(["split", bundle, "--dir", dir, "--force"])).exitCode).toBeUndefined();
    expect(readFileSync(`${dir}/cert-2.pem`, "utf8")).toBe(pki.intermediate.cert);
  });

  it("exits 1 for a file without certificates, 2 for a path as --prefix, 3 for a missing file", async () => {
    writeFileSync(pki.dir.file("key-only.pem"), pki.server.key);
    const empty = await runCLI(["split", pki.dir.file("key-only.pem"), "--dir", pki.dir.file("never")]);
    expect(empty).toMatchObject({ exitCode: 1, stderr: `sslkit: error: split: no certificate in ${pki.dir.file("key-only.pem")}\n` });
    expect(existsSync(pki.dir.file("never"))).toBe(false);
    const prefix = await runCLI(["split", bundle, "--prefix", "../evil-"]);
    expect(prefix.exitCode).toBe(2);
    expect(prefix.stderr).toMatch(/--prefix must be a file name prefix, not a path/);
    expect((await runCLI(["split", pki.dir.file("missing.pem")])).exitCode).toBe(3);
  });
});
