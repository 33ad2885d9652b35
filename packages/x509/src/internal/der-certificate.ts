import { X509ErrorCode } from "../error-codes.js";
import { collectConstructed, DerReader, fail, stringContent, Tag } from "./der.js";
import { integerPadding } from "./der-integer.js";
import { checkName } from "./der-name.js";
import { checkOID } from "./oids.js";

/**
 * Offsets of every part of one certificate inside its DER bytes, found in one pass without
 * copying. Element ranges are `[start, end)` of the whole TLV unless the name says "value".
 *
 * ```asn1
 * Certificate ::= SEQUENCE { tbsCertificate TBSCertificate,
 *   signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
 *   serialNumber INTEGER, signature AlgorithmIdentifier, issuer Name, validity Validity,
 *   subject Name, subjectPublicKeyInfo SubjectPublicKeyInfo,
 *   issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL, subjectUniqueID [2] IMPLICIT BIT STRING OPTIONAL,
 *   extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension OPTIONAL }
 * Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * ```
 */
export class ParsedCertificate {
  readonly bytes: Uint8Array;
  /** End of the certificate's outer SEQUENCE (a bundle may continue after it). */
  end = 0;
  tbsStart = 0;
  tbsEnd = 0;
  /** Range of the version INTEGER's content octets; empty when absent (v1). */
  versionValueStart = 0;
  versionValueEnd = 0;
  serialValueStart = 0;
  serialValueEnd = 0;
  innerAlgorithmStart = 0;
  innerAlgorithmEnd = 0;
  issuerStart = 0;
  issuerEnd = 0;
  /** The bytes the notBefore/notAfter ranges and the signature range index into (the input, or collected BER chunks). */
  notBeforeBytes: Uint8Array;
  notAfterBytes: Uint8Array;
  signatureBytes: Uint8Array;
  notBeforeTag = 0;
  notBeforeValueStart = 0;
  notBeforeValueEnd = 0;
  notAfterTag = 0;
  notAfterValueStart = 0;
  notAfterValueEnd = 0;
  subjectStart = 0;
  subjectEnd = 0;
  spkiStart = 0;
  spkiEnd = 0;
  /** Per extension, five numbers: OID value start, OID value end, critical (0/1), value start, value end. */
  readonly extensions: number[] = [];
  /** extnValue contents given as constructed (BER) OCTET STRINGs, concatenated, by extension index (in units of five). */
  readonly collectedValues: Map<number, Uint8Array> = new Map<number, Uint8Array>();
  /** Whether the `[3]` extensions field is present (even empty). */
  hasExtensions = false;
  signatureAlgorithmStart = 0;
  signatureAlgorithmEnd = 0;
  /** Range of the signature BIT STRING's content (after the unused-bits byte). */
  signatureValueStart = 0;
  signatureValueEnd = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.notBeforeBytes = bytes;
    this.notAfterBytes = bytes;
    this.signatureBytes = bytes;
  }

  /** The extnValue content of the extension at `index` (in units of five): `[bytes, start, end]`. */
  extensionValue(index: number): [Uint8Array, number, number] {
    const collected = this.collectedValues.get(index);
    if (collected !== undefined) return [collected, 0, collected.length];
    return [this.bytes, this.extensions[index + 3] ?? 0, this.extensions[index + 4] ?? 0];
  }
}

/** Validates an OpenSSL `ASN1_TYPE` (ANY) at the reader's element: primitives it would decode must be valid. */
export function checkAny(reader: DerReader): void {
  const { bytes, tag, valueStart, end, start } = reader;
  // OpenSSL's ANY: NULL, BOOLEAN, OID, INTEGER and ENUMERATED must be primitive, SEQUENCE and SET constructed.
  if ((tag & 0xc0) === 0) {
    const number = tag & 0x1f;
    const constructed = (tag & 0x20) !== 0;
    if (constructed && (number === 0x01 || number === 0x02 || number === 0x05 || number === 0x06 || number === 0x0a)) {
      fail(X509ErrorCode.UNEXPECTED_TAG, `constructed encoding of a primitive type (tag 0x${tag.toString(16)})`, start);
    }
    if (!constructed && (number === 0x10 || number === 0x11)) fail(X509ErrorCode.UNEXPECTED_TAG, `primitive encoding of a SEQUENCE or SET (tag 0x${tag.toString(16)})`, start);
    if (constructed && number !== 0x10 && number !== 0x11) {
      // A constructed (BER) string: its chunks must parse, and the result is checked as its type.
      const chunks: number[] = [];
      collectConstructed(reader, valueStart, end, chunks);
      if (number === Tag.BIT_STRING && (chunks.length === 0 || (chunks[0] ?? 0) > 7)) fail(X509ErrorCode.BAD_VALUE, "invalid BIT STRING", start);
      checkStringLength(number, chunks.length, start);
      reader.read(start, end);
      return;
    }
    checkStringLength(number, end - valueStart, start);
  }
  switch (tag) {
    case 0x00:
      // OpenSSL reads `00 00` as an end-of-contents marker, which a definite-length SEQUENCE may not hold.
      if (end === valueStart) fail(X509ErrorCode.UNEXPECTED_TAG, "end-of-contents marker where a value is required", start);
      break;
    case Tag.BOOLEAN:
      if (end - valueStart !== 1) fail(X509ErrorCode.BAD_VALUE, "BOOLEAN must have exactly one content byte", start);
      break;
    case Tag.NULL:
      if (end !== valueStart) fail(X509ErrorCode.BAD_VALUE, "NULL must be empty", start);
      break;
    case Tag.INTEGER:
    case 0x0a:
      integerPadding(bytes, valueStart, end, start);
      break;
    case Tag.OID:
      checkOID(bytes, valueStart, end, start);
      break;
    case Tag.BIT_STRING:
      checkBitString(reader);
      break;
    default:
      break;
  }
}

