import { X509ErrorCode } from "../error-codes.js";
import { asn1StringToText, asn1StringToTextOrThrow } from "./asn1-string.js";
import { collectConstructed, DerReader, fail, stringContent, Tag } from "./der.js";
import { checkOID, oidLongName } from "./oids.js";

/**
 * Whether OpenSSL accepts this tag as a name attribute value (`ASN1_PRINTABLE`, an MSTRING
 * with `B_ASN1_PRINTABLE`): Numeric, Printable, T61, IA5, BIT STRING, Universal, BMP, UTF8,
 * SEQUENCE and the "unknown" universal tags 7, 8, 9, 11, 13, 14, 15 and 29.
 */
function acceptedValueTag(tag: number): boolean {
  // A constructed (BER) string of an accepted type: OpenSSL concatenates its chunks.
  if ((tag & 0x20) !== 0 && tag !== Tag.SEQUENCE) return (tag & 0xc0) === 0 && acceptedValueTag(tag & ~0x20) && (tag & ~0x20) !== 0x10;
  switch (tag) {
    case Tag.BIT_STRING:
    case 0x07:
    case 0x08:
    case 0x09:
    case 0x0b:
    case Tag.UTF8_STRING:
    case 0x0d:
    case 0x0e:
    case 0x0f:
    case Tag.NUMERIC_STRING:
    case Tag.PRINTABLE_STRING:
    case Tag.T61_STRING:
    case Tag.IA5_STRING:
    case Tag.UNIVERSAL_STRING:
    case 0x1d:
    case Tag.BMP_STRING:
    case Tag.SEQUENCE:
      return true;
    default:
      return false;
  }
}

/** Whether OpenSSL canonicalises this string type (`ASN1_MASK_CANON`) when it decodes a name. */
export function isCanonType(tag: number): boolean {
  return (
    tag === Tag.UTF8_STRING ||
    tag === Tag.BMP_STRING ||
    tag === Tag.UNIVERSAL_STRING ||
    tag === Tag.PRINTABLE_STRING ||
    tag === Tag.T61_STRING ||
    tag === Tag.IA5_STRING ||
    tag === Tag.VISIBLE_STRING
  );
}

