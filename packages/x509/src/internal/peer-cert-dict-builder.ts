import type { PeerCertDict, SubjectAltNameEntry } from "../peer-cert-dict.js";
import { utf8OrThrow } from "./asn1-string.js";
import { berToDefinite, hasIndefiniteLength } from "./ber-to-der.js";
import { printASN1Time } from "./asn1-time.js";
import { DerReader, hexUpper, stringContent, Tag } from "./der.js";
import type { ParsedCertificate } from "./der-certificate.js";
import { checkBitString, findUniqueExtension } from "./der-certificate.js";
import { checkGeneralName, checkGeneralNames, generalNameEntries, GeneralNameTag } from "./der-general-name.js";
import { integerMagnitude } from "./der-integer.js";
import { checkAttributes, nameToRDNs } from "./der-name.js";
import { checkOID } from "./oids.js";

/** `2.5.29.17`, `1.3.6.1.5.5.7.1.1`, `2.5.29.31` as DER content octets. */
export const OID_SUBJECT_ALT_NAME: Uint8Array = Uint8Array.of(0x55, 0x1d, 0x11);
export const OID_AUTHORITY_INFO_ACCESS: Uint8Array = Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01);
export const OID_CRL_DISTRIBUTION_POINTS: Uint8Array = Uint8Array.of(0x55, 0x1d, 0x1f);
const AD_OCSP = 0x01;
const AD_CA_ISSUERS = 0x02;

/** Runs an OpenSSL-style `d2i` of an extension: any decoding failure means "no such extension". */
function decodes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

/** The unique extension's value `[bytes, start, end]`, or undefined (absent or duplicated, as `X509_get_ext_d2i`). */
function extensionValue(cert: ParsedCertificate, oid: Uint8Array): [Uint8Array, number, number] | undefined {
  const index = findUniqueExtension(cert, oid);
  if (index < 0) return undefined;
  const [bytes, start, end] = cert.extensionValue(index);
  // X509V3_EXT_d2i reads BER too: give an extension value with indefinite lengths its definite form.
  if (hasIndefiniteLength(bytes, start, end)) {
    try {
      const { der } = berToDefinite(bytes, start, end);
      return [der, 0, der.length];
    } catch {
      return [bytes, start, end];
    }
  }
  return [bytes, start, end];
}

function subjectAltNames(cert: ParsedCertificate): SubjectAltNameEntry[] | undefined {
  const range = extensionValue(cert, OID_SUBJECT_ALT_NAME);
  if (range === undefined) return undefined;
  const [bytes, rangeStart, rangeEnd] = range;
  const reader = new DerReader(bytes);
  // ASN1_item_d2i ignores bytes after the first element of the OCTET STRING.
  let start = 0;
  let end = 0;
  const valid = decodes(() => {
    end = checkGeneralNames(reader, rangeStart, rangeEnd);
    reader.read(rangeStart, end);
    start = reader.valueStart;
  });
  return valid ? generalNameEntries(bytes, start, end) : undefined;
}

