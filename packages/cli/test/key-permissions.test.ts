import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, makeTestPKI, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TempDir, TestPKI } from "@sslkit/test-utils";
import { keyPermissionWarning } from "../src/lib/key-permissions.js";
import { runCLI } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let pki: TestPKI;
let dir: TempDir;
let server: OpenSSLServer;

beforeAll(async () => {
  pki = makeTestPKI();
  dir = makeTempDir("sslkit-cli-keys-");
  server = await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath, "-Verify", "1", "-CAfile", pki.ca.certPath]);
});

afterAll(async () => {
  await server.close();
  pki.dir.remove();
  dir.remove();
});

/** A copy of `source` with the given mode. */
function keyWithMode(source: string, mode: number): string {
  const path = dir.file(`key-${mode.toString(8)}-${Math.random().toString(36).slice(2)}.pem`);
  copyFileSync(source, path);
  chmodSync(path, mode);
  return path;
}

describe("keyPermissionWarning", () => {
  it.each([
    ["0600", undefined],
    ["0400", undefined],
    ["0640", "its group (mode 0640)"],
    ["0604", "other users (mode 0604)"],
    ["0644", "its group and other users (mode 0644)"],
    ["0660", "its group (mode 0660)"],
    ["0777", "its group and other users (mode 0777)"],
  ])("judges a key file of mode %s", (mode, expected) => {
    const path = keyWithMode(pki.client.keyPath, parseInt(mode, 8));
    const warning = keyPermissionWarning(path);
    if (expected === undefined) expect(warning).toBeUndefined();
    else expect(warning).toBe(`private key file ${path} is accessible to ${expected}; restrict it with \`chmod 600 ${path}\``);
  });

  it("says nothing about a file it cannot inspect (reading it reports the error)", () => {
    expect(keyPermissionWarning(dir.file("missing.pem"))).toBeUndefined();
  });
});

describe("commands that read a private key", () => {
  it("connect --key warns on stderr about a world-readable client key and still connects", async () => {
    const key = keyWithMode(pki.client.keyPath, 0o644);
    const run = await runCLI(["connect", `127.0.0.1:${server.port}`, "--cafile", pki.ca.certPath, "--cert", pki.client.certPath, "--key", key, "--json"]);
    expect(run.stderr).toContain(`sslkit: warning: private key file ${key} is accessible to its group and other users (mode 0644)`);
    expect(run.exitCode ?? 0).toBe(0);
  });

  it("connect --key is silent about a key of mode 0600", async () => {
    const key = keyWithMode(pki.client.keyPath, 0o600);
    const run = await runCLI(["connect", `127.0.0.1:${server.port}`, "--cafile", pki.ca.certPath, "--cert", pki.client.certPath, "--key", key, "--json"]);
    expect(run.stderr).not.toContain("warning");
  });

  it("connect --cert warns about a certificate file that holds a group-readable key", async () => {
    const combined = dir.file("client-combined.pem");
    writeFileSync(combined, readFileSync(pki.client.certPath, "utf8") + readFileSync(pki.client.keyPath, "utf8"), { mode: 0o640 });
    chmodSync(combined, 0o640);
    const run = await runCLI(["connect", `127.0.0.1:${server.port}`, "--cafile", pki.ca.certPath, "--cert", combined, "--json"]);
    expect(run.stderr).toContain(`private key file ${combined} is accessible to its group (mode 0640)`);
  });

  it("serve warns on stderr before it listens when its key is readable by others", async () => {
    const key = keyWithMode(pki.server.keyPath, 0o604);
    const child = spawn(process.execPath, [bin, "serve", "--cert", pki.server.certPath, "--key", key, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => { if (chunk.includes('"listening"')) resolve(); });
        child.once("exit", () => { reject(new Error(`serve exited: ${stderr}`)); });
      });
      expect(stderr).toContain(`sslkit: warning: private key file ${key} is accessible to other users (mode 0604)`);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("create cert warns when the local CA's key is group-readable", async () => {
    const caDir = dir.file("ca");
    expect((await runCLI(["create", "ca", "--dir", caDir])).exitCode ?? 0).toBe(0);
    const quiet = await runCLI(["create", "cert", "quiet.example", "--dir", caDir, "--cert-file", dir.file("quiet.pem"), "--key-file", dir.file("quiet-key.pem")]);
    expect(quiet.stderr).not.toContain("warning");
    chmodSync(dir.file("ca/rootCA-key.pem"), 0o640);
    const warned = await runCLI(["create", "cert", "loud.example", "--dir", caDir, "--cert-file", dir.file("loud.pem"), "--key-file", dir.file("loud-key.pem")]);
    expect(warned.stderr).toContain(`private key file ${dir.file("ca/rootCA-key.pem")} is accessible to its group (mode 0640)`);
    expect(warned.exitCode ?? 0).toBe(0);
  });
});
