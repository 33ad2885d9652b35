/**
 * Decodes the parts of a certificate that RFC 5280 path validation needs, strictly (DER only).
 * A broken envelope (Certificate, TBSCertificate, signature fields) throws DERSyntaxError;
 * problems inside fields (bad times, malformed extensions) are recorded as defects, reported
 * only if the certificate ends up on a candidate path (an unused bad intermediate is harmless).
 *
 * Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
 *                            signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber INTEGER,
 *   signature AlgorithmIdentifier, issuer Name, validity Validity, subject Name,
 *   subjectPublicKeyInfo SubjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL,
 *   subjectUniqueID [2] IMPLICIT BIT STRING OPTIONAL, extensions [3] EXPLICIT Extensions OPTIONAL }
 */
import { X509VerifyCode as V } from "../verify-codes.js";
import {
  DERSyntaxError,
  TAG,
  bytesEqual,
  children,
  contents,
  decodeBitString,
  decodeBoolean,
  decodeOID,
  decodeSmallInteger,
  encoding,
  expectTLV,
  integerBytes,
  parseSingle,
} from "./verify-der.js";
import type { TLV } from "./verify-der.js";

/** A problem with a certificate, as the verify code it will be reported with. */
export interface Defect {
  readonly code: number;
  readonly reason: string;
}

/** One AttributeTypeAndValue of a distinguished name. */
export interface NameAttribute {
  readonly type: string;
  /** Decoded text for string types, `undefined` otherwise. */
  readonly text: string | undefined;
  /** RFC 5280 §7.1 comparison form: trimmed, inner whitespace collapsed, ASCII lower-cased. */
  readonly canon: string;
}

/** A decoded Name. */
export interface ParsedName {
  readonly der: Uint8Array;
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** Equal keys mean equal names under RFC 5280 comparison rules. */
  readonly key: string;
}

export type GeneralNameKind = "otherName" | "email" | "dns" | "x400" | "dirName" | "edi" | "uri" | "ip" | "rid";

/** One GeneralName; `text` for the IA5String kinds, `bytes` for iPAddress, `name` for directoryName. */
export interface GeneralName {
  readonly kind: GeneralNameKind;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly name?: ParsedName;
}

export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export interface NameConstraints {
  readonly permitted: readonly GeneralName[] | undefined;
  readonly excluded: readonly GeneralName[] | undefined;
}

export type KeyKind = "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa" | "unknown";

export interface PublicKeyInfo {
  readonly der: Uint8Array;
  readonly kind: KeyKind;
  readonly algorithmOID: string;
  /** Modulus size for RSA, curve size for EC, 0 when unknown. */
  readonly bits: number;
  /** WebCrypto curve name for EC keys. */
  readonly curve?: "P-256" | "P-384" | "P-521";
  /** Curve OID (EC) when it is not one WebCrypto knows. */
  readonly curveOID?: string;
  readonly explicitCurve?: boolean;
  readonly problem?: string;
}

export interface AlgorithmIdentifier {
  readonly der: Uint8Array;
  readonly oid: string;
  readonly params: TLV | undefined;
}

export interface ParsedCert {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  /** 0 = v1, 1 = v2, 2 = v3. */
  readonly version: number;
  readonly serial: Uint8Array;
  readonly tbsSignatureAlgorithm: AlgorithmIdentifier;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly issuer: ParsedName;
  readonly subject: ParsedName;
  /** Milliseconds since the epoch, or `undefined` when the field is malformed. */
  readonly notBefore: number | undefined;
  readonly notAfter: number | undefined;
  readonly publicKey: PublicKeyInfo;
  readonly extensions: readonly Extension[];
  readonly basicConstraints: { readonly ca: boolean; readonly pathLen: number | undefined; readonly critical: boolean } | undefined;
  /** KeyUsage bits as a number, bit 0 = digitalSignature … bit 8 = decipherOnly. */
  readonly keyUsage: number | undefined;
  readonly extKeyUsage: readonly string[] | undefined;
  readonly subjectAltName: readonly GeneralName[] | undefined;
  readonly nameConstraints: NameConstraints | undefined;
  readonly authorityKeyId: { readonly keyId: Uint8Array | undefined; readonly hasIssuer: boolean; readonly hasSerial: boolean } | undefined;
  readonly subjectKeyId: Uint8Array | undefined;
  /** Issuer and subject compare equal (RFC 5280 "self-issued"). */
  readonly selfIssued: boolean;
  readonly defects: readonly Defect[];
}

