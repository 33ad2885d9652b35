import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTestPKI, runOpenSSL, runProcess } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

let pki: TestPKI;
let round = 0;

beforeAll(() => {
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

/** Two directories with the same files: one for `openssl rehash`, one for `sslkit rehash`. */
function twinDirectories(files: Readonly<Record<string, string>>): [string, string] {
  round++;
  const dirs = [pki.dir.file(`openssl-${round}`), pki.dir.file(`sslkit-${round}`)] as [string, string];
  for (const dir of dirs) {
    mkdirSync(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  }
  return dirs;
}

/** Every entry of a directory: `name -> target` for symbolic links, the name otherwise. */
function listing(dir: string): string[] {
  return readdirSync(dir).sort().map((name) => (lstatSync(join(dir, name)).isSymbolicLink() ? `${name} -> ${readlinkSync(join(dir, name))}` : name));
}

async function opensslRehash(dir: string): Promise<void> {
  const result = await runProcess("openssl", ["rehash", dir]);
  expect(result.status, result.stderr).toBe(0);
}

describe("sslkit rehash", () => {
  it("makes the same links as `openssl rehash`: hash collisions numbered in name order, duplicates and bundles skipped", async () => {
    // server, expired and self-signed all have the subject CN=localhost: one hash, three links.
    const [reference, ours] = twinDirectories({
      "ca.pem": pki.ca.cert,
      "ca-copy.PEM": pki.ca.cert,
      "intermediate.crt": pki.intermediate.cert,
      "server.pem": pki.server.cert,
      "expired.cer": pki.expired.cert,
      "self-signed.pem": pki.selfSigned.cert,
      "bundle.pem": `${pki.client.cert}${pki.wrongHost.cert}`,
      "client.txt": pki.client.cert,
      "README": "not a certificate",
    });
    await opensslRehash(reference);
    const { stdout, stderr, exitCode } = await runCLI(["rehash", ours]);
    expect(exitCode).toBeUndefined();
    expect(listing(ours)).toEqual(listing(reference));
    const localhost = (await runOpenSSL(["x509", "-hash", "-noout", "-in", pki.server.certPath])).toString().trim();
    expect(listing(ours)).toEqual(expect.arrayContaining([`${localhost}.0 -> expired.cer`, `${localhost}.1 -> self-signed.pem`, `${localhost}.2 -> server.pem`]));
    expect(stderr).toBe([
      `sslkit: warning: ${ours}: skipping bundle.pem, it does not contain exactly one certificate or CRL`,
      `sslkit: warning: ${ours}: skipping ca.pem, duplicate certificate`,
      "",
    ].join("\n"));
    expect(stdout).toContain(`  ${localhost}.2 -> server.pem\n`);
  });

  it("keeps existing links, fills free numbers and removes stale links as `openssl rehash` does on a second run", async () => {
    const [reference, ours] = twinDirectories({ "a-server.pem": pki.server.cert, "b-expired.pem": pki.expired.cert, "c-self-signed.pem": pki.selfSigned.cert, "ca.pem": pki.ca.cert });
    // Both start from openssl's links; then a file goes, one comes, and one stops being a certificate.
    await opensslRehash(reference);
    await opensslRehash(ours);
    for (const dir of [reference, ours]) {
      rmSync(join(dir, "a-server.pem"));
      copyFileSync(pki.chainedServer.certPath, join(dir, "0-chained.pem"));
      writeFileSync(join(dir, "ca.pem"), "no longer a certificate");
    }
    await opensslRehash(reference);
    const { stdout, exitCode } = await runCLI(["rehash", ours, "--json"]);
    expect(exitCode).toBeUndefined();
    expect(listing(ours)).toEqual(listing(reference));
    const [result] = JSON.parse(stdout) as { directory: string; links: { link: string; target: string; kept: boolean }[]; removed: string[] }[];
    expect(result?.directory).toBe(ours);
    const hash = (await runOpenSSL(["x509", "-hash", "-noout", "-in", pki.server.certPath])).toString().trim();
    // As OpenSSL 3.0 does: numbers 0-2 are in range for three CN=localhost certificates, so the
    // link to the deleted a-server.pem stays, and the new certificate takes the next free number.
    expect(result?.links).toEqual([
      { link: `${hash}.0`, target: "a-server.pem", kept: true },
      { link: `${hash}.1`, target: "b-expired.pem", kept: true },
      { link: `${hash}.2`, target: "c-self-signed.pem", kept: true },
      { link: `${hash}.3`, target: "0-chained.pem", kept: false },
    ]);
    const caHash = (await runOpenSSL(["x509", "-hash", "-noout", "-in", pki.ca.certPath])).toString().trim();
    expect(result?.removed).toEqual([`${caHash}.0`]);
  });

  it("makes a directory that verify --capath finds the issuer in", async () => {
    const [, ours] = twinDirectories({ "root.pem": pki.ca.cert });
    await runCLI(["rehash", ours]);
    const { stdout, exitCode } = await runCLI(["verify", pki.server.certPath, "--capath", ours, "--json"]);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, verifyCode: 0 });
  });

  it("exits 3 for a missing directory", async () => {
    const { stderr, exitCode } = await runCLI(["rehash", pki.dir.file("no-such-dir")]);
    expect(exitCode).toBe(3);
    expect(stderr).toMatch(/^sslkit: Error: ENOENT: no such file or directory, scandir '.*no-such-dir'\n$/);
  });
});
