import { X509ErrorCode } from "../error-codes.js";
import { latin1, utf8 } from "./asn1-string.js";
import { DerReader, fail, stringContent, Tag } from "./der.js";
import { checkBitString } from "./der-certificate.js";
import { checkGeneralName } from "./der-general-name.js";
import { readBigInt } from "./der-integer.js";
import { checkOID, oidToDotted } from "./oids.js";
import { nameToRFC4514 } from "./rfc4514.js";

/** The kinds of RFC 5280 GeneralName. */
export type GeneralNameType = "otherName" | "email" | "dns" | "x400Address" | "directoryName" | "ediPartyName" | "uri" | "ip" | "registeredID";

/** One GeneralName of a certificate extension, structured. */
export interface GeneralName {
  /** Which CHOICE of GeneralName this is. */
  readonly type: GeneralNameType;
  /**
   * Text form: the string for `dns`/`email`/`uri` (Latin-1 when not UTF-8), the address for `ip`
   * (`"192.0.2.1"`, `"2001:db8::1"`; `"10.0.0.0/255.0.0.0"` in name constraints; hex otherwise),
   * RFC 4514 for `directoryName`, the dotted OID for `registeredID` and the type-id for `otherName`.
   */
  readonly value: string;
  /** The content octets (the address bytes for `ip`, the Name DER for `directoryName`, …). */
  readonly bytes: Uint8Array;
}

/** `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }` */
export interface BasicConstraints {
  /** The `cA` flag: whether the subject is a CA (`false` when the field is absent). */
  readonly ca: boolean;
  /** `undefined` when absent. */
  readonly pathLength: number | undefined;
}

/** `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0], authorityCertIssuer [1], authorityCertSerialNumber [2] }` */
export interface AuthorityKeyIdentifier {
  /** The `keyIdentifier` octets (the issuer's Subject Key Identifier), or `undefined` when absent. */
  readonly keyIdentifier: Uint8Array | undefined;
  /** The `authorityCertIssuer` names (the issuer's issuer), or `undefined` when absent. */
  readonly authorityCertIssuer: readonly GeneralName[] | undefined;
  /** The `authorityCertSerialNumber` (the issuer certificate's serial), or `undefined` when absent. */
  readonly authorityCertSerialNumber: bigint | undefined;
}

/** Authority Information Access, split by access method. */
export interface AuthorityInfoAccess {
  /** `id-ad-ocsp` locations. */
  readonly ocsp: readonly GeneralName[];
  /** `id-ad-caIssuers` locations. */
  readonly caIssuers: readonly GeneralName[];
  /** Every AccessDescription in order, with its method OID. */
  readonly all: readonly {
    /** The `accessMethod` OID, dotted (`"1.3.6.1.5.5.7.48.1"` for OCSP). */
    readonly method: string;
    /** The `accessLocation`. */
    readonly location: GeneralName;
  }[];
}

/** One DistributionPoint of the CRL Distribution Points extension. */
export interface DistributionPoint {
  /** `fullName` names; `undefined` when absent or given as a relative name. */
  readonly fullName: readonly GeneralName[] | undefined;
  /** `nameRelativeToCRLIssuer` as RFC 4514 text. */
  readonly relativeName: string | undefined;
  /** The reason flags bits (first byte is bit 0..7), or `undefined`. */
  readonly reasons: Uint8Array | undefined;
  /** The `cRLIssuer` names (an indirect CRL's issuer), or `undefined` when absent. */
  readonly crlIssuer: readonly GeneralName[] | undefined;
}

/** One PolicyInformation of Certificate Policies. */
export interface PolicyInformation {
  /** The policy OID, dotted (`"2.23.140.1.2.1"`, `"2.5.29.32.0"` for anyPolicy). */
  readonly policy: string;
  /** Qualifiers: CPS URIs and user notice texts as found; other qualifiers as their OID. */
  readonly qualifiers: readonly {
    /** The `policyQualifierId` OID, dotted (`"1.3.6.1.5.5.7.2.1"` for a CPS URI, `…2.2` for a user notice). */
    readonly id: string;
    /** The CPS URI or the user notice's explicit text; `undefined` for other qualifiers or a notice without text. */
    readonly value: string | undefined;
  }[];
}