export const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  nameConstraints: "2.5.29.30",
  authorityKeyIdentifier: "2.5.29.35",
  subjectKeyIdentifier: "2.5.29.14",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  policyConstraints: "2.5.29.36",
  inhibitAnyPolicy: "2.5.29.54",
  crlDistributionPoints: "2.5.29.31",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  commonName: "2.5.4.3",
  emailAddress: "1.2.840.113549.1.9.1",
  anyExtendedKeyUsage: "2.5.29.37.0",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

export { KEY_USAGE_BITS as KU } from "./key-usage-bits.js";

const CURVES: Readonly<Record<string, { readonly name: "P-256" | "P-384" | "P-521"; readonly bits: number }>> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeString(tlv: TLV): string | undefined {
  const body = contents(tlv);
  try {
    switch (tlv.tag) {
      case TAG.UTF8_STRING:
        return utf8.decode(body);
      case TAG.PRINTABLE_STRING:
      case TAG.IA5_STRING:
      case 0x1a: // VisibleString
      case 0x12: // NumericString
      case TAG.T61_STRING:
        return String.fromCharCode(...body);
      case TAG.BMP_STRING: {
        if (body.length % 2 !== 0) return undefined;
        let out = "";
        for (let i = 0; i < body.length; i += 2) out += String.fromCharCode(((body[i] ?? 0) << 8) | (body[i + 1] ?? 0));
        return out;
      }
      case TAG.UNIVERSAL_STRING: {
        if (body.length % 4 !== 0) return undefined;
        let out = "";
        for (let i = 0; i < body.length; i += 4) {
          const cp = (((body[i] ?? 0) << 24) | ((body[i + 1] ?? 0) << 16) | ((body[i + 2] ?? 0) << 8) | (body[i + 3] ?? 0)) >>> 0;
          if (cp > 0x10ffff) return undefined;
          out += String.fromCodePoint(cp);
        }
        return out;
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

function canonicalText(text: string): string {
  return text.trim().replace(/\s+/gu, " ").replace(/[A-Z]/gu, (c) => c.toLowerCase());
}

function hexOf(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Decodes a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function parseName(tlv: TLV): ParsedName {
  if (tlv.tag !== TAG.SEQUENCE) throw new DERSyntaxError("Name: expected SEQUENCE", tlv.start);
  const rdns: NameAttribute[][] = [];
  const keys: string[] = [];
  for (const set of children(tlv)) {
    if (set.tag !== TAG.SET) throw new DERSyntaxError("RelativeDistinguishedName: expected SET", set.start);
    const attributes: NameAttribute[] = [];
    for (const atv of children(set)) {
      if (atv.tag !== TAG.SEQUENCE) throw new DERSyntaxError("AttributeTypeAndValue: expected SEQUENCE", atv.start);
      const [typeTLV, valueTLV, extra] = children(atv);
      if (typeTLV === undefined || valueTLV === undefined || extra !== undefined || typeTLV.tag !== TAG.OID) {
        throw new DERSyntaxError("AttributeTypeAndValue: expected type and value", atv.start);
      }
      const type = decodeOID(typeTLV);
      const text = decodeString(valueTLV);
      attributes.push({ type, text, canon: text === undefined ? `#${hexOf(encoding(valueTLV))}` : canonicalText(text) });
    }
    if (attributes.length === 0) throw new DERSyntaxError("empty RelativeDistinguishedName", set.start);
    rdns.push(attributes);
    keys.push(attributes.map((a) => `${a.type}=${JSON.stringify(a.canon)}`).sort().join("+"));
  }
  return { der: encoding(tlv), rdns, key: keys.join(",") };
}

export function parseTime(tlv: TLV): number | undefined {
  const text = String.fromCharCode(...contents(tlv));
  let match: RegExpExecArray | null;
  let year: number;
  if (tlv.tag === TAG.UTC_TIME) {
    match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/u.exec(text);
    if (match === null) return undefined;
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlv.tag === TAG.GENERALIZED_TIME) {
    match = /^(\d\d\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/u.exec(text);
    if (match === null) return undefined;
    year = Number(match[1]);
  } else {
    return undefined;
  }
  const [month, day, hour, minute, second] = match.slice(2).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}

export function parseAlgorithm(tlv: TLV): AlgorithmIdentifier {
  if (tlv.tag !== TAG.SEQUENCE) throw new DERSyntaxError("AlgorithmIdentifier: expected SEQUENCE", tlv.start);
  const [oidTLV, params, extra] = children(tlv);
  if (oidTLV?.tag !== TAG.OID || extra !== undefined) throw new DERSyntaxError("AlgorithmIdentifier: malformed", tlv.start);
  return { der: encoding(tlv), oid: decodeOID(oidTLV), params };
}

function parsePublicKey(tlv: TLV): PublicKeyInfo {
  if (tlv.tag !== TAG.SEQUENCE) throw new DERSyntaxError("SubjectPublicKeyInfo: expected SEQUENCE", tlv.start);
  const [algTLV, keyTLV, extra] = children(tlv);
  if (algTLV === undefined || keyTLV?.tag !== TAG.BIT_STRING || extra !== undefined) {
    throw new DERSyntaxError("SubjectPublicKeyInfo: malformed", tlv.start);
  }
  const alg = parseAlgorithm(algTLV);
  const der = encoding(tlv);
  const base = { der, algorithmOID: alg.oid };
  try {
    const { bits: keyBits, unused } = decodeBitString(keyTLV);
    switch (alg.oid) {
      case "1.2.840.113549.1.1.1":
      case "1.2.840.113549.1.1.10": {
        if (unused !== 0) throw new DERSyntaxError("RSA key BIT STRING has unused bits", keyTLV.start);
        const rsa = parseSingle(keyBits, TAG.SEQUENCE, "RSAPublicKey");
        const [n, e, more] = children(rsa);
        if (n?.tag !== TAG.INTEGER || e?.tag !== TAG.INTEGER || more !== undefined) throw new DERSyntaxError("RSAPublicKey: malformed", 0);
        const modulus = integerBytes(n);
        integerBytes(e);
        let start = 0;
        while (start < modulus.length && modulus[start] === 0) start++;
        const top = modulus[start] ?? 0;
        const bits = top === 0 ? 0 : (modulus.length - start - 1) * 8 + (32 - Math.clz32(top));
        const kind: KeyKind = alg.oid === "1.2.840.113549.1.1.1" ? "rsa" : "rsa-pss";
        if (kind === "rsa" && (alg.params === undefined || alg.params.tag !== TAG.NULL || alg.params.end !== alg.params.contentStart)) {
          return { ...base, kind, bits, problem: "rsaEncryption parameters must be NULL" };
        }
        return { ...base, kind, bits };
      }
      case "1.2.840.10045.2.1": {
        if (alg.params?.tag === TAG.OID) {
          const curveOID = decodeOID(alg.params);
          const curve = CURVES[curveOID];
          return curve === undefined ? { ...base, kind: "ec", bits: 0, curveOID } : { ...base, kind: "ec", bits: curve.bits, curve: curve.name, curveOID };
        }
        if (alg.params?.tag === TAG.SEQUENCE) return { ...base, kind: "ec", bits: 0, explicitCurve: true };
        return { ...base, kind: "ec", bits: 0, problem: "EC key without a named curve" };
      }
      case "1.3.101.112":
        return alg.params === undefined && keyBits.length === 32 ? { ...base, kind: "ed25519", bits: 256 } : { ...base, kind: "ed25519", bits: 256, problem: "malformed Ed25519 key" };
      case "1.3.101.113":
        return alg.params === undefined && keyBits.length === 57 ? { ...base, kind: "ed448", bits: 456 } : { ...base, kind: "ed448", bits: 456, problem: "malformed Ed448 key" };
      case "1.2.840.10040.4.1":
        return { ...base, kind: "dsa", bits: 0 };
      default:
        return { ...base, kind: "unknown", bits: 0 };
    }
  } catch (error) {
    if (!(error instanceof DERSyntaxError)) throw error;
    return { ...base, kind: "unknown", bits: 0, problem: error.message };
  }
}

/** GeneralName ::= CHOICE { otherName [0], rfc822Name [1] IA5String, dNSName [2] IA5String, x400Address [3],
 *  directoryName [4] Name, ediPartyName [5], uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING,
 *  registeredID [8] OBJECT IDENTIFIER } */
export function parseGeneralName(tlv: TLV): GeneralName {
  const ia5 = (kind: GeneralNameKind): GeneralName => {
    const body = contents(tlv);
    for (const byte of body) if (byte > 0x7f) throw new DERSyntaxError("IA5String with non-ASCII octets", tlv.start);
    return { kind, text: String.fromCharCode(...body) };
  };
  switch (tlv.tag) {
    case 0xa0: {
      const [typeId, value, extra] = children(tlv);
      if (typeId?.tag !== TAG.OID || value?.tag !== 0xa0 || extra !== undefined) throw new DERSyntaxError("otherName: malformed", tlv.start);
      return { kind: "otherName", text: decodeOID(typeId), bytes: contents(value) };
    }
    case 0x81:
      return ia5("email");
    case 0x82:
      return ia5("dns");
    case 0xa3:
      return { kind: "x400", bytes: contents(tlv) };
    case 0xa4: {
      const [inner, extra] = children(tlv);
      if (inner === undefined || extra !== undefined) throw new DERSyntaxError("directoryName: malformed", tlv.start);
      return { kind: "dirName", name: parseName(inner) };
    }
    case 0xa5:
      return { kind: "edi", bytes: contents(tlv) };
    case 0x86:
      return ia5("uri");
    case 0x87:
      return { kind: "ip", bytes: contents(tlv) };
    case 0x88:
      return { kind: "rid", text: decodeOID({ ...tlv, tag: TAG.OID }) };
    default:
      throw new DERSyntaxError(`GeneralName: unknown tag 0x${tlv.tag.toString(16)}`, tlv.start);
  }
}

function parseGeneralNames(value: Uint8Array, what: string): GeneralName[] {
  const seq = parseSingle(value, TAG.SEQUENCE, what);
  return children(seq).map(parseGeneralName);
}

function parseSubtrees(tlv: TLV): GeneralName[] {
  return children(tlv).map((subtree) => {
    if (subtree.tag !== TAG.SEQUENCE) throw new DERSyntaxError("GeneralSubtree: expected SEQUENCE", subtree.start);
    const [base, ...rest] = children(subtree);
    if (base === undefined) throw new DERSyntaxError("GeneralSubtree: no base", subtree.start);
    // minimum [0] DEFAULT 0 (so never encoded in DER) and maximum [1] are not used by any profile.
    if (rest.length > 0) throw new SubtreeMinMaxError();
    return parseGeneralName(base);
  });
}

class SubtreeMinMaxError extends Error {}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function parseExtensions(cert: Mutable<ParsedCert>, defects: Defect[], extensionsTLV: TLV): void {
  const list = parseSingleChild(extensionsTLV);
  const seen = new Set<string>();
  const extensions: Extension[] = [];
  for (const ext of children(list)) {
    if (ext.tag !== TAG.SEQUENCE) throw new DERSyntaxError("Extension: expected SEQUENCE", ext.start);
    const parts = children(ext);
    const [oidTLV] = parts;
    let critical = false;
    let valueTLV = parts[1];
    if (valueTLV?.tag === TAG.BOOLEAN) {
      critical = decodeBoolean(valueTLV);
      // DER forbids encoding the DEFAULT value; tolerate it as OpenSSL does, but note it.
      valueTLV = parts[2];
      if (parts.length !== 3) throw new DERSyntaxError("Extension: malformed", ext.start);
    } else if (parts.length !== 2) {
      throw new DERSyntaxError("Extension: malformed", ext.start);
    }
    if (oidTLV?.tag !== TAG.OID || valueTLV?.tag !== TAG.OCTET_STRING) throw new DERSyntaxError("Extension: malformed", ext.start);
    const oid = decodeOID(oidTLV);
    if (seen.has(oid)) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: `duplicate extension ${oid}` });
    seen.add(oid);
    extensions.push({ oid, critical, value: contents(valueTLV) });
  }
  if (extensions.length === 0) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "empty extensions list" });
  cert.extensions = extensions;
  for (const ext of extensions) {
    try {
      decodeExtension(cert, defects, ext);
    } catch (error) {
      if (error instanceof SubtreeMinMaxError) {
        defects.push({ code: V.X509_V_ERR_SUBTREE_MINMAX, reason: "name constraint with a minimum or maximum" });
        continue;
      }
      if (!(error instanceof DERSyntaxError)) throw error;
      defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: `malformed extension ${ext.oid}: ${error.message}` });
    }
  }
}

