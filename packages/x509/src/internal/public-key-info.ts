import { DerReader, Tag } from "./der.js";
import { oidShortName, oidToDotted } from "./oids.js";

/** What a certificate's SubjectPublicKeyInfo says about the key. */
export interface PublicKeyInfo {
  /** `"RSA"`, `"RSA-PSS"`, `"EC"`, `"Ed25519"`, `"Ed448"`, `"X25519"`, `"X448"`, `"DSA"`, or the dotted OID. */
  readonly algorithm: string;
  /** The algorithm OID, dotted. */
  readonly algorithmOID: string;
  /** Key size as OpenSSL's `EVP_PKEY_get_bits` reports it (modulus, curve order, 253 for Ed25519); 0 if unknown. */
  readonly bits: number;
  /** Named curve of an EC key (`"P-256"`, `"P-384"`, `"P-521"`, else OpenSSL's short name or the OID). */
  readonly curve: string | undefined;
  /** The whole SubjectPublicKeyInfo DER (what WebCrypto's `importKey("spki", …)` takes). */
  readonly spki: Uint8Array;
}

const ALGORITHMS: Readonly<Record<string, readonly [name: string, bits: number]>> = {
  "1.2.840.113549.1.1.1": ["RSA", 0],
  "1.2.840.113549.1.1.10": ["RSA-PSS", 0],
  "1.2.840.10045.2.1": ["EC", 0],
  "1.3.101.112": ["Ed25519", 253],
  "1.3.101.113": ["Ed448", 456],
  "1.3.101.110": ["X25519", 253],
  "1.3.101.111": ["X448", 448],
  "1.2.840.10040.4.1": ["DSA", 0],
};

const CURVES: Readonly<Record<string, readonly [name: string, bits: number]>> = {
  "1.2.840.10045.3.1.7": ["P-256", 256],
  "1.3.132.0.34": ["P-384", 384],
  "1.3.132.0.35": ["P-521", 521],
  "1.3.132.0.33": ["P-224", 224],
  "1.2.840.10045.3.1.1": ["P-192", 192],
  "1.3.132.0.10": ["secp256k1", 256],
  "1.3.36.3.3.2.8.1.1.7": ["brainpoolP256r1", 256],
  "1.3.36.3.3.2.8.1.1.11": ["brainpoolP384r1", 384],
  "1.3.36.3.3.2.8.1.1.13": ["brainpoolP512r1", 512],
};

/** Bit length of an INTEGER's magnitude (leading zero bytes ignored). */
function integerBits(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] === 0) i++;
  if (i === end) return 0;
  return (end - i - 1) * 8 + (32 - Math.clz32(bytes[i] ?? 0));
}

/** Reads SubjectPublicKeyInfo `[start, end)`; unknown or malformed key contents give `bits: 0`. */
export function readPublicKeyInfo(bytes: Uint8Array, start: number, end: number): PublicKeyInfo {
  const reader = new DerReader(bytes);
  const spkiEnd = reader.read(start, end);
  const algorithmEnd = reader.read(reader.valueStart, spkiEnd);
  const oidEnd = reader.read(reader.valueStart, algorithmEnd);
  const algorithmOID = oidToDotted(bytes, reader.valueStart, oidEnd);
  const known = ALGORITHMS[algorithmOID];
  let bits = known?.[1] ?? 0;
  let curve: string | undefined;
  const keyEnd = reader.read(algorithmEnd, spkiEnd);
  const keyStart = reader.valueStart + 1;
  try {
    if (known?.[0] === "EC" && oidEnd < algorithmEnd) {
      const paramsEnd = reader.read(oidEnd, algorithmEnd);
      if (reader.is(Tag.OID)) {
        const curveOID = oidToDotted(bytes, reader.valueStart, paramsEnd);
        const named = CURVES[curveOID];
        curve = named?.[0] ?? oidShortName(bytes, reader.valueStart, paramsEnd) ?? curveOID;
        bits = named?.[1] ?? 0;
      } else if (reader.is(Tag.SEQUENCE)) {
        // Explicit parameters: ECParameters ::= SEQUENCE { version, fieldID, curve, base, order, cofactor }.
        let p = reader.valueStart;
        for (let i = 0; i < 4; i++) p = reader.read(p, paramsEnd);
        const orderEnd = reader.read(p, paramsEnd);
        bits = integerBits(bytes, reader.valueStart, orderEnd);
      }
    } else if (known?.[0] === "RSA" || known?.[0] === "RSA-PSS") {
      const rsaEnd = reader.read(keyStart, keyEnd);
      const modulusEnd = reader.read(reader.valueStart, rsaEnd);
      bits = integerBits(bytes, reader.valueStart, modulusEnd);
    } else if (known?.[0] === "DSA" && oidEnd < algorithmEnd) {
      const paramsEnd = reader.read(oidEnd, algorithmEnd);
      const pEnd = reader.read(reader.valueStart, paramsEnd);
      bits = integerBits(bytes, reader.valueStart, pEnd);
    }
  } catch {
    bits = 0;
  }
  return { algorithm: known?.[0] ?? algorithmOID, algorithmOID, bits, curve, spki: bytes.slice(start, spkiEnd) };
}