/** OpenSSL's `asn1_ex_c2i` length rules: a BMPString has an even length, a UniversalString a multiple of four. */
function checkStringLength(number: number, length: number, at: number): void {
  if (number === 0x1e && (length & 1) !== 0) fail(X509ErrorCode.BAD_VALUE, "BMPString of odd length", at);
  if (number === 0x1c && (length & 3) !== 0) fail(X509ErrorCode.BAD_VALUE, "UniversalString whose length is not a multiple of 4", at);
}

/** Checks a BIT STRING's content as OpenSSL's `c2i_ASN1_BIT_STRING`: an unused-bits byte of 0..7. */
export function checkBitString(reader: DerReader): void {
  const { bytes, valueStart, end, start } = reader;
  if (end === valueStart) fail(X509ErrorCode.BAD_VALUE, "BIT STRING without its unused-bits byte", start);
  if ((bytes[valueStart] ?? 0) > 7) fail(X509ErrorCode.BAD_VALUE, "BIT STRING with more than 7 unused bits", start);
}

/**
 * Checks the BIT STRING the reader stands on, primitive or constructed (BER chunks, which
 * OpenSSL concatenates before `c2i_ASN1_BIT_STRING`). Returns its content (unused-bits byte
 * first) as `[bytes, start, end]`; the reader is left on the element.
 */
export function readBitString(reader: DerReader): [Uint8Array, number, number] {
  const elementStart = reader.start;
  const elementEnd = reader.end;
  if ((reader.tag & 0x20) === 0) {
    checkBitString(reader);
    return [reader.bytes, reader.valueStart, elementEnd];
  }
  const chunks: number[] = [];
  collectConstructed(reader, reader.valueStart, elementEnd, chunks);
  if (chunks.length === 0) fail(X509ErrorCode.BAD_VALUE, "BIT STRING without its unused-bits byte", elementStart);
  if ((chunks[0] ?? 0) > 7) fail(X509ErrorCode.BAD_VALUE, "BIT STRING with more than 7 unused bits", elementStart);
  reader.read(elementStart, elementEnd);
  return [Uint8Array.from(chunks), 0, chunks.length];
}

/** Reads `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`. */
export function checkAlgorithmIdentifier(reader: DerReader, offset: number, limit: number): number {
  const end = reader.expect(offset, limit, Tag.SEQUENCE, "AlgorithmIdentifier SEQUENCE");
  let p = reader.expect(reader.valueStart, end, Tag.OID, "algorithm OBJECT IDENTIFIER");
  checkOID(reader.bytes, reader.valueStart, p, reader.start);
  if (p < end) {
    p = reader.read(p, end);
    checkAny(reader);
  }
  if (p !== end) fail(X509ErrorCode.TRAILING_DATA, "AlgorithmIdentifier has more than two fields", p);
  return end;
}

/** Reads a Time (UTCTime or GeneralizedTime, constructed BER chunks allowed as by OpenSSL): `[tag, bytes, start, end]` and the element end. */
function readTime(reader: DerReader, offset: number, limit: number): { tag: number; bytes: Uint8Array; start: number; end: number; next: number } {
  const next = reader.read(offset, limit);
  const tag = reader.tag & ~0x20;
  if (tag !== Tag.UTC_TIME && tag !== Tag.GENERALIZED_TIME) {
    fail(X509ErrorCode.UNEXPECTED_TAG, `expected UTCTime or GeneralizedTime, found tag 0x${reader.tag.toString(16)}`, offset);
  }
  const [bytes, start, end] = stringContent(reader, offset, limit);
  return { tag, bytes, start, end, next };
}

