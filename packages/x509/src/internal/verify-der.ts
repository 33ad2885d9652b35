import { Tag } from "./der.js";

/**
 * A strict DER TLV walker for path validation: definite, minimal lengths only, low tag numbers
 * only, every element inside its parent. Malformed input raises {@link DERSyntaxError}, which the
 * verifier turns into a verdict (an extension) or an X509Error (the certificate envelope).
 */

/** Raised for any DER that is not canonical or does not fit its parent. */
export class DERSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "DERSyntaxError";
    this.offset = offset;
  }
}

/** One element: its identifier octet and where its header and contents lie in `bytes`. */
export interface TLV {
  readonly bytes: Uint8Array;
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** The universal tags path validation reads: the same table the decoder uses. */
export const TAG: typeof Tag = Tag;

/** Reads the element that starts at `offset` and must end at or before `limit`. */
export function readTLV(bytes: Uint8Array, offset: number, limit: number = bytes.length): TLV {
  if (offset >= limit) throw new DERSyntaxError("unexpected end of data", offset);
  const tag = bytes[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DERSyntaxError("high tag numbers are not used in certificates", offset);
  let pos = offset + 1;
  if (pos >= limit) throw new DERSyntaxError("truncated length", pos);
  const first = bytes[pos++] ?? 0;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DERSyntaxError("indefinite length is not DER", pos - 1);
    if (count > 4) throw new DERSyntaxError("length too large", pos - 1);
    if (pos + count > limit) throw new DERSyntaxError("truncated length", pos);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos + i] ?? 0);
    if (bytes[pos] === 0 || length < 0x80) throw new DERSyntaxError("length is not minimally encoded", pos - 1);
    pos += count;
  }
  const end = pos + length;
  if (end > limit) throw new DERSyntaxError("element runs past the end of its container", offset);
  return { bytes, tag, start: offset, contentStart: pos, end };
}

/** Reads an element and checks its tag. */
export function expectTLV(bytes: Uint8Array, offset: number, limit: number, tag: number, what: string): TLV {
  const tlv = readTLV(bytes, offset, limit);
  if (tlv.tag !== tag) throw new DERSyntaxError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`, offset);
  return tlv;
}

/** Returns every child element of a constructed element (the children must fill it exactly). */
export function children(parent: TLV): TLV[] {
  const out: TLV[] = [];
  let pos = parent.contentStart;
  while (pos < parent.end) {
    const child = readTLV(parent.bytes, pos, parent.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Parses DER bytes that must hold exactly one element of the given tag. */
export function parseSingle(bytes: Uint8Array, tag: number, what: string): TLV {
  const tlv = expectTLV(bytes, 0, bytes.length, tag, what);
  if (tlv.end !== bytes.length) throw new DERSyntaxError(`${what}: trailing data`, tlv.end);
  return tlv;
}

/** The contents octets of an element. */
export function contents(tlv: TLV): Uint8Array {
  return tlv.bytes.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding (header and contents) of an element. */
export function encoding(tlv: TLV): Uint8Array {
  return tlv.bytes.subarray(tlv.start, tlv.end);
}

/** Decodes an OBJECT IDENTIFIER into dotted text, rejecting non-minimal sub-identifiers. */
export function decodeOID(tlv: TLV): string {
  const body = contents(tlv);
  if (body.length === 0) throw new DERSyntaxError("empty OID", tlv.start);
  const parts: number[] = [];
  let value = 0;
  let fresh = true;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] ?? 0;
    if (fresh && byte === 0x80) throw new DERSyntaxError("OID sub-identifier is not minimal", tlv.contentStart + i);
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw new DERSyntaxError("OID sub-identifier too large", tlv.contentStart + i);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      parts.push(value);
      value = 0;
    }
  }
  if (!fresh) throw new DERSyntaxError("truncated OID", tlv.end);
  const head = parts[0] ?? 0;
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [first, head - first * 40, ...parts.slice(1)].join(".");
}

/** Decodes a DER BOOLEAN (0x00 or 0xFF only). */
export function decodeBoolean(tlv: TLV): boolean {
  const body = contents(tlv);
  if (body.length !== 1 || (body[0] !== 0 && body[0] !== 0xff)) throw new DERSyntaxError("BOOLEAN is not DER", tlv.start);
  return body[0] === 0xff;
}

/** Checks an INTEGER's encoding is minimal and returns its contents (two's complement). */
export function integerBytes(tlv: TLV): Uint8Array {
  const body = contents(tlv);
  if (body.length === 0) throw new DERSyntaxError("empty INTEGER", tlv.start);
  if (body.length > 1 && ((body[0] === 0 && ((body[1] ?? 0) & 0x80) === 0) || (body[0] === 0xff && ((body[1] ?? 0) & 0x80) !== 0))) {
    throw new DERSyntaxError("INTEGER is not minimally encoded", tlv.start);
  }
  return body;
}

/** Decodes a small non-negative INTEGER. */
export function decodeSmallInteger(tlv: TLV): number {
  const body = integerBytes(tlv);
  if (((body[0] ?? 0) & 0x80) !== 0) throw new DERSyntaxError("negative INTEGER", tlv.start);
  if (body.length > 6) throw new DERSyntaxError("INTEGER too large", tlv.start);
  let value = 0;
  for (const byte of body) value = value * 256 + byte;
  return value;
}

/** Returns a BIT STRING's bits (without the unused-bits octet) and how many trailing bits are unused. */
export function decodeBitString(tlv: TLV): { readonly bits: Uint8Array; readonly unused: number } {
  const body = contents(tlv);
  const unused = body[0];
  if (unused === undefined || unused > 7 || (body.length === 1 && unused !== 0)) throw new DERSyntaxError("bad BIT STRING", tlv.start);
  const bits = body.subarray(1);
  if (unused > 0 && ((bits[bits.length - 1] ?? 0) & ((1 << unused) - 1)) !== 0) throw new DERSyntaxError("BIT STRING padding bits are not zero", tlv.start);
  return { bits, unused };
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lower-case hex of some bytes (map keys, messages). */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
