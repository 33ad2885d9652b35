import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeTestPKI, runOpenSSL, runProcess, runPythonJSON } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { runCLI, runOnTTY } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
let pki: TestPKI;
let der: Buffer;

beforeAll(async () => {
  pki = makeTestPKI();
  der = await runOpenSSL(["x509", "-in", pki.server.certPath, "-outform", "DER"]);
  writeFileSync(pki.dir.file("server.der"), der);
});

afterAll(() => {
  pki.dir.remove();
});

describe("sslkit pem2der", () => {
  it("writes the same bytes as `openssl x509 -outform DER` to a pipe", async () => {
    const result = await runProcess(process.execPath, [bin, "pem2der", pki.server.certPath]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.equals(der)).toBe(true);
  });

  it("reads stdin for - and writes --out with mode 0644, refusing to overwrite without --force", async () => {
    const out = pki.dir.file("from-stdin.der");
    const first = await runProcess(process.execPath, [bin, "pem2der", "-", "--out", out], { input: pki.server.cert });
    expect(first.status).toBe(0);
    expect(readFileSync(out).equals(der)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o644);
    const again = await runCLI(["pem2der", pki.ca.certPath, "-o", out]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe(`sslkit: error: refusing to overwrite ${out} (use --force)\n`);
    expect(readFileSync(out).equals(der)).toBe(true);
    const forced = await runCLI(["pem2der", pki.ca.certPath, "-o", out, "--force"]);
    expect(forced.exitCode).toBeUndefined();
    expect(readFileSync(out).equals(await runOpenSSL(["x509", "-in", pki.ca.certPath, "-outform", "DER"]))).toBe(true);
  });

  it("prints { der, length } with --json, as Python's PEM_cert_to_DER_cert", async () => {
    const { stdout } = await runCLI(["pem2der", pki.server.certPath, "--json"]);
    const python = await runPythonJSON<string>("import ssl,sys,json,base64; print(json.dumps(base64.b64encode(ssl.PEM_cert_to_DER_cert(open(sys.argv[1]).read())).decode()))", [pki.server.certPath]);
    expect(JSON.parse(stdout)).toEqual({ der: python, length: der.length });
  });

  it("refuses to write DER to a terminal (exit 2)", async () => {
    const { stdout, stderr, exitCode } = await runOnTTY(["pem2der", pki.server.certPath]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^sslkit: error: pem2der: refusing to write binary DER to a terminal/);
  });

  it.each([
    ["a bundle of two certificates", () => `${pki.server.cert}${pki.ca.cert}`, "ERR_SSLKIT_PEM_MULTIPLE_BLOCKS"],
    ["a private key", () => pki.server.key, "ERR_SSLKIT_PEM_NO_BLOCK"],
    ["a truncated block", () => pki.server.cert.slice(0, 200), "ERR_SSLKIT_PEM_MISSING_END"],
    ["DER bytes", () => der.toString("latin1"), "ERR_SSLKIT_PEM_NO_BLOCK"],
  ])("exits 1 with the PEMError code for %s, without a stack trace", async (_label, input, code) => {
    const file = pki.dir.file("bad-input.pem");
    writeFileSync(file, input(), "latin1");
    const { stdout, stderr, exitCode } = await runCLI(["pem2der", file]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`^sslkit: PEMError ${code}: [^\\n]+\\n$`));
  });

  it("exits 3 for a missing file and 2 for --json with --out", async () => {
    expect((await runCLI(["pem2der", pki.dir.file("missing.pem")])).exitCode).toBe(3);
    const both = await runCLI(["pem2der", pki.server.certPath, "--json", "--out", pki.dir.file("x.der")]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toBe("sslkit: error: pem2der: --json and --out cannot be combined\n");
  });
});

describe("sslkit der2pem", () => {
  it("prints the same PEM as Python's DER_cert_to_PEM_cert", async () => {
    const { stdout, stderr, exitCode } = await runCLI(["der2pem", pki.dir.file("server.der")]);
    const python = await runPythonJSON<string>("import ssl,sys,json; print(json.dumps(ssl.DER_cert_to_PEM_cert(open(sys.argv[1],'rb').read())))", [pki.dir.file("server.der")]);
    expect(stderr).toBe("");
    expect(exitCode).toBeUndefined();
    expect(stdout).toBe(python);
  });

  it("round-trips with pem2der through pipes", async () => {
    const toPEM = await runProcess(process.execPath, [bin, "der2pem", "-"], { input: der });
    const back = await runProcess(process.execPath, [bin, "pem2der", "-"], { input: toPEM.stdout });
    expect(back.stdout.equals(der)).toBe(true);
  });

  it("prints { pem } with --json", async () => {
    const { stdout } = await runCLI(["der2pem", pki.dir.file("server.der"), "--json"]);
    expect(JSON.parse(stdout)).toEqual({ pem: (await runCLI(["der2pem", pki.dir.file("server.der")])).stdout });
  });

  it.each([
    ["PEM input", () => Buffer.from(pki.server.cert), /^sslkit: error: der2pem: .* is already PEM \(sslkit pem2der converts the other way\)\n$/],
    ["an empty file", () => Buffer.alloc(0), /^sslkit: error: der2pem: .* is empty\n$/],
    ["bytes after the certificate", () => Buffer.concat([der, Buffer.from([0, 0])]), /^sslkit: X509Error ERR_SSLKIT_X509_TRAILING_DATA: 2 bytes after the certificate/],
    ["a truncated certificate", () => der.subarray(0, 100), /^sslkit: X509Error ERR_SSLKIT_X509_[A-Z_]+: /],
    ["random bytes", () => Buffer.from("not a certificate at all"), /^sslkit: X509Error ERR_SSLKIT_X509_[A-Z_]+: /],
  ])("exits 1 for %s, without a stack trace", async (_label, input, message) => {
    const file = pki.dir.file("bad-input.der");
    writeFileSync(file, input());
    const { stdout, stderr, exitCode } = await runCLI(["der2pem", file]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
