/**
 * WebCrypto parameters of the key types `createKeyPair` and `createCertificate` support:
 * how to generate a key, and how a key signs a certificate.
 */

/** Key types of `createKeyPair`: ECDSA on P-256/P-384, Ed25519, RSA (PKCS #1 v1.5 signatures). */
export const KEY_TYPES = ["ec-p256", "ec-p384", "ed25519", "rsa-2048", "rsa-3072", "rsa-4096"] as const;

/** A key type: `"ec-p256"`, `"ec-p384"`, `"ed25519"`, `"rsa-2048"`, `"rsa-3072"` or `"rsa-4096"`. */
export type KeyType = (typeof KEY_TYPES)[number];

/** A WebCrypto algorithm dictionary. */
export type WebAlgorithm = Readonly<Record<string, unknown>> & { readonly name: string };

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);

/** `generateKey` parameters of every key type. */
export const GENERATE_PARAMS: Readonly<Record<KeyType, WebAlgorithm>> = {
  "ec-p256": { name: "ECDSA", namedCurve: "P-256" },
  "ec-p384": { name: "ECDSA", namedCurve: "P-384" },
  ed25519: { name: "Ed25519" },
  "rsa-2048": { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
  "rsa-3072": { name: "RSASSA-PKCS1-v1_5", modulusLength: 3072, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
  "rsa-4096": { name: "RSASSA-PKCS1-v1_5", modulusLength: 4096, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
};

/** What a key's WebCrypto `algorithm` says about it. */
export interface KeyAlgorithmInfo {
  readonly name?: unknown;
  readonly namedCurve?: unknown;
}

/**
 * Returns how a key with this WebCrypto algorithm signs a certificate (`sign` parameters), and
 * how to import its PKCS #8 form, or `undefined` for keys this package cannot sign with.
 */
export function signingParams(algorithm: KeyAlgorithmInfo): { sign: WebAlgorithm; importParams: WebAlgorithm } | undefined {
  if (algorithm.name === "ECDSA") {
    const hash = { "P-256": "SHA-256", "P-384": "SHA-384", "P-521": "SHA-512" }[String(algorithm.namedCurve)];
    if (hash === undefined) return undefined;
    return { sign: { name: "ECDSA", hash }, importParams: { name: "ECDSA", namedCurve: algorithm.namedCurve } };
  }
  if (algorithm.name === "Ed25519") return { sign: { name: "Ed25519" }, importParams: { name: "Ed25519" } };
  if (algorithm.name === "RSASSA-PKCS1-v1_5") {
    const params = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    return { sign: params, importParams: params };
  }
  return undefined;
}
