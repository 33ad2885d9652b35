import { X509Error } from "@sslkit/errors";
import { X509ErrorCode } from "../error-codes.js";

/** Throws the {@link @sslkit/errors!X509Error} every decoding failure becomes: a stable code and the byte offset. */
export function fail(code: X509ErrorCode, message: string, offset: number): never {
  throw new X509Error(code, `${message} (at byte ${offset})`, { offset });
}

/** DER tag bytes used by the X.509 grammar (class and constructed bit included). */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The message of the error for a BER indefinite length, which `decodeCert` retries after transcoding. */
export const INDEFINITE_LENGTH_MESSAGE = "indefinite length (BER) is not DER";

/**
 * A cursor over DER bytes that reads one element header at a time without allocating:
 * after {@link DerReader.read} the fields describe the element just read.
 *
 * Lengths follow OpenSSL's tolerance (long-form lengths need not be minimal) but BER's
 * indefinite length, lengths of more than four bytes and lengths past the enclosing element
 * are rejected.
 */
export class DerReader {
  readonly bytes: Uint8Array;
  /** The last element's identifier octet (class, constructed bit, number); `xx11111` for tag numbers of 31 and above. */
  tag = 0;
  /** Offset of the last element's first header byte. */
  start = 0;
  /** Offset of the last element's first content byte. */
  valueStart = 0;
  /** Offset just past the last element. */
  end = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Reads the element header at `offset`, which must end by `limit`; returns the element's end. */
  read(offset: number, limit: number): number {
    const bytes = this.bytes;
    if (offset >= limit) {
      fail(limit >= bytes.length ? X509ErrorCode.TRUNCATED : X509ErrorCode.BAD_LENGTH, "expected a DER element, found the end of its container", offset);
    }
    this.start = offset;
    let p = offset;
    let tag = bytes[p++] ?? 0;
    if ((tag & 0x1f) === 0x1f) {
      // High tag number form: base-128 digits, the last one without the top bit. OpenSSL does not
      // insist on the short form for numbers below 31, so `1F 04` is an OCTET STRING: normalise it.
      let digits = 0;
      let number = 0;
      for (;;) {
        if (p >= limit) fail(limit >= bytes.length ? X509ErrorCode.TRUNCATED : X509ErrorCode.BAD_LENGTH, "tag runs past the end of its container", offset);
        const digit = bytes[p++] ?? 0;
        if (++digits > 4) fail(X509ErrorCode.BAD_VALUE, "tag number too large", offset);
        number = number * 128 + (digit & 0x7f);
        if ((digit & 0x80) === 0) break;
      }
      if (number < 0x1f) tag = (tag & 0xe0) | number;
    }
    if (p >= limit) fail(limit >= bytes.length ? X509ErrorCode.TRUNCATED : X509ErrorCode.BAD_LENGTH, "element has no length octets", offset);
    let length = bytes[p++] ?? 0;
    if (length >= 0x80) {
      const count = length & 0x7f;
      if (count === 0) fail(X509ErrorCode.BAD_LENGTH, INDEFINITE_LENGTH_MESSAGE, offset);
      if (count > 4) fail(X509ErrorCode.BAD_LENGTH, `length field of ${count} bytes is absurd`, offset);
      if (p + count > limit) fail(limit >= bytes.length ? X509ErrorCode.TRUNCATED : X509ErrorCode.BAD_LENGTH, "length octets run past the end of their container", offset);
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[p++] ?? 0);
    }
    const end = p + length;
    if (end > limit) {
      if (end > bytes.length && limit >= bytes.length) {
        fail(X509ErrorCode.TRUNCATED, `element of ${length} bytes runs past the end of the input`, offset);
      }
      fail(X509ErrorCode.BAD_LENGTH, `element of ${length} bytes runs past the end of its container`, offset);
    }
    this.tag = tag;
    this.valueStart = p;
    this.end = end;
    return end;
  }

  /** Whether the last element read has this tag (a method, so TypeScript does not narrow `tag`). */
  is(tag: number): boolean {
    return this.tag === tag;
  }

  /**
   * Reads the element at `offset` and checks its tag; returns the element's end. With
   * `sequenceOf`, the primitive form of the tag is accepted too: OpenSSL does not check the
   * constructed bit of a SEQUENCE OF / SET OF (Names, RDNs, extension lists, GeneralNames).
   */
  expect(offset: number, limit: number, tag: number, what: string, sequenceOf = false): number {
    const end = this.read(offset, limit);
    if (this.tag !== tag && !(sequenceOf && this.tag === (tag & ~0x20))) {
      fail(X509ErrorCode.UNEXPECTED_TAG, `expected ${what} (tag 0x${hex2(tag)}), found tag 0x${hex2(this.tag)}`, offset);
    }
    return end;
  }
}

/** Two lower-case hex digits. */
export function hex2(byte: number): string {
  return (byte < 16 ? "0" : "") + byte.toString(16);
}

const HEX_UPPER = "0123456789ABCDEF";

/** Upper-case hex of a byte range, optionally separated (`"AB:CD"`). */
export function hexUpper(bytes: Uint8Array, start: number, end: number, separator = ""): string {
  let out = "";
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (i !== start) out += separator;
    out += (HEX_UPPER[b >> 4] ?? "") + (HEX_UPPER[b & 15] ?? "");
  }
  return out;
}

/** Reads a DER BOOLEAN's content as OpenSSL does: exactly one byte, any non-zero value is true. */
export function readBoolean(reader: DerReader): boolean {
  if (reader.end - reader.valueStart !== 1) fail(X509ErrorCode.BAD_VALUE, "BOOLEAN must have exactly one content byte", reader.start);
  return reader.bytes[reader.valueStart] !== 0;
}

/** OpenSSL's `ASN1_MAX_STRING_NEST`: how deep constructed (BER) string chunks may nest. */
const MAX_STRING_NEST = 5;

/**
 * Walks the chunks of a constructed (BER) string's content `[start, end)` as OpenSSL's
 * `asn1_collect` does — any tag, constructed chunks recursed into up to five levels — and
 * appends their contents to `out` when given.
 */
export function collectConstructed(reader: DerReader, start: number, end: number, out: number[] | undefined, depth = 0): void {
  if (depth > MAX_STRING_NEST) fail(X509ErrorCode.BAD_VALUE, "constructed string nested too deeply", start);
  let p = start;
  while (p < end) {
    const chunkEnd = reader.read(p, end);
    if (reader.tag === 0x00 && chunkEnd === reader.valueStart) fail(X509ErrorCode.UNEXPECTED_TAG, "end-of-contents marker inside a definite-length string", p);
    if ((reader.tag & 0x20) !== 0) {
      collectConstructed(reader, reader.valueStart, chunkEnd, out, depth + 1);
    } else if (out !== undefined) {
      for (let i = reader.valueStart; i < chunkEnd; i++) out.push(reader.bytes[i] ?? 0);
    }
    p = chunkEnd;
  }
}

/**
 * The content of the string element at `offset`: its own bytes when primitive, the concatenated
 * chunks when constructed (BER, as OpenSSL accepts it). Returns `[bytes, start, end]`.
 */
export function stringContent(reader: DerReader, offset: number, limit: number): [Uint8Array, number, number] {
  const end = reader.read(offset, limit);
  if ((reader.tag & 0x20) === 0) return [reader.bytes, reader.valueStart, end];
  const out: number[] = [];
  collectConstructed(reader, reader.valueStart, end, out);
  return [Uint8Array.from(out), 0, out.length];
}