/** A name attribute value as OpenSSL holds it: its type and content (a constructed string's chunks concatenated). */
export interface AttributeValue {
  /** The universal tag of the type, primitive form (`0x0c` for a constructed UTF8String too). */
  readonly tag: number;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** Reads the value element at `offset` (already validated by {@link checkAttributes}). */
export function readAttributeValue(reader: DerReader, offset: number, limit: number): AttributeValue {
  const end = reader.read(offset, limit);
  const tag = reader.tag;
  if ((tag & 0x20) === 0 || tag === Tag.SEQUENCE) return { tag, bytes: reader.bytes, start: reader.valueStart, end };
  const [bytes, start, stop] = stringContent(reader, offset, limit);
  return { tag: tag & ~0x20, bytes, start, end: stop };
}

/**
 * Validates `Name ::= SEQUENCE OF RelativeDistinguishedName`,
 * `RelativeDistinguishedName ::= SET OF AttributeTypeAndValue`,
 * `AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }` as OpenSSL's
 * `x509_name_ex_d2i` does, including its canonicalisation step (which fails for a string
 * that cannot be converted to UTF-8). Returns the end of the Name.
 */
export function checkName(reader: DerReader, offset: number, limit: number): number {
  const end = reader.expect(offset, limit, Tag.SEQUENCE, "Name SEQUENCE", true);
  let p = reader.valueStart;
  while (p < end) {
    const setEnd = reader.expect(p, end, Tag.SET, "RelativeDistinguishedName SET", true);
    checkAttributes(reader, reader.valueStart, setEnd, true);
    p = setEnd;
  }
  return end;
}

/**
 * Validates the AttributeTypeAndValue elements in `[start, end)` (an RDN's content); with
 * `canonicalise`, also the string conversion OpenSSL performs when it decodes a whole Name.
 */
export function checkAttributes(reader: DerReader, start: number, end: number, canonicalise: boolean): void {
  const bytes = reader.bytes;
  let q = start;
  while (q < end) {
    const attributeEnd = reader.expect(q, end, Tag.SEQUENCE, "AttributeTypeAndValue SEQUENCE");
    const oidEnd = reader.expect(reader.valueStart, attributeEnd, Tag.OID, "attribute type OBJECT IDENTIFIER");
    checkOID(bytes, reader.valueStart, oidEnd, reader.start);
    const valueEnd = reader.read(oidEnd, attributeEnd);
    const valueStart = reader.start;
    if (!acceptedValueTag(reader.tag)) fail(X509ErrorCode.UNEXPECTED_TAG, `name attribute value has tag 0x${reader.tag.toString(16)}, which X.509 names do not allow`, valueStart);
    if ((reader.tag & 0x20) !== 0 && reader.tag !== Tag.SEQUENCE) collectConstructed(reader, reader.valueStart, valueEnd, undefined);
    const value = readAttributeValue(reader, valueStart, attributeEnd);
    const tag = value.tag;
    if (tag === Tag.BIT_STRING && (value.end === value.start || (value.bytes[value.start] ?? 0) > 7)) {
      fail(X509ErrorCode.BAD_VALUE, "invalid BIT STRING in a name attribute", valueStart);
    }
    if (canonicalise && isCanonType(tag) && asn1StringToText(value.bytes, tag, value.start, value.end) === undefined) {
      fail(X509ErrorCode.BAD_STRING, `name attribute of ASN.1 type 0x${tag.toString(16)} holds invalid characters`, valueStart);
    }
    if (valueEnd !== attributeEnd) fail(X509ErrorCode.TRAILING_DATA, "AttributeTypeAndValue has more than two fields", valueEnd);
    q = attributeEnd;
  }
}

/**
 * One attribute of a name: `[OpenSSL long name or dotted OID, value]`, as CPython's tuples.
 * The value is bytes for a BIT STRING (e.g. x500UniqueIdentifier), as in CPython.
 */
export type NameAttribute = [name: string, value: string | Uint8Array];

/** A BIT STRING's bits as OpenSSL stores them: without the unused-bits byte, unused bits cleared. */
function bitStringBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  // A plain Uint8Array even when the input is a Buffer (whose slice() would be a Buffer).
  const out = new Uint8Array(bytes.subarray(start + 1, end));
  const unused = bytes[start] ?? 0;
  if (out.length > 0) out[out.length - 1] = (out[out.length - 1] ?? 0) & ((0xff << unused) & 0xff);
  return out;
}

/**
 * Converts an already-validated Name into CPython's form: one array per RDN (multi-valued RDNs
 * kept together, empty RDNs skipped) of `[longName, value]` pairs in encoded order.
 */
export function nameToRDNs(bytes: Uint8Array, start: number, end: number): NameAttribute[][] {
  const reader = new DerReader(bytes);
  const rdns: NameAttribute[][] = [];
  const nameEnd = reader.read(start, end);
  let p = reader.valueStart;
  while (p < nameEnd) {
    const setEnd = reader.read(p, nameEnd);
    let q = reader.valueStart;
    let rdn: NameAttribute[] | undefined;
    while (q < setEnd) {
      const attributeEnd = reader.read(q, setEnd);
      const oidEnd = reader.read(reader.valueStart, attributeEnd);
      const name = oidLongName(bytes, reader.valueStart, oidEnd);
      const raw = readAttributeValue(reader, oidEnd, attributeEnd);
      const value = raw.tag === Tag.BIT_STRING
        ? bitStringBytes(raw.bytes, raw.start, raw.end)
        : asn1StringToTextOrThrow(raw.bytes, raw.tag, raw.start, raw.end, oidEnd);
      (rdn ??= []).push([name, value]);
      q = attributeEnd;
    }
    if (rdn !== undefined) rdns.push(rdn);
    p = setEnd;
  }
  return rdns;
}