/**
 * Walks one certificate starting at `offset` and returns the offsets of its parts.
 * Accepts what OpenSSL's `d2i_X509` accepts (non-minimal lengths, any version number,
 * any algorithm) and rejects what it rejects, except BER-only encodings (indefinite lengths,
 * constructed strings), which are not DER.
 */
export function parseCertificate(bytes: Uint8Array, offset = 0): ParsedCertificate {
  const cert = new ParsedCertificate(bytes);
  const reader = new DerReader(bytes);
  const limit = bytes.length;
  const certEnd = reader.expect(offset, limit, Tag.SEQUENCE, "Certificate SEQUENCE");
  cert.end = certEnd;
  const tbsEnd = reader.expect(reader.valueStart, certEnd, Tag.SEQUENCE, "TBSCertificate SEQUENCE");
  cert.tbsStart = reader.start;
  cert.tbsEnd = tbsEnd;
  let p = reader.valueStart;

  p = reader.read(p, tbsEnd);
  if (reader.is(0xa0)) {
    const versionEnd = p;
    p = reader.expect(reader.valueStart, versionEnd, Tag.INTEGER, "version INTEGER");
    integerPadding(bytes, reader.valueStart, p, reader.start);
    cert.versionValueStart = reader.valueStart;
    cert.versionValueEnd = p;
    if (p !== versionEnd) fail(X509ErrorCode.TRAILING_DATA, "data after the version INTEGER", p);
    p = reader.read(versionEnd, tbsEnd);
  }
  if (!reader.is(Tag.INTEGER)) fail(X509ErrorCode.UNEXPECTED_TAG, `expected serialNumber INTEGER, found tag 0x${reader.tag.toString(16)}`, reader.start);
  integerPadding(bytes, reader.valueStart, p, reader.start);
  cert.serialValueStart = reader.valueStart;
  cert.serialValueEnd = p;

  cert.innerAlgorithmStart = p;
  p = checkAlgorithmIdentifier(reader, p, tbsEnd);
  cert.innerAlgorithmEnd = p;

  cert.issuerStart = p;
  p = checkName(reader, p, tbsEnd);
  cert.issuerEnd = p;

  const validityEnd = reader.expect(p, tbsEnd, Tag.SEQUENCE, "Validity SEQUENCE");
  const notBefore = readTime(reader, reader.valueStart, validityEnd);
  cert.notBeforeTag = notBefore.tag;
  cert.notBeforeBytes = notBefore.bytes;
  cert.notBeforeValueStart = notBefore.start;
  cert.notBeforeValueEnd = notBefore.end;
  const notAfter = readTime(reader, notBefore.next, validityEnd);
  cert.notAfterTag = notAfter.tag;
  cert.notAfterBytes = notAfter.bytes;
  cert.notAfterValueStart = notAfter.start;
  cert.notAfterValueEnd = notAfter.end;
  p = notAfter.next;
  if (p !== validityEnd) fail(X509ErrorCode.TRAILING_DATA, "Validity has more than two times", p);

  cert.subjectStart = p;
  p = checkName(reader, p, tbsEnd);
  cert.subjectEnd = p;

  cert.spkiStart = p;
  const spkiEnd = reader.expect(p, tbsEnd, Tag.SEQUENCE, "SubjectPublicKeyInfo SEQUENCE");
  p = checkAlgorithmIdentifier(reader, reader.valueStart, spkiEnd);
  p = reader.read(p, spkiEnd);
  if (!reader.is(Tag.BIT_STRING) && !reader.is(Tag.BIT_STRING | 0x20)) fail(X509ErrorCode.UNEXPECTED_TAG, `expected subjectPublicKey BIT STRING, found tag 0x${reader.tag.toString(16)}`, reader.start);
  readBitString(reader);
  if (p !== spkiEnd) fail(X509ErrorCode.TRAILING_DATA, "SubjectPublicKeyInfo has more than two fields", p);
  cert.spkiEnd = spkiEnd;
  p = spkiEnd;

  // issuerUniqueID [1] and subjectUniqueID [2]: IMPLICIT BIT STRINGs, constructed ones allowed as by OpenSSL.
  if (p < tbsEnd) {
    reader.read(p, tbsEnd);
    if (reader.is(0x81) || reader.is(0xa1)) {
      readBitString(reader);
      p = reader.end;
      if (p < tbsEnd) reader.read(p, tbsEnd);
    }
  }
  if (p < tbsEnd && (reader.is(0x82) || reader.is(0xa2))) {
    readBitString(reader);
    p = reader.end;
    if (p < tbsEnd) reader.read(p, tbsEnd);
  }
  if (p < tbsEnd && reader.is(0xa3)) {
    const extensionsEnd = reader.end;
    cert.hasExtensions = true;
    const listEnd = reader.expect(reader.valueStart, extensionsEnd, Tag.SEQUENCE, "Extensions SEQUENCE", true);
    if (listEnd !== extensionsEnd) fail(X509ErrorCode.TRAILING_DATA, "data after the Extensions SEQUENCE", listEnd);
    let q = reader.valueStart;
    while (q < listEnd) {
      const extensionEnd = reader.expect(q, listEnd, Tag.SEQUENCE, "Extension SEQUENCE");
      let r = reader.expect(reader.valueStart, extensionEnd, Tag.OID, "extnID OBJECT IDENTIFIER");
      checkOID(bytes, reader.valueStart, r, reader.start);
      const oidStart = reader.valueStart;
      const oidEnd = r;
      let critical = 0;
      r = reader.read(r, extensionEnd);
      if (reader.is(Tag.BOOLEAN)) {
        if (r - reader.valueStart !== 1) fail(X509ErrorCode.BAD_VALUE, "BOOLEAN must have exactly one content byte", reader.start);
        critical = bytes[reader.valueStart] === 0 ? 0 : 1;
        r = reader.read(r, extensionEnd);
      }
      if (reader.is(Tag.OCTET_STRING | 0x20)) {
        // A constructed (BER) OCTET STRING: OpenSSL concatenates its chunks.
        const chunks: number[] = [];
        const elementStart = reader.start;
        collectConstructed(reader, reader.valueStart, r, chunks);
        cert.collectedValues.set(cert.extensions.length, Uint8Array.from(chunks));
        reader.read(elementStart, extensionEnd);
        reader.tag = Tag.OCTET_STRING;
      }
      if (!reader.is(Tag.OCTET_STRING)) fail(X509ErrorCode.UNEXPECTED_TAG, `expected extnValue OCTET STRING, found tag 0x${reader.tag.toString(16)}`, reader.start);
      if (r !== extensionEnd) fail(X509ErrorCode.TRAILING_DATA, "Extension has more than three fields", r);
      cert.extensions.push(oidStart, oidEnd, critical, reader.valueStart, r);
      q = extensionEnd;
    }
    p = extensionsEnd;
  }
  if (p !== tbsEnd) {
    fail(X509ErrorCode.UNEXPECTED_TAG, `unexpected element with tag 0x${(bytes[p] ?? 0).toString(16)} at the end of TBSCertificate`, p);
  }

  cert.signatureAlgorithmStart = tbsEnd;
  p = checkAlgorithmIdentifier(reader, tbsEnd, certEnd);
  cert.signatureAlgorithmEnd = p;
  p = reader.read(p, certEnd);
  if (!reader.is(Tag.BIT_STRING) && !reader.is(Tag.BIT_STRING | 0x20)) fail(X509ErrorCode.UNEXPECTED_TAG, `expected signatureValue BIT STRING, found tag 0x${reader.tag.toString(16)}`, reader.start);
  const [signatureBytes, signatureStart, signatureEnd] = readBitString(reader);
  cert.signatureBytes = signatureBytes;
  cert.signatureValueStart = signatureStart + 1;
  cert.signatureValueEnd = signatureEnd;
  if (p !== certEnd) fail(X509ErrorCode.TRAILING_DATA, "Certificate has more than three fields", p);
  return cert;
}

/** Parses DER that must hold exactly one certificate and nothing after it. */
export function parseSingleCertificate(bytes: Uint8Array): ParsedCertificate {
  const cert = parseCertificate(bytes, 0);
  if (cert.end !== bytes.length) fail(X509ErrorCode.TRAILING_DATA, `${bytes.length - cert.end} bytes after the certificate`, cert.end);
  return cert;
}

/** Index (in units of five) of the only extension with this OID, or -1 when absent or duplicated (OpenSSL's `X509_get_ext_d2i`). */
export function findUniqueExtension(cert: ParsedCertificate, oid: Uint8Array): number {
  const { bytes, extensions } = cert;
  let found = -1;
  for (let i = 0; i < extensions.length; i += 5) {
    const start = extensions[i] ?? 0;
    const end = extensions[i + 1] ?? 0;
    if (end - start !== oid.length) continue;
    let same = true;
    for (let j = 0; j < oid.length; j++) {
      if (bytes[start + j] !== oid[j]) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    if (found !== -1) return -1;
    found = i;
  }
  return found;
}