/** One GeneralSubtree of Name Constraints. */
export interface GeneralSubtree {
  /** The name (or address range) that defines the subtree. */
  readonly base: GeneralName;
  /** The `minimum` distance (RFC 5280 requires 0, which is also the default). */
  readonly minimum: number;
  /** The `maximum` distance, or `undefined` when absent (RFC 5280 requires it absent). */
  readonly maximum: number | undefined;
}

/** `NameConstraints ::= SEQUENCE { permittedSubtrees [0], excludedSubtrees [1] }` */
export interface NameConstraints {
  /** The `permittedSubtrees`; empty when absent. */
  readonly permitted: readonly GeneralSubtree[];
  /** The `excludedSubtrees`; empty when absent. */
  readonly excluded: readonly GeneralSubtree[];
}

function bad(reader: DerReader, what: string): never {
  return fail(X509ErrorCode.BAD_EXTENSION, `malformed ${what} extension`, reader.start);
}

/** Runs a strict extension parser; any DER error becomes `ERR_SSLKIT_X509_BAD_EXTENSION` at its offset. */
export function parseExtension<T>(bytes: Uint8Array, start: number, end: number, what: string, parse: (reader: DerReader, start: number, end: number) => T): T {
  const reader = new DerReader(bytes);
  try {
    return parse(reader, start, end);
  } catch (error) {
    const offset = (error as { offset?: number }).offset ?? start;
    return fail(X509ErrorCode.BAD_EXTENSION, `malformed ${what} extension: ${(error as Error).message}`, offset);
  }
}

function expectEnd(reader: DerReader, position: number, end: number, what: string): void {
  if (position !== end) fail(X509ErrorCode.TRAILING_DATA, `data after the ${what}`, position);
}

function ipText(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  const part = (from: number, count: number): string => {
    if (count === 4) return `${bytes[from]}.${bytes[from + 1]}.${bytes[from + 2]}.${bytes[from + 3]}`;
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((((bytes[from + i] ?? 0) << 8) | (bytes[from + i + 1] ?? 0)).toString(16));
    return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::").replace(/:{3,}/, "::");
  };
  if (length === 4 || length === 16) return part(start, length);
  if (length === 8 || length === 32) return `${part(start, length / 2)}/${part(start + length / 2, length / 2)}`;
  let out = "";
  for (let i = start; i < end; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, "0");
  return out;
}

const TYPES: Readonly<Record<number, GeneralNameType>> = {
  0xa0: "otherName",
  0x81: "email",
  0x82: "dns",
  0xa3: "x400Address",
  0xa4: "directoryName",
  0xa5: "ediPartyName",
  0x86: "uri",
  0x87: "ip",
  0x88: "registeredID",
};

/** Reads one GeneralName at `offset` (validated) into its structured form. */
export function readGeneralName(reader: DerReader, offset: number, limit: number): GeneralName {
  const end = checkGeneralName(reader, offset, limit);
  reader.read(offset, end);
  const tag = reader.tag;
  const constructedString = tag === 0xa1 || tag === 0xa2 || tag === 0xa6 || tag === 0xa7;
  const [bytes, valueStart, stop] = constructedString ? stringContent(reader, offset, end) : [reader.bytes, reader.valueStart, end];
  if (!constructedString) reader.read(offset, end);
  const type = TYPES[constructedString ? tag & ~0x20 : tag] ?? "otherName";
  const content = bytes.slice(valueStart, stop);
  let value: string;
  switch (type) {
    case "dns":
    case "email":
    case "uri":
      value = utf8(bytes, valueStart, stop) ?? latin1(bytes, valueStart, stop);
      break;
    case "ip":
      value = ipText(bytes, valueStart, stop);
      break;
    case "directoryName":
      value = nameToRFC4514(bytes, valueStart, end);
      break;
    case "registeredID":
      value = oidToDotted(bytes, valueStart, end);
      break;
    case "otherName": {
      const oidEnd = reader.read(valueStart, end);
      value = oidToDotted(bytes, reader.valueStart, oidEnd);
      break;
    }
    default:
      value = "";
  }
  return { type, value, bytes: content };
}

/** Reads `GeneralNames` content `[start, end)`. */
export function readGeneralNames(reader: DerReader, start: number, end: number): GeneralName[] {
  const out: GeneralName[] = [];
  let p = start;
  while (p < end) {
    const next = reader.read(p, end);
    out.push(readGeneralName(reader, p, end));
    p = next;
  }
  return out;
}

