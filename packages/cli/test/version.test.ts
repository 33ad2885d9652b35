import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runProcess, runPythonJSON } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

interface VersionJSON {
  openssl: string;
  opensslVersionInfo: number[];
  node: string;
  packages: Record<string, string>;
}

const packagesDirectory = fileURLToPath(new URL("../..", import.meta.url));
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/**
 * Every public `@sslkit/*` package of the workspace, read from disk (name → version), and the
 * `sslkit` meta-package when Node resolves it from this package (it depends on the CLI, so it
 * is installed next to it only in some layouts).
 */
function workspacePackages(): Record<string, string> {
  const result: Record<string, string> = {};
  for (const directory of readdirSync(packagesDirectory)) {
    const manifest = JSON.parse(readFileSync(`${packagesDirectory}/${directory}/package.json`, "utf8")) as { name: string; version: string; private?: boolean };
    if (manifest.private !== true && manifest.name.startsWith("@sslkit/")) result[manifest.name] = manifest.version;
  }
  try {
    const path = createRequire(import.meta.url).resolve("sslkit/package.json");
    result.sslkit = (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  } catch {
    // not installed where the CLI can see it
  }
  return result;
}

describe("sslkit version", () => {
  it("prints OPENSSL_VERSION and its tuple, Node's version and every public sslkit package with --json", async () => {
    const { stdout, stderr, exitCode } = await runCLI(["version", "--json"]);
    expect(stderr).toBe("");
    expect(exitCode ?? 0).toBe(0);
    const document = JSON.parse(stdout) as VersionJSON;
    // Node exposes only the version number of its OpenSSL, not the build date CPython appends.
    expect(document.openssl).toBe(`OpenSSL ${process.versions.openssl}`);
    // CPython's tuple for the same OpenSSL, when python3 links the same version as Node.
    const [pythonText, pythonInfo] = await runPythonJSON<[string, number[]]>("import ssl, json; print(json.dumps([ssl.OPENSSL_VERSION, ssl.OPENSSL_VERSION_INFO]))");
    if (pythonText.startsWith(`${document.openssl} `)) expect(document.opensslVersionInfo).toEqual(pythonInfo);
    else expect(document.opensslVersionInfo).toHaveLength(5);
    expect(document.node).toBe(process.version);
    expect(document.packages).toEqual(workspacePackages());
  });

  it("prints aligned rows for people", async () => {
    const { stdout, exitCode } = await runCLI(["version"]);
    expect(exitCode ?? 0).toBe(0);
    expect(stdout).toContain(`Node.js:`);
    expect(stdout).toContain(process.version);
    expect(stdout).toMatch(/ {2}OpenSSL: +OpenSSL 3\./);
    for (const name of Object.keys(workspacePackages())) expect(stdout).toContain(`${name}:`);
  });

  it("reports the versions from the built binary, resolved through node_modules", async () => {
    const result = await runProcess(process.execPath, [bin, "version", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout.toString()) as VersionJSON).packages).toEqual(workspacePackages());
  });

  it("rejects a positional argument with exit code 2 and a one-line message", async () => {
    const { stdout, stderr, exitCode } = await runCLI(["version", "extra"]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe('sslkit: error: version takes no arguments, got "extra"\n');
  });
});