function accessLocations(cert: ParsedCertificate): { ocsp: string[]; caIssuers: string[] } | undefined {
  const range = extensionValue(cert, OID_AUTHORITY_INFO_ACCESS);
  if (range === undefined) return undefined;
  const [bytes, rangeStart, rangeEnd] = range;
  const reader = new DerReader(bytes);
  const found: number[] = [];
  const valid = decodes(() => {
    const end = reader.expect(rangeStart, rangeEnd, Tag.SEQUENCE, "AuthorityInfoAccessSyntax", true);
    let p = reader.valueStart;
    while (p < end) {
      const descriptionEnd = reader.expect(p, end, Tag.SEQUENCE, "AccessDescription");
      const oidEnd = reader.expect(reader.valueStart, descriptionEnd, Tag.OID, "accessMethod");
      checkOID(bytes, reader.valueStart, oidEnd, reader.start);
      const methodStart = reader.valueStart;
      const locationEnd = checkGeneralName(reader, oidEnd, descriptionEnd);
      if (locationEnd !== descriptionEnd) throw new Error("extra field");
      found.push(methodStart, oidEnd, oidEnd);
      p = descriptionEnd;
    }
  });
  if (!valid) return undefined;
  const ocsp: string[] = [];
  const caIssuers: string[] = [];
  for (let i = 0; i < found.length; i += 3) {
    const methodStart = found[i] ?? 0;
    const methodEnd = found[i + 1] ?? 0;
    const locationStart = found[i + 2] ?? 0;
    const kind = isAccessMethod(bytes, methodStart, methodEnd);
    if (kind === 0) continue;
    reader.read(locationStart, bytes.length);
    if ((reader.tag | 0x20) !== (GeneralNameTag.URI | 0x20)) continue;
    const [content, start, end] = stringContent(reader, locationStart, bytes.length);
    const uri = utf8OrThrow(content, start, end, locationStart, "AIA URI");
    (kind === AD_OCSP ? ocsp : caIssuers).push(uri);
  }
  return { ocsp, caIssuers };
}

/** 1 for id-ad-ocsp, 2 for id-ad-caIssuers (`1.3.6.1.5.5.7.48.1/2`), else 0. */
function isAccessMethod(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 8) return 0;
  const prefix = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30];
  for (let i = 0; i < 7; i++) if (bytes[start + i] !== prefix[i]) return 0;
  const last = bytes[start + 7];
  return last === AD_OCSP || last === AD_CA_ISSUERS ? last : 0;
}

/**
 * Validates CRLDistributionPoints and returns the offsets of the fullName GeneralNames of every
 * distribution point (CPython reads only those; relative names are skipped).
 *
 * ```asn1
 * DistributionPoint ::= SEQUENCE { distributionPoint [0] EXPLICIT DistributionPointName OPTIONAL,
 *   reasons [1] IMPLICIT BIT STRING OPTIONAL, cRLIssuer [2] IMPLICIT GeneralNames OPTIONAL }
 * DistributionPointName ::= CHOICE { fullName [0] IMPLICIT GeneralNames,
 *   nameRelativeToCRLIssuer [1] IMPLICIT RelativeDistinguishedName }
 * ```
 */
export function checkCRLDistributionPoints(reader: DerReader, start: number, limit: number, fullNames: number[]): void {
  const end = reader.expect(start, limit, Tag.SEQUENCE, "CRLDistributionPoints", true);
  let p = reader.valueStart;
  while (p < end) {
    const pointEnd = reader.expect(p, end, Tag.SEQUENCE, "DistributionPoint");
    let q = reader.valueStart;
    if (q < pointEnd) {
      reader.read(q, pointEnd);
      if (reader.is(0xa0)) {
        const nameEnd = reader.end;
        const choiceEnd = reader.read(reader.valueStart, nameEnd);
        if (choiceEnd !== nameEnd) throw new Error("extra data in distributionPoint");
        if (reader.is(0xa0) || reader.is(0x80)) {
          const namesStart = reader.valueStart;
          checkGeneralNames(reader, reader.start, nameEnd, 0xa0);
          fullNames.push(namesStart, choiceEnd);
        } else if (reader.is(0xa1) || reader.is(0x81)) {
          checkAttributes(reader, reader.valueStart, choiceEnd, false);
        } else {
          throw new Error("bad DistributionPointName");
        }
        q = nameEnd;
        if (q < pointEnd) reader.read(q, pointEnd);
      }
    }
    if (q < pointEnd && reader.is(0x81)) {
      checkBitString(reader);
      q = reader.end;
      if (q < pointEnd) reader.read(q, pointEnd);
    }
    if (q < pointEnd && (reader.is(0xa2) || reader.is(0x82))) {
      q = checkGeneralNames(reader, q, pointEnd, 0xa2);
    }
    if (q !== pointEnd) throw new Error("extra data in DistributionPoint");
    p = pointEnd;
  }
}