/** Parses SubjectAltName / IssuerAltName: `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`. */
export function parseGeneralNamesExtension(reader: DerReader, start: number, end: number): GeneralName[] {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "GeneralNames");
  expectEnd(reader, seqEnd, end, "GeneralNames");
  return readGeneralNames(reader, reader.valueStart, seqEnd);
}

function smallInteger(reader: DerReader, what: string): number {
  const value = readBigInt(reader);
  if (value < 0n) bad(reader, what);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Parses BasicConstraints. */
export function parseBasicConstraints(reader: DerReader, start: number, end: number): BasicConstraints {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "BasicConstraints");
  expectEnd(reader, seqEnd, end, "BasicConstraints");
  let p = reader.valueStart;
  let ca = false;
  let pathLength: number | undefined;
  if (p < seqEnd) {
    p = reader.read(p, seqEnd);
    if (reader.is(Tag.BOOLEAN)) {
      if (p - reader.valueStart !== 1) bad(reader, "basicConstraints");
      ca = reader.bytes[reader.valueStart] !== 0;
      if (p < seqEnd) p = reader.read(p, seqEnd);
      else return { ca, pathLength };
    }
    if (!reader.is(Tag.INTEGER)) bad(reader, "basicConstraints");
    pathLength = smallInteger(reader, "basicConstraints");
  }
  expectEnd(reader, p, seqEnd, "BasicConstraints");
  return { ca, pathLength };
}

const KEY_USAGE_NAMES = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"] as const;

/** A key usage bit name (RFC 5280 §4.2.1.3). */
export type CertificateKeyUsage = (typeof KEY_USAGE_NAMES)[number];

/** Parses KeyUsage (a BIT STRING) into the names of the bits set. */
export function parseKeyUsage(reader: DerReader, start: number, end: number): CertificateKeyUsage[] {
  const bitsEnd = reader.expect(start, end, Tag.BIT_STRING, "KeyUsage BIT STRING");
  expectEnd(reader, bitsEnd, end, "KeyUsage");
  checkBitString(reader);
  const out: CertificateKeyUsage[] = [];
  const { bytes, valueStart } = reader;
  KEY_USAGE_NAMES.forEach((name, bit) => {
    const index = valueStart + 1 + (bit >> 3);
    if (index < bitsEnd && ((bytes[index] ?? 0) & (0x80 >> (bit & 7))) !== 0) out.push(name);
  });
  return out;
}

/** Parses ExtKeyUsageSyntax into dotted OIDs. */
export function parseExtKeyUsage(reader: DerReader, start: number, end: number): string[] {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "ExtKeyUsageSyntax");
  expectEnd(reader, seqEnd, end, "ExtKeyUsageSyntax");
  const out: string[] = [];
  let p = reader.valueStart;
  while (p < seqEnd) {
    p = reader.expect(p, seqEnd, Tag.OID, "KeyPurposeId");
    checkOID(reader.bytes, reader.valueStart, p, reader.start);
    out.push(oidToDotted(reader.bytes, reader.valueStart, p));
  }
  return out;
}

/** Parses SubjectKeyIdentifier (an OCTET STRING). */
export function parseSubjectKeyIdentifier(reader: DerReader, start: number, end: number): Uint8Array {
  const octetsEnd = reader.expect(start, end, Tag.OCTET_STRING, "SubjectKeyIdentifier");
  expectEnd(reader, octetsEnd, end, "SubjectKeyIdentifier");
  return reader.bytes.slice(reader.valueStart, octetsEnd);
}

/** Parses AuthorityKeyIdentifier. */
export function parseAuthorityKeyIdentifier(reader: DerReader, start: number, end: number): AuthorityKeyIdentifier {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "AuthorityKeyIdentifier");
  expectEnd(reader, seqEnd, end, "AuthorityKeyIdentifier");
  let keyIdentifier: Uint8Array | undefined;
  let authorityCertIssuer: GeneralName[] | undefined;
  let authorityCertSerialNumber: bigint | undefined;
  let p = reader.valueStart;
  if (p < seqEnd && reader.read(p, seqEnd) && reader.is(0x80)) {
    keyIdentifier = reader.bytes.slice(reader.valueStart, reader.end);
    p = reader.end;
  }
  if (p < seqEnd && reader.read(p, seqEnd) && reader.is(0xa1)) {
    const next = reader.end;
    authorityCertIssuer = readGeneralNames(reader, reader.valueStart, next);
    p = next;
  }
  if (p < seqEnd && reader.read(p, seqEnd) && reader.is(0x82)) {
    const next = reader.end;
    reader.tag = Tag.INTEGER;
    authorityCertSerialNumber = readBigInt(reader);
    p = next;
  }
  expectEnd(reader, p, seqEnd, "AuthorityKeyIdentifier");
  return { keyIdentifier, authorityCertIssuer, authorityCertSerialNumber };
}

