/**
 * Certificate signature checks with WebCrypto (`globalThis.crypto.subtle`): RSASSA-PKCS1-v1_5,
 * RSASSA-PSS, ECDSA (DER `Ecdsa-Sig-Value` converted to WebCrypto's fixed-size r‖s) and Ed25519/Ed448.
 */
import { X509VerifyCode as V } from "../verify-codes.js";
import { DERSyntaxError, TAG, children, decodeOID, decodeSmallInteger, integerBytes, parseSingle } from "./verify-der.js";
import type { AlgorithmIdentifier, ParsedCert, PublicKeyInfo } from "./verify-parse.js";

type Hash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/** What a signatureAlgorithm OID means. */
export interface SignatureScheme {
  readonly kind: "rsa" | "rsa-pss" | "ecdsa" | "ed25519" | "ed448";
  readonly hash: Hash | undefined;
  readonly saltLength?: number;
}

const HASH_OIDS: Readonly<Record<string, Hash>> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};
const HASH_LENGTH: Readonly<Record<Hash, number>> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

const RSA_PKCS1: Readonly<Record<string, Hash>> = {
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.2.840.113549.1.1.11": "SHA-256",
  "1.2.840.113549.1.1.12": "SHA-384",
  "1.2.840.113549.1.1.13": "SHA-512",
};
const ECDSA: Readonly<Record<string, Hash>> = {
  "1.2.840.10045.4.1": "SHA-1",
  "1.2.840.10045.4.3.2": "SHA-256",
  "1.2.840.10045.4.3.3": "SHA-384",
  "1.2.840.10045.4.3.4": "SHA-512",
};
/** MD2, MD4, MD5 with RSA, and SHA-224 variants WebCrypto cannot verify. */
const WEAK_OR_UNSUPPORTED = new Set(["1.2.840.113549.1.1.2", "1.2.840.113549.1.1.3", "1.2.840.113549.1.1.4"]);

/** A failure as a verify code and a reason. */
export interface SchemeError {
  readonly code: number;
  readonly reason: string;
}

function isAbsentOrNull(params: AlgorithmIdentifier["params"]): boolean {
  return params === undefined || (params.tag === TAG.NULL && params.end === params.contentStart);
}

function hashOf(alg: { readonly tag: number; readonly bytes: Uint8Array; readonly start: number; readonly contentStart: number; readonly end: number }): Hash {
  const [oid, params, extra] = children(alg);
  if (alg.tag !== TAG.SEQUENCE || oid?.tag !== TAG.OID || extra !== undefined || (params !== undefined && !isAbsentOrNull(params))) {
    throw new DERSyntaxError("hash AlgorithmIdentifier: malformed", alg.start);
  }
  const hash = HASH_OIDS[decodeOID(oid)];
  if (hash === undefined) throw new DERSyntaxError("unsupported PSS hash", alg.start);
  return hash;
}

/**
 * Interprets a signatureAlgorithm.
 *
 * RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1,
 *   saltLength [2] INTEGER DEFAULT 20, trailerField [3] INTEGER DEFAULT 1 }
 */
export function signatureScheme(alg: AlgorithmIdentifier): SignatureScheme | SchemeError {
  const unsupported = (reason: string): SchemeError => ({ code: V.X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM, reason });
  if (WEAK_OR_UNSUPPORTED.has(alg.oid)) return { code: V.X509_V_ERR_CA_MD_TOO_WEAK, reason: `MD2/MD4/MD5 signature (${alg.oid})` };
  const pkcs1 = RSA_PKCS1[alg.oid];
  if (pkcs1 !== undefined) {
    if (!isAbsentOrNull(alg.params)) return unsupported("RSA PKCS#1 v1.5 parameters must be NULL");
    return { kind: "rsa", hash: pkcs1 };
  }
  const ecdsa = ECDSA[alg.oid];
  if (ecdsa !== undefined) {
    if (alg.params !== undefined) return unsupported("ECDSA signature algorithm must not have parameters");
    return { kind: "ecdsa", hash: ecdsa };
  }
  if (alg.oid === "1.3.101.112" || alg.oid === "1.3.101.113") {
    if (alg.params !== undefined) return unsupported("EdDSA signature algorithm must not have parameters");
    return { kind: alg.oid === "1.3.101.112" ? "ed25519" : "ed448", hash: undefined };
  }
  if (alg.oid === "1.2.840.113549.1.1.10") {
    try {
      if (alg.params?.tag !== TAG.SEQUENCE) return unsupported("RSASSA-PSS without parameters");
      let hash: Hash = "SHA-1";
      let mgfHash: Hash = "SHA-1";
      let saltLength = 20;
      for (const part of children(alg.params)) {
        const [inner, extra] = children(part);
        if (inner === undefined || extra !== undefined) throw new DERSyntaxError("RSASSA-PSS-params: malformed", part.start);
        if (part.tag === 0xa0) hash = hashOf(inner);
        else if (part.tag === 0xa1) {
          const [mgfOID, mgfParams, more] = children(inner);
          if (mgfOID?.tag !== TAG.OID || decodeOID(mgfOID) !== "1.2.840.113549.1.1.8" || mgfParams === undefined || more !== undefined) {
            return unsupported("RSASSA-PSS mask generation must be MGF1");
          }
          mgfHash = hashOf(mgfParams);
        } else if (part.tag === 0xa2) saltLength = decodeSmallInteger(inner);
        else if (part.tag === 0xa3) {
          if (decodeSmallInteger(inner) !== 1) return unsupported("RSASSA-PSS trailerField must be 1");
        } else throw new DERSyntaxError("RSASSA-PSS-params: unknown field", part.start);
      }
      // WebCrypto ties the MGF1 hash to the message hash, as every profile in use does.
      if (mgfHash !== hash) return unsupported("RSASSA-PSS with different message and MGF1 hashes");
      return { kind: "rsa-pss", hash, saltLength };
    } catch (error) {
      if (error instanceof DERSyntaxError) return unsupported(error.message);
      throw error;
    }
  }
  return unsupported(`unsupported signature algorithm ${alg.oid}`);
}

