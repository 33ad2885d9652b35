import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { X509VerifyCode, verifyCodeMessage } from "@sslkit/x509";
import { runProcess } from "@sslkit/test-utils";

const HEADER = "/usr/include/openssl/x509_vfy.h";

async function libcryptoPath(): Promise<string | undefined> {
  const which = await runProcess("sh", ["-c", "ldd \"$(command -v openssl)\" | awk '/libcrypto/ {print $3}'"]);
  const path = which.stdout.toString("utf8").trim();
  return path.length > 0 && existsSync(path) ? path : undefined;
}

describe("X509VerifyCode", () => {
  it("numbers every code 0–94 once", () => {
    const values = Object.values(X509VerifyCode).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 95 }, (_, i) => i));
  });

  it.skipIf(!existsSync(HEADER))("has the names and numbers of OpenSSL's x509_vfy.h on this machine", () => {
    const header = readFileSync(HEADER, "utf8");
    const defined = new Map([...header.matchAll(/#define (X509_V_(?:OK|ERR_\w+)) (\d+)/gu)].map((m) => [m[1] ?? "", Number(m[2])]));
    for (const [name, value] of Object.entries(X509VerifyCode)) expect(defined.get(name), name).toBe(value);
  });
});

describe("verifyCodeMessage", () => {
  it.each([
    [0, "ok"],
    [2, "unable to get issuer certificate"],
    [7, "certificate signature failure"],
    [9, "certificate is not yet valid"],
    [10, "certificate has expired"],
    [18, "self-signed certificate"],
    [19, "self-signed certificate in certificate chain"],
    [20, "unable to get local issuer certificate"],
    [25, "path length constraint exceeded"],
    [26, "unsuitable certificate purpose"],
    [34, "unhandled critical extension"],
    [47, "permitted subtree violation"],
    [48, "excluded subtree violation"],
    [62, "hostname mismatch"],
    [79, "invalid CA certificate"],
    [92, "CA cert does not include key usage extension"],
  ])("returns OpenSSL 3.0's text for %i", (code, text) => {
    expect(verifyCodeMessage(code)).toBe(text);
  });

  it.each([[-1], [95], [1.5], [Number.NaN]])("returns OpenSSL's fallback text for %s", (code) => {
    expect(verifyCodeMessage(code)).toBe("unknown certificate verification error");
  });

  it("uses only texts that this machine's libcrypto contains", async () => {
    const path = await libcryptoPath();
    if (path === undefined) return;
    const library = readFileSync(path).toString("latin1");
    for (const code of Object.values(X509VerifyCode)) {
      // The linker merges a string into another that ends with it ("out of memory" in "%s: out of memory").
      expect(library.includes(`${verifyCodeMessage(code)}\0`), `code ${code}: ${verifyCodeMessage(code)}`).toBe(true);
    }
  });
});