function crlDistributionPoints(cert: ParsedCertificate): string[] | undefined {
  const range = extensionValue(cert, OID_CRL_DISTRIBUTION_POINTS);
  if (range === undefined) return undefined;
  const [bytes, rangeStart, rangeEnd] = range;
  const reader = new DerReader(bytes);
  const fullNames: number[] = [];
  if (!decodes(() => { checkCRLDistributionPoints(reader, rangeStart, rangeEnd, fullNames); })) return undefined;
  const uris: string[] = [];
  for (let i = 0; i < fullNames.length; i += 2) {
    let p = fullNames[i] ?? 0;
    const end = fullNames[i + 1] ?? 0;
    while (p < end) {
      const next = reader.read(p, end);
      if ((reader.tag | 0x20) === (GeneralNameTag.URI | 0x20)) {
        const [content, start, stop] = stringContent(reader, p, end);
        uris.push(utf8OrThrow(content, start, stop, p, "CRL distribution point URI"));
      }
      p = next;
    }
  }
  return uris.length > 0 ? uris : undefined;
}

/** `ASN1_INTEGER_get(version) + 1` with OpenSSL's overflow rule: a value outside int64 reads as -1. */
export function versionNumber(cert: ParsedCertificate): number {
  const { bytes, versionValueStart: start, versionValueEnd: end } = cert;
  if (start === end) return 1;
  const { negative, magnitude } = integerMagnitude(bytes, start, end, start);
  if (magnitude.length > 8) return 0;
  let value = 0n;
  for (const b of magnitude) value = (value << 8n) | BigInt(b);
  if (negative) value = -value;
  if (value > 0x7fffffffffffffffn || value < -0x8000000000000000n) return 0;
  return Number(BigInt.asIntN(64, value + 1n));
}

/** The serial as `i2a_ASN1_INTEGER` prints its first line (CPython reads one line with `BIO_gets`). */
export function serialText(bytes: Uint8Array, start: number, end: number): string {
  const { negative, magnitude } = integerMagnitude(bytes, start, end, start);
  const sign = negative ? "-" : "";
  if (magnitude.length > 35) return `${sign}${hexUpper(magnitude, 0, 35)}\\\n`;
  return sign + hexUpper(magnitude, 0, magnitude.length);
}

/** Builds CPython's `_decode_certificate` dict from a parsed certificate. */
export function buildPeerCertDict(cert: ParsedCertificate): PeerCertDict {
  const { bytes } = cert;
  const subject = nameToRDNs(bytes, cert.subjectStart, cert.subjectEnd);
  const issuer = nameToRDNs(bytes, cert.issuerStart, cert.issuerEnd);
  const base = {
    subject,
    issuer,
    version: versionNumber(cert),
    serialNumber: serialText(bytes, cert.serialValueStart, cert.serialValueEnd),
    notBefore: printASN1Time(cert.notBeforeBytes, cert.notBeforeTag, cert.notBeforeValueStart, cert.notBeforeValueEnd),
    notAfter: printASN1Time(cert.notAfterBytes, cert.notAfterTag, cert.notAfterValueStart, cert.notAfterValueEnd),
  };
  if (cert.extensions.length === 0) return base;
  const dict: {
    -readonly [K in keyof PeerCertDict]: PeerCertDict[K];
  } = base;
  const san = subjectAltNames(cert);
  if (san !== undefined) dict.subjectAltName = san;
  const access = accessLocations(cert);
  if (access !== undefined) {
    if (access.ocsp.length > 0) dict.OCSP = access.ocsp;
    if (access.caIssuers.length > 0) dict.caIssuers = access.caIssuers;
  }
  const crl = crlDistributionPoints(cert);
  if (crl !== undefined) dict.crlDistributionPoints = crl;
  return dict;
}
