import { describe, expect, it } from "vitest";
import { createKeyPair } from "@sslkit/x509";
import type { KeyType } from "@sslkit/x509";
import { runOpenSSL } from "@sslkit/test-utils";

/** What `openssl pkey -text` prints first for each key type. */
const OPENSSL_TEXT: readonly (readonly [KeyType, string])[] = [
  ["ec-p256", "Private-Key: (256 bit)"],
  ["ec-p384", "Private-Key: (384 bit)"],
  ["ed25519", "ED25519 Private-Key:"],
  ["rsa-2048", "Private-Key: (2048 bit, 2 primes)"],
  ["rsa-3072", "Private-Key: (3072 bit, 2 primes)"],
  ["rsa-4096", "Private-Key: (4096 bit, 2 primes)"],
];

describe("createKeyPair", () => {
  it.each(OPENSSL_TEXT)("makes a %s key that openssl reads as PKCS #8 and SPKI", async (keyType, text) => {
    const pair = await createKeyPair(keyType);
    expect(pair.keyType).toBe(keyType);
    expect(pair.privateKeyPEM).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(pair.publicKeyPEM).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    const privateText = (await runOpenSSL(["pkey", "-text", "-noout"], pair.privateKeyPEM)).toString();
    expect(privateText.split("\n")[0]).toBe(text);
    // The public half openssl derives from the private key is the one we returned.
    const derived = (await runOpenSSL(["pkey", "-pubout"], pair.privateKeyPEM)).toString();
    expect(derived).toBe(pair.publicKeyPEM);
    expect(pair.privateKey.type).toBe("private");
    expect(pair.publicKey.type).toBe("public");
  });

  it("makes an EC P-256 key by default", async () => {
    const pair = await createKeyPair();
    expect(pair.keyType).toBe("ec-p256");
    expect(pair.publicKey.algorithm).toMatchObject({ name: "ECDSA", namedCurve: "P-256" });
  });

  it.each([["rsa-1024"], ["EC-P256"], ["p256"], [""], [256]])("rejects the key type %s with ERR_INVALID_ARG_VALUE", async (keyType) => {
    await expect(createKeyPair(keyType as KeyType)).rejects.toMatchObject({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE" });
  });
});