/** Parses AuthorityInfoAccessSyntax. */
export function parseAuthorityInfoAccess(reader: DerReader, start: number, end: number): AuthorityInfoAccess {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "AuthorityInfoAccessSyntax");
  expectEnd(reader, seqEnd, end, "AuthorityInfoAccessSyntax");
  const ocsp: GeneralName[] = [];
  const caIssuers: GeneralName[] = [];
  const all: { method: string; location: GeneralName }[] = [];
  let p = reader.valueStart;
  while (p < seqEnd) {
    const descriptionEnd = reader.expect(p, seqEnd, Tag.SEQUENCE, "AccessDescription");
    const oidEnd = reader.expect(reader.valueStart, descriptionEnd, Tag.OID, "accessMethod");
    checkOID(reader.bytes, reader.valueStart, oidEnd, reader.start);
    const method = oidToDotted(reader.bytes, reader.valueStart, oidEnd);
    const locationEnd = reader.read(oidEnd, descriptionEnd);
    const location = readGeneralName(reader, oidEnd, descriptionEnd);
    expectEnd(reader, locationEnd, descriptionEnd, "AccessDescription");
    if (method === "1.3.6.1.5.5.7.48.1") ocsp.push(location);
    if (method === "1.3.6.1.5.5.7.48.2") caIssuers.push(location);
    all.push({ method, location });
    p = descriptionEnd;
  }
  return { ocsp, caIssuers, all };
}

/** Parses CRLDistributionPoints. */
export function parseCRLDistributionPoints(reader: DerReader, start: number, end: number): DistributionPoint[] {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "CRLDistributionPoints");
  expectEnd(reader, seqEnd, end, "CRLDistributionPoints");
  const out: DistributionPoint[] = [];
  let p = reader.valueStart;
  while (p < seqEnd) {
    const pointEnd = reader.expect(p, seqEnd, Tag.SEQUENCE, "DistributionPoint");
    let q = reader.valueStart;
    let fullName: GeneralName[] | undefined;
    let relativeName: string | undefined;
    let reasons: Uint8Array | undefined;
    let crlIssuer: GeneralName[] | undefined;
    if (q < pointEnd && reader.read(q, pointEnd) && reader.is(0xa0)) {
      const next = reader.end;
      const choiceEnd = reader.read(reader.valueStart, next);
      expectEnd(reader, choiceEnd, next, "DistributionPointName");
      if (reader.is(0xa0)) fullName = readGeneralNames(reader, reader.valueStart, choiceEnd);
      else if (reader.is(0xa1)) relativeName = nameToRFC4514(reader.bytes, reader.start, choiceEnd, true);
      else bad(reader, "cRLDistributionPoints");
      q = next;
    }
    if (q < pointEnd && reader.read(q, pointEnd) && reader.is(0x81)) {
      checkBitString(reader);
      reasons = reader.bytes.slice(reader.valueStart + 1, reader.end);
      q = reader.end;
    }
    if (q < pointEnd && reader.read(q, pointEnd) && reader.is(0xa2)) {
      const next = reader.end;
      crlIssuer = readGeneralNames(reader, reader.valueStart, next);
      q = next;
    }
    expectEnd(reader, q, pointEnd, "DistributionPoint");
    out.push({ fullName, relativeName, reasons, crlIssuer });
    p = pointEnd;
  }
  return out;
}

