import { encodePEM } from "@sslkit/pem";
import { invalidArgValueError } from "@sslkit/errors";
import { GENERATE_PARAMS, KEY_TYPES } from "./internal/key-algorithms.js";
import type { KeyType } from "./internal/key-algorithms.js";
import { getWebCrypto } from "./internal/webcrypto.js";
import type { WebCryptoKey } from "./internal/webcrypto.js";

export type { KeyType };
export type { WebCryptoKey };

/** A key pair made by {@link createKeyPair}: WebCrypto keys plus their PEM encodings. */
export interface KeyPair {
  /** Which kind of key this is. */
  readonly keyType: KeyType;
  /** The private key (extractable, usage `sign`). */
  readonly privateKey: WebCryptoKey;
  /** The public key (usage `verify`). */
  readonly publicKey: WebCryptoKey;
  /** The private key as unencrypted PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  readonly privateKeyPEM: string;
  /** The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`). */
  readonly publicKeyPEM: string;
}

/** Checks an untrusted key type argument. */
export function assertKeyType(value: unknown, name: string): asserts value is KeyType {
  if (!(KEY_TYPES as readonly unknown[]).includes(value)) {
    throw invalidArgValueError(name, value, `must be one of ${KEY_TYPES.map((t) => `'${t}'`).join(", ")}`);
  }
}

/**
 * Generates a key pair with WebCrypto (`globalThis.crypto`) for {@link createCertificate}.
 *
 * @param keyType - `"ec-p256"` (ECDSA P-256), `"ec-p384"`, `"ed25519"`, `"rsa-2048"`, `"rsa-3072"` or `"rsa-4096"` (RSA, e = 65537). @defaultValue `"ec-p256"`
 * @returns The WebCrypto keys and their PKCS #8 / SPKI PEM text.
 * @throws `TypeError` `ERR_INVALID_ARG_VALUE` for an unknown key type.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_NO_WEBCRYPTO` if the runtime has no `globalThis.crypto.subtle`.
 * @see Python has no equivalent (CPython's test suite uses pre-made keys); OpenSSL `openssl genpkey`.
 * @example
 * ```ts
 * const { privateKeyPEM } = await createKeyPair("ed25519");
 * ```
 */
export async function createKeyPair(keyType: KeyType = "ec-p256"): Promise<KeyPair> {
  assertKeyType(keyType, "keyType");
  const { subtle } = getWebCrypto();
  const keys = (await subtle.generateKey(GENERATE_PARAMS[keyType], true, ["sign", "verify"])) as {
    privateKey: WebCryptoKey;
    publicKey: WebCryptoKey;
  };
  const [pkcs8, spki] = await Promise.all([subtle.exportKey("pkcs8", keys.privateKey), subtle.exportKey("spki", keys.publicKey)]);
  return {
    keyType,
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    privateKeyPEM: encodePEM(new Uint8Array(pkcs8), "PRIVATE KEY"),
    publicKeyPEM: encodePEM(new Uint8Array(spki), "PUBLIC KEY"),
  };
}
