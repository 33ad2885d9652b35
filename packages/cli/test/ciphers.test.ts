import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { runProcess, runPythonJSON } from "@sslkit/test-utils";
import { runCLI, runOnTTY } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** CPython's `get_ciphers()` for a client context after `set_ciphers(spec)` (or the default list). */
const PYTHON = `
import json, ssl, sys
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
if len(sys.argv) > 1:
    context.set_ciphers(sys.argv[1])
# Less the SRP suites, which Node cannot use (a documented difference of @sslkit/context).
print(json.dumps([c for c in context.get_ciphers() if c["kea"] != "kx-srp"]))
`;

describe("sslkit ciphers", () => {
  it.each([["ECDHE+AESGCM"], ["HIGH:!aNULL"], ["DEFAULT"], ["CHACHA20"], ["ECDHE-RSA-AES128-SHA:AES256-SHA"]])(
    "prints CPython's get_ciphers() dicts for %j with --json",
    async (spec) => {
      const { stdout, stderr, exitCode } = await runCLI(["ciphers", spec, "--json"]);
      expect(stderr).toBe("");
      expect(exitCode ?? 0).toBe(0);
      expect(JSON.parse(stdout)).toEqual(await runPythonJSON(PYTHON, [spec]));
    },
  );

  it("lists Python's default ciphers without a spec", async () => {
    const { stdout } = await runCLI(["ciphers", "--json"]);
    expect(JSON.parse(stdout)).toEqual(await runPythonJSON(PYTHON));
  });

  it("prints one name per line to a pipe", async () => {
    const result = await runProcess(process.execPath, [bin, "ciphers", "ECDHE+AESGCM"]);
    expect(result.status).toBe(0);
    const expected = (await runPythonJSON<{ name: string }[]>(PYTHON, ["ECDHE+AESGCM"])).map((cipher) => `${cipher.name}\n`).join("");
    expect(result.stdout.toString()).toBe(expected);
  });

  it("prints an aligned table on a terminal", async () => {
    const { stdout, exitCode } = await runOnTTY(["ciphers", "ECDHE+AESGCM"]);
    expect(exitCode ?? 0).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/name +protocol +kx +auth +cipher +bits/);
    expect(stdout).toMatch(/ {2}ECDHE-RSA-AES128-GCM-SHA256 +TLSv1\.2 +ECDHE +RSA +aes-128-gcm +128\n/);
    expect(stdout).toMatch(/ {2}TLS_AES_256_GCM_SHA384 +TLSv1\.3 +any +any +aes-256-gcm +256\n/);
    expect(stdout).toContain("7 ciphers");
  });

  it.each([["NOPE"], ["!ALL"]])("exits 1 with \"No cipher can be selected.\" for %j, as Python raises", async (spec) => {
    await expect(runPythonJSON(PYTHON, [spec])).rejects.toThrow("No cipher can be selected");
    const { stdout, stderr, exitCode } = await runCLI(["ciphers", spec]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("sslkit: SSLError ERR_SSLKIT_CONTEXT_NO_CIPHER_MATCH: No cipher can be selected.\n");
  });

  // CPython lists the suites a string selects before the security level filters them:
  // anonymous (aNULL) and eNULL suites included.
  it("lists the anonymous (aNULL) suites CPython lists for \"AES256\"", async () => {
    const { stdout } = await runCLI(["ciphers", "AES256", "--json"]);
    const python = await runPythonJSON<{ auth: string }[]>(PYTHON, ["AES256"]);
    expect(python.some((cipher) => cipher.auth === "auth-null")).toBe(true);
    expect(JSON.parse(stdout)).toEqual(python);
  });

  it("lists the NULL-encryption suites CPython lists for \"eNULL\"", async () => {
    const { stdout, exitCode } = await runCLI(["ciphers", "eNULL", "--json"]);
    expect(exitCode ?? 0).toBe(0);
    const python = await runPythonJSON<{ symmetric: string | null }[]>(PYTHON, ["eNULL"]);
    expect(python.filter((cipher) => cipher.symmetric === null).length).toBeGreaterThan(0);
    expect(JSON.parse(stdout)).toEqual(python);
  });

  it("exits 2 on two cipher strings", async () => {
    const { stderr, exitCode } = await runCLI(["ciphers", "AES128", "AES256"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^sslkit: error: ciphers takes one cipher string/);
  });

  it("reports a bad spec from the built binary in one line, without a stack", async () => {
    const result = await runProcess(process.execPath, [bin, "ciphers", "NOPE"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("sslkit: SSLError ERR_SSLKIT_CONTEXT_NO_CIPHER_MATCH: No cipher can be selected.\n");
  });
});
