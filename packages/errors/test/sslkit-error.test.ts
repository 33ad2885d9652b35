import { describe, expect, it } from "vitest";
import { PEMError, RandError, SSLKitError, X509Error, isSSLKitError } from "@sslkit/errors";

describe("SSLKitError", () => {
  it("carries a stable code, its class name and the cause", () => {
    const cause = new Error("root");
    const error = new SSLKitError("ERR_SSLKIT_TEST", "something failed", { cause });
    expect(error.code).toBe("ERR_SSLKIT_TEST");
    expect(error.name).toBe("SSLKitError");
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it("keeps its brand out of JSON and enumerable keys", () => {
    const error = new SSLKitError("ERR_SSLKIT_TEST", "x");
    expect(Object.keys(error)).toEqual(["code"]);
    expect(JSON.stringify(error)).toBe('{"code":"ERR_SSLKIT_TEST"}');
  });
});

describe("isSSLKitError", () => {
  it("recognises errors of every area class", () => {
    expect(isSSLKitError(new PEMError("ERR_SSLKIT_PEM_NO_BLOCK", "x", { line: 3 }))).toBe(true);
    expect(isSSLKitError(new X509Error("ERR_SSLKIT_X509_MALFORMED", "x", { offset: 7 }))).toBe(true);
    expect(isSSLKitError(new RandError("ERR_SSLKIT_RAND_EGD_CONNECT", "x"))).toBe(true);
  });

  it("recognises an error branded by another installed copy of sslkit", () => {
    const foreign = Object.assign(new Error("from elsewhere"), { code: "ERR_SSLKIT_X" });
    Object.defineProperty(foreign, Symbol.for("sslkit.error"), { value: true });
    expect(isSSLKitError(foreign)).toBe(true);
  });

  it.each([null, undefined, 42, "ERR_SSLKIT_X", new Error("plain"), { code: "ERR_SSLKIT_X" }])(
    "rejects %o",
    (value) => {
      expect(isSSLKitError(value)).toBe(false);
    },
  );
});

describe("PEMError", () => {
  it("reports the line and offset where the problem is", () => {
    const error = new PEMError("ERR_SSLKIT_PEM_BAD_BASE64", "bad", { line: 4, offset: 120 });
    expect(error.line).toBe(4);
    expect(error.offset).toBe(120);
  });
});
