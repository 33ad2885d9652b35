import { readFileSync } from "node:fs";
import { makeTestPKI } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";

/** One PKI per test file (about 15 `openssl` runs); remove it in `afterAll`. */
export function filePKI(): TestPKI {
  return makeTestPKI();
}

/** A certificate file's DER bytes (its first PEM block). */
export function derOf(certPath: string): Uint8Array {
  const pem = readFileSync(certPath, "utf8");
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? "";
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ""), "base64"));
}
