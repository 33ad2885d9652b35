import { describe, expect, it } from "vitest";
import { decodePEM, encodePEM } from "@sslkit/pem";
import { runOpenSSL } from "@sslkit/test-utils";
import { generateKeyPairSync } from "node:crypto";

describe("encodePEM", () => {
  it("writes 64-column lines and a trailing newline, as OpenSSL does", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const der = privateKey.export({ format: "der", type: "pkcs8" });
    const ours = encodePEM(der, "PRIVATE KEY");
    const openssl = await runOpenSSL(["pkey", "-inform", "der", "-outform", "pem"], der);
    expect(ours).toBe(openssl.toString("utf8"));
  });

  it("writes RFC 1421 headers followed by a blank line, which decodePEM reads back", () => {
    const pem = encodePEM(new Uint8Array([1, 2, 3]), "RSA PRIVATE KEY", { "Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00" });
    expect(pem).toBe("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAQID\n-----END RSA PRIVATE KEY-----\n");
    expect(decodePEM(pem)[0]!.headers).toEqual({ "Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00" });
  });

  it.each([
    ["an empty label", new Uint8Array([1]), "", {}],
    ["a lower-case control character in the label", new Uint8Array([1]), "A\nB", {}],
    ["a label with a double space", new Uint8Array([1]), "A  B", {}],
    ["empty bytes", new Uint8Array(0), "X", {}],
    ["a header name with a colon", new Uint8Array([1]), "X", { "A:B": "c" }],
    ["a header value with a newline", new Uint8Array([1]), "X", { A: "b\nc" }],
  ])("rejects %s with ERR_INVALID_ARG_VALUE", (_name, der, label, headers) => {
    expect(() => encodePEM(der, label, headers)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("rejects a label that is not a string and bytes that are not bytes", () => {
    expect(() => encodePEM(new Uint8Array([1]), 5 as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => encodePEM("AAAA" as unknown as Uint8Array, "X")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