function parseSingleChild(tlv: TLV): TLV {
  const [only, extra] = children(tlv);
  if (only === undefined || extra !== undefined) throw new DERSyntaxError("explicit tag must wrap one element", tlv.start);
  return only;
}

function decodeExtension(cert: Mutable<ParsedCert>, defects: Defect[], ext: Extension): void {
  switch (ext.oid) {
    case OID.basicConstraints: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "BasicConstraints");
      let ca = false;
      let pathLen: number | undefined;
      const items = children(seq);
      let index = 0;
      if (items[index]?.tag === TAG.BOOLEAN) ca = decodeBoolean(items[index++] as TLV);
      if (items[index]?.tag === TAG.INTEGER) pathLen = decodeSmallInteger(items[index++] as TLV);
      if (index !== items.length) throw new DERSyntaxError("BasicConstraints: malformed", 0);
      cert.basicConstraints = { ca, pathLen, critical: ext.critical };
      return;
    }
    case OID.keyUsage: {
      const { bits } = decodeBitString(parseSingle(ext.value, TAG.BIT_STRING, "KeyUsage"));
      let mask = 0;
      for (let bit = 0; bit < 9; bit++) if ((((bits[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1) mask |= 1 << bit;
      if (mask === 0) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "keyUsage with no bit set" });
      cert.keyUsage = mask;
      return;
    }
    case OID.extKeyUsage: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "ExtKeyUsageSyntax");
      const oids = children(seq).map((item) => {
        if (item.tag !== TAG.OID) throw new DERSyntaxError("KeyPurposeId: expected OID", item.start);
        return decodeOID(item);
      });
      if (oids.length === 0) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "empty extKeyUsage" });
      cert.extKeyUsage = oids;
      return;
    }
    case OID.subjectAltName: {
      const names = parseGeneralNames(ext.value, "SubjectAltName");
      if (names.length === 0) defects.push({ code: V.X509_V_ERR_EMPTY_SUBJECT_ALT_NAME, reason: "empty subjectAltName" });
      cert.subjectAltName = names;
      return;
    }
    case OID.issuerAltName:
      parseGeneralNames(ext.value, "IssuerAltName");
      return;
    case OID.nameConstraints: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "NameConstraints");
      let permitted: GeneralName[] | undefined;
      let excluded: GeneralName[] | undefined;
      for (const part of children(seq)) {
        if (part.tag === 0xa0 && permitted === undefined && excluded === undefined) permitted = parseSubtrees(part);
        else if (part.tag === 0xa1 && excluded === undefined) excluded = parseSubtrees(part);
        else throw new DERSyntaxError("NameConstraints: malformed", part.start);
      }
      if ((permitted?.length ?? 0) === 0 && (excluded?.length ?? 0) === 0) {
        defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "nameConstraints with neither permitted nor excluded subtrees" });
      }
      cert.nameConstraints = { permitted, excluded };
      return;
    }
    case OID.authorityKeyIdentifier: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "AuthorityKeyIdentifier");
      let keyId: Uint8Array | undefined;
      let hasIssuer = false;
      let hasSerial = false;
      let last = -1;
      for (const part of children(seq)) {
        const index = part.tag === 0x80 ? 0 : part.tag === 0xa1 ? 1 : part.tag === 0x82 ? 2 : -1;
        if (index <= last) throw new DERSyntaxError("AuthorityKeyIdentifier: malformed", part.start);
        last = index;
        if (index === 0) keyId = contents(part);
        else if (index === 1) {
          hasIssuer = true;
          children(part).forEach(parseGeneralName);
        } else {
          hasSerial = true;
          integerBytes({ ...part, tag: TAG.INTEGER });
        }
      }
      if (hasIssuer !== hasSerial) throw new DERSyntaxError("AuthorityKeyIdentifier: issuer and serial must come together", 0);
      cert.authorityKeyId = { keyId, hasIssuer, hasSerial };
      return;
    }
    case OID.subjectKeyIdentifier:
      cert.subjectKeyId = contents(parseSingle(ext.value, TAG.OCTET_STRING, "SubjectKeyIdentifier"));
      return;
    case OID.authorityInfoAccess: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "AuthorityInfoAccessSyntax");
      const items = children(seq);
      if (items.length === 0) throw new DERSyntaxError("AuthorityInfoAccessSyntax: empty", 0);
      for (const item of items) {
        const [method, location, extra] = children(item);
        if (item.tag !== TAG.SEQUENCE || method?.tag !== TAG.OID || location === undefined || extra !== undefined) {
          throw new DERSyntaxError("AccessDescription: malformed", item.start);
        }
        parseGeneralName(location);
      }
      return;
    }
    case OID.certificatePolicies: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "CertificatePolicies");
      if (children(seq).length === 0) throw new DERSyntaxError("CertificatePolicies: empty", 0);
      return;
    }
    case OID.policyConstraints: {
      const seq = parseSingle(ext.value, TAG.SEQUENCE, "PolicyConstraints");
      if (children(seq).length === 0) throw new DERSyntaxError("PolicyConstraints: empty", 0);
      return;
    }
    default:
      return;
  }
}

