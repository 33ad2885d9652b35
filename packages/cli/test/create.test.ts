import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync, statSync, existsSync } from "node:fs";
import { Certificate } from "@sslkit/x509";
import { makeTempDir, runOpenSSL } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

let dir: TempDir;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  dir.remove();
});

const caDir = () => dir.file("ca");

describe("sslkit create ca", () => {
  it("writes a CA certificate and a private key readable only by its owner", async () => {
    const { exitCode } = await runCLI(["create", "ca", "--dir", caDir(), "--name", "Test Local CA"]);
    expect(exitCode).toBeUndefined();
    const ca = new Certificate(readFileSync(dir.file("ca/rootCA.pem"), "utf8"));
    expect(ca.subjectString).toContain("CN=Test Local CA");
    expect(ca.isCA).toBe(true);
    expect(statSync(dir.file("ca/rootCA-key.pem")).mode & 0o777).toBe(0o600);
  });

  it("refuses to replace an existing CA without --force", async () => {
    await runCLI(["create", "ca", "--dir", caDir()]);
    const before = readFileSync(dir.file("ca/rootCA.pem"), "utf8");
    const again = await runCLI(["create", "ca", "--dir", caDir()]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(dir.file("ca/rootCA.pem"), "utf8")).toBe(before);
    const forced = await runCLI(["create", "ca", "--dir", caDir(), "--force"]);
    expect(forced.exitCode).toBeUndefined();
    expect(readFileSync(dir.file("ca/rootCA.pem"), "utf8")).not.toBe(before);
  });

  it("rejects an unknown key type with exit code 2", async () => {
    expect((await runCLI(["create", "ca", "--dir", caDir(), "--key-type", "dsa-1024"])).exitCode).toBe(2);
    expect(existsSync(dir.file("ca/rootCA.pem"))).toBe(false);
  });
});

describe("sslkit create cert", () => {
  it("makes a certificate for names and addresses that openssl verifies against the CA", async () => {
    await runCLI(["create", "ca", "--dir", caDir()]);
    const certFile = dir.file("site.pem");
    const keyFile = dir.file("site-key.pem");
    const { exitCode } = await runCLI(["create", "cert", "example.test", "127.0.0.1", "::1", "--dir", caDir(), "--cert-file", certFile, "--key-file", keyFile]);
    expect(exitCode).toBeUndefined();
    const cert = new Certificate(readFileSync(certFile, "utf8"));
    expect(cert.toDict().subjectAltName).toEqual([
      ["DNS", "example.test"],
      ["IP Address", "127.0.0.1"],
      ["IP Address", "0:0:0:0:0:0:0:1"],
    ]);
    expect(cert.extKeyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const verified = await runOpenSSL(["verify", "-CAfile", dir.file("ca/rootCA.pem"), "-purpose", "sslserver", certFile]);
    expect(verified.toString()).toContain(": OK");
  });

  it("makes client certificates with --client", async () => {
    await runCLI(["create", "ca", "--dir", caDir()]);
    await runCLI(["create", "cert", "alice@example.test", "--client", "--dir", caDir(), "--cert-file", dir.file("alice.pem"), "--key-file", dir.file("alice-key.pem")]);
    const cert = new Certificate(readFileSync(dir.file("alice.pem"), "utf8"));
    expect(cert.extKeyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(cert.toDict().subjectAltName).toEqual([["email", "alice@example.test"]]);
  });

  it("explains what to do when there is no local CA", async () => {
    const { exitCode, stderr } = await runCLI(["create", "cert", "x.test", "--dir", caDir(), "--cert-file", dir.file("x.pem"), "--key-file", dir.file("x-key.pem")]);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/sslkit create ca/);
  });

  it("rejects a validity outside 1..36500 days with exit code 2", async () => {
    await runCLI(["create", "ca", "--dir", caDir()]);
    expect((await runCLI(["create", "cert", "x.test", "--dir", caDir(), "--days", "0", "--cert-file", dir.file("x.pem"), "--key-file", dir.file("x-key.pem")])).exitCode).toBe(2);
  });
});