/** Parses CertificatePolicies. */
export function parseCertificatePolicies(reader: DerReader, start: number, end: number): PolicyInformation[] {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "CertificatePolicies");
  expectEnd(reader, seqEnd, end, "CertificatePolicies");
  const { bytes } = reader;
  const out: PolicyInformation[] = [];
  let p = reader.valueStart;
  while (p < seqEnd) {
    const infoEnd = reader.expect(p, seqEnd, Tag.SEQUENCE, "PolicyInformation");
    let q = reader.expect(reader.valueStart, infoEnd, Tag.OID, "policyIdentifier");
    checkOID(bytes, reader.valueStart, q, reader.start);
    const policy = oidToDotted(bytes, reader.valueStart, q);
    const qualifiers: { id: string; value: string | undefined }[] = [];
    if (q < infoEnd) {
      const listEnd = reader.expect(q, infoEnd, Tag.SEQUENCE, "policyQualifiers");
      let r = reader.valueStart;
      while (r < listEnd) {
        const qualifierEnd = reader.expect(r, listEnd, Tag.SEQUENCE, "PolicyQualifierInfo");
        const idEnd = reader.expect(reader.valueStart, qualifierEnd, Tag.OID, "policyQualifierId");
        checkOID(bytes, reader.valueStart, idEnd, reader.start);
        const id = oidToDotted(bytes, reader.valueStart, idEnd);
        let value: string | undefined;
        if (idEnd < qualifierEnd) {
          const valueEnd = reader.read(idEnd, qualifierEnd);
          if (id === "1.3.6.1.5.5.7.2.1" && reader.is(Tag.IA5_STRING)) value = latin1(bytes, reader.valueStart, valueEnd);
          else if (id === "1.3.6.1.5.5.7.2.2") value = userNoticeText(reader, reader.start, valueEnd);
          expectEnd(reader, valueEnd, qualifierEnd, "PolicyQualifierInfo");
        }
        qualifiers.push({ id, value });
        r = qualifierEnd;
      }
      q = listEnd;
    }
    expectEnd(reader, q, infoEnd, "PolicyInformation");
    out.push({ policy, qualifiers });
    p = infoEnd;
  }
  return out;
}

/** The explicitText of a UserNotice, if any. */
function userNoticeText(reader: DerReader, start: number, end: number): string | undefined {
  const noticeEnd = reader.expect(start, end, Tag.SEQUENCE, "UserNotice");
  let p = reader.valueStart;
  let text: string | undefined;
  while (p < noticeEnd) {
    const next = reader.read(p, noticeEnd);
    if (!reader.is(Tag.SEQUENCE)) {
      const { bytes, tag, valueStart } = reader;
      text = tag === Tag.BMP_STRING ? String.fromCharCode(...Array.from({ length: (next - valueStart) >> 1 }, (_, i) => ((bytes[valueStart + 2 * i] ?? 0) << 8) | (bytes[valueStart + 2 * i + 1] ?? 0))) : (utf8(bytes, valueStart, next) ?? latin1(bytes, valueStart, next));
    }
    p = next;
  }
  return text;
}

function readSubtrees(reader: DerReader, start: number, end: number): GeneralSubtree[] {
  const out: GeneralSubtree[] = [];
  let p = start;
  while (p < end) {
    const subtreeEnd = reader.expect(p, end, Tag.SEQUENCE, "GeneralSubtree");
    const baseEnd = reader.read(reader.valueStart, subtreeEnd);
    const base = readGeneralName(reader, reader.start, subtreeEnd);
    let q = baseEnd;
    let minimum = 0;
    let maximum: number | undefined;
    if (q < subtreeEnd && reader.read(q, subtreeEnd) && reader.is(0x80)) {
      q = reader.end;
      reader.tag = Tag.INTEGER;
      minimum = smallInteger(reader, "nameConstraints");
    }
    if (q < subtreeEnd && reader.read(q, subtreeEnd) && reader.is(0x81)) {
      q = reader.end;
      reader.tag = Tag.INTEGER;
      maximum = smallInteger(reader, "nameConstraints");
    }
    expectEnd(reader, q, subtreeEnd, "GeneralSubtree");
    out.push({ base, minimum, maximum });
    p = subtreeEnd;
  }
  return out;
}

/** Parses NameConstraints. */
export function parseNameConstraints(reader: DerReader, start: number, end: number): NameConstraints {
  const seqEnd = reader.expect(start, end, Tag.SEQUENCE, "NameConstraints");
  expectEnd(reader, seqEnd, end, "NameConstraints");
  let permitted: GeneralSubtree[] = [];
  let excluded: GeneralSubtree[] = [];
  let p = reader.valueStart;
  if (p < seqEnd && reader.read(p, seqEnd) && reader.is(0xa0)) {
    const next = reader.end;
    permitted = readSubtrees(reader, reader.valueStart, next);
    p = next;
  }
  if (p < seqEnd && reader.read(p, seqEnd) && reader.is(0xa1)) {
    const next = reader.end;
    excluded = readSubtrees(reader, reader.valueStart, next);
    p = next;
  }
  expectEnd(reader, p, seqEnd, "NameConstraints");
  return { permitted, excluded };
}