/**
 * Decodes one DER certificate for path validation.
 *
 * @throws DERSyntaxError when the certificate envelope is not DER.
 */
export function parseCertificate(der: Uint8Array): ParsedCert {
  const defects: Defect[] = [];
  const cert = parseSingle(der, TAG.SEQUENCE, "Certificate");
  const [tbsTLV, sigAlgTLV, sigTLV, extra] = children(cert);
  if (tbsTLV?.tag !== TAG.SEQUENCE || sigAlgTLV === undefined || sigTLV?.tag !== TAG.BIT_STRING || extra !== undefined) {
    throw new DERSyntaxError("Certificate: expected tbsCertificate, signatureAlgorithm, signatureValue", 0);
  }
  const signatureAlgorithm = parseAlgorithm(sigAlgTLV);
  const { bits: signature, unused } = decodeBitString(sigTLV);
  if (unused !== 0) throw new DERSyntaxError("signatureValue has unused bits", sigTLV.start);

  const fields = children(tbsTLV);
  let index = 0;
  let version = 0;
  const first = fields[0];
  if (first?.tag === 0xa0) {
    version = decodeSmallInteger(expectTLV(der, first.contentStart, first.end, TAG.INTEGER, "version"));
    if (parseSingleChild(first).end !== first.end) throw new DERSyntaxError("version: trailing data", first.start);
    if (version > 2) throw new DERSyntaxError(`unknown certificate version ${version + 1}`, first.start);
    if (version === 0) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "explicitly encoded default version" });
    index++;
  }
  const serialTLV = fields[index++];
  const tbsSigTLV = fields[index++];
  const issuerTLV = fields[index++];
  const validityTLV = fields[index++];
  const subjectTLV = fields[index++];
  const spkiTLV = fields[index++];
  if (serialTLV?.tag !== TAG.INTEGER || tbsSigTLV === undefined || issuerTLV === undefined || validityTLV?.tag !== TAG.SEQUENCE || subjectTLV === undefined || spkiTLV === undefined) {
    throw new DERSyntaxError("TBSCertificate: missing fields", tbsTLV.start);
  }
  const serial = integerBytes(serialTLV);
  const tbsSignatureAlgorithm = parseAlgorithm(tbsSigTLV);
  const issuer = parseName(issuerTLV);
  const subject = parseName(subjectTLV);
  const [notBeforeTLV, notAfterTLV, extraTime] = children(validityTLV);
  if (notBeforeTLV === undefined || notAfterTLV === undefined || extraTime !== undefined) throw new DERSyntaxError("Validity: malformed", validityTLV.start);
  const notBefore = parseTime(notBeforeTLV);
  const notAfter = parseTime(notAfterTLV);
  if (notBefore === undefined) defects.push({ code: V.X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, reason: "malformed notBefore" });
  if (notAfter === undefined) defects.push({ code: V.X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD, reason: "malformed notAfter" });
  const publicKey = parsePublicKey(spkiTLV);

  const result: Mutable<ParsedCert> = {
    der,
    tbs: encoding(tbsTLV),
    version,
    serial,
    tbsSignatureAlgorithm,
    signatureAlgorithm,
    signature,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    extensions: [],
    basicConstraints: undefined,
    keyUsage: undefined,
    extKeyUsage: undefined,
    subjectAltName: undefined,
    nameConstraints: undefined,
    authorityKeyId: undefined,
    subjectKeyId: undefined,
    selfIssued: issuer.key === subject.key,
    defects,
  };
  let last = 0;
  for (const field of fields.slice(index)) {
    const order = field.tag === 0x81 || field.tag === 0xa1 ? 1 : field.tag === 0x82 || field.tag === 0xa2 ? 2 : field.tag === 0xa3 ? 3 : -1;
    if (order <= last) throw new DERSyntaxError("TBSCertificate: unexpected field", field.start);
    last = order;
    if (order < 3 && version < 1) defects.push({ code: V.X509_V_ERR_INVALID_EXTENSION, reason: "unique identifiers need version 2 or 3" });
    if (order === 3) {
      if (version < 2) defects.push({ code: V.X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3, reason: "extensions in a version 1 or 2 certificate" });
      parseExtensions(result, defects, field);
    }
  }
  if (!bytesEqual(tbsSignatureAlgorithm.der, signatureAlgorithm.der)) {
    defects.push({ code: V.X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY, reason: "tbsCertificate.signature differs from signatureAlgorithm" });
  }
  return result;
}