/** Whether a digest is too weak for a signature on anything but a trust anchor (MD5, SHA-1). */
export function isWeakHash(scheme: SignatureScheme): boolean {
  return scheme.hash === "SHA-1";
}

function ecdsaRawSignature(der: Uint8Array, size: number): Uint8Array {
  const seq = parseSingle(der, TAG.SEQUENCE, "Ecdsa-Sig-Value");
  const [r, s, extra] = children(seq);
  if (r?.tag !== TAG.INTEGER || s?.tag !== TAG.INTEGER || extra !== undefined) throw new DERSyntaxError("Ecdsa-Sig-Value: malformed", 0);
  const out = new Uint8Array(size * 2);
  [integerBytes(r), integerBytes(s)].forEach((value, index) => {
    if (((value[0] ?? 0) & 0x80) !== 0) throw new DERSyntaxError("negative ECDSA signature component", 0);
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    const trimmed = value.subarray(start);
    if (trimmed.length > size) throw new DERSyntaxError("ECDSA signature component too large", 0);
    out.set(trimmed, index * size + size - trimmed.length);
  });
  return out;
}

const CURVE_BYTES = { "P-256": 32, "P-384": 48, "P-521": 66 } as const;

/** Returns `undefined` when `child` carries a valid signature by `issuerKey`, else the failure. */
export async function checkSignature(child: Pick<ParsedCert, "signatureAlgorithm" | "signature" | "tbs">, issuerKey: PublicKeyInfo): Promise<SchemeError | undefined> {
  const scheme = signatureScheme(child.signatureAlgorithm);
  if ("code" in scheme) return scheme;
  const subtle = globalThis.crypto.subtle;
  const failure: SchemeError = { code: V.X509_V_ERR_CERT_SIGNATURE_FAILURE, reason: "signature does not verify" };
  const mismatch: SchemeError = { code: V.X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH, reason: `${scheme.kind} signature with a ${issuerKey.kind} issuer key` };
  const toBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
  const spki = toBuffer(issuerKey.der);
  const data = toBuffer(child.tbs);
  try {
    switch (scheme.kind) {
      case "rsa": {
        if (issuerKey.kind !== "rsa") return mismatch;
        const key = await subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: scheme.hash ?? "SHA-256" }, false, ["verify"]);
        return (await subtle.verify("RSASSA-PKCS1-v1_5", key, toBuffer(child.signature), data)) ? undefined : failure;
      }
      case "rsa-pss": {
        if (issuerKey.kind !== "rsa" && issuerKey.kind !== "rsa-pss") return mismatch;
        const key = await subtle.importKey("spki", spki, { name: "RSA-PSS", hash: scheme.hash ?? "SHA-256" }, false, ["verify"]);
        const ok = await subtle.verify({ name: "RSA-PSS", saltLength: scheme.saltLength ?? HASH_LENGTH[scheme.hash ?? "SHA-256"] }, key, toBuffer(child.signature), data);
        return ok ? undefined : failure;
      }
      case "ecdsa": {
        if (issuerKey.kind !== "ec") return mismatch;
        if (issuerKey.curve === undefined) return { code: V.X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, reason: "unsupported EC curve" };
        let raw: Uint8Array;
        try {
          raw = ecdsaRawSignature(child.signature, CURVE_BYTES[issuerKey.curve]);
        } catch (error) {
          if (error instanceof DERSyntaxError) return { code: V.X509_V_ERR_CERT_SIGNATURE_FAILURE, reason: error.message };
          throw error;
        }
        const key = await subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: issuerKey.curve }, false, ["verify"]);
        return (await subtle.verify({ name: "ECDSA", hash: scheme.hash ?? "SHA-256" }, key, toBuffer(raw), data)) ? undefined : failure;
      }
      case "ed25519":
      case "ed448": {
        const name = scheme.kind === "ed25519" ? "Ed25519" : "Ed448";
        if (issuerKey.kind !== scheme.kind) return mismatch;
        const key = await subtle.importKey("spki", spki, { name }, false, ["verify"]);
        return (await subtle.verify({ name }, key, toBuffer(child.signature), data)) ? undefined : failure;
      }
    }
  } catch (error) {
    // importKey rejects keys WebCrypto cannot use (bad encodings, unsupported algorithms).
    return { code: V.X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, reason: error instanceof Error ? error.message : "key import failed" };
  }
}

