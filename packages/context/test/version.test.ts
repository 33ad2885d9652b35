import { describe, expect, it } from "vitest";
import { OPENSSL_VERSION, OPENSSL_VERSION_INFO, OPENSSL_VERSION_NUMBER } from "@sslkit/context";
import { runPythonJSON } from "@sslkit/test-utils";

interface PythonVersion {
  readonly text: string;
  readonly info: number[];
  readonly number: number;
}

describe("OPENSSL_VERSION", () => {
  it("names the OpenSSL Node runs", () => {
    expect(OPENSSL_VERSION).toBe(`OpenSSL ${process.versions.openssl.replace(/\+.*$/, "")}`);
  });

  it("equals Python's text up to the release date when both run the same OpenSSL", async () => {
    const python = await runPythonJSON<PythonVersion>(
      "import json, ssl; print(json.dumps({'text': ssl.OPENSSL_VERSION, 'info': list(ssl.OPENSSL_VERSION_INFO), 'number': ssl.OPENSSL_VERSION_NUMBER}))",
    );
    if (python.text.split(" ")[1] !== OPENSSL_VERSION.split(" ")[1]) return; // different OpenSSL builds: nothing to compare
    expect(python.text.startsWith(`${OPENSSL_VERSION} `)).toBe(true);
    expect(OPENSSL_VERSION_INFO).toEqual(python.info);
    expect(OPENSSL_VERSION_NUMBER).toBe(python.number);
  });
});

describe("OPENSSL_VERSION_INFO", () => {
  it("is derived from OPENSSL_VERSION_NUMBER the way CPython splits it", () => {
    const n = OPENSSL_VERSION_NUMBER;
    expect(OPENSSL_VERSION_INFO).toEqual([(n >>> 28) & 0xf, (n >>> 20) & 0xff, (n >>> 12) & 0xff, (n >>> 4) & 0xff, n & 0xf]);
    expect(OPENSSL_VERSION_INFO[0]).toBe(Number(process.versions.openssl.split(".")[0]));
  });
});
