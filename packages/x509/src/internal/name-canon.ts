import { asn1StringToText } from "./asn1-string.js";
import { DerReader } from "./der.js";
import { isCanonType, readAttributeValue } from "./der-name.js";
import { sha1 } from "./sha.js";

const encoder = new TextEncoder();

function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** OpenSSL's `asn1_string_canon`: trim, collapse ASCII white space, lower-case ASCII letters. */
function canonicalText(utf8: Uint8Array): Uint8Array {
  let from = 0;
  let to = utf8.length;
  while (from < to && isSpace(utf8[from] ?? 0)) from++;
  while (to > from && isSpace(utf8[to - 1] ?? 0)) to--;
  const out = new Uint8Array(to - from);
  let n = 0;
  for (let i = from; i < to; ) {
    const b = utf8[i] ?? 0;
    if (b >= 0x80) {
      out[n++] = b;
      i++;
    } else if (isSpace(b)) {
      out[n++] = 0x20;
      while (i < to && isSpace(utf8[i] ?? 0)) i++;
    } else {
      out[n++] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
      i++;
    }
  }
  return out.subarray(0, n);
}

function header(tag: number, length: number): number[] {
  if (length < 0x80) return [tag, length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [tag, 0x80 | bytes.length, ...bytes];
}

function join(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function compareDER(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * OpenSSL's canonical name encoding (`x509_name_canon`): each non-empty RDN as a DER SET OF
 * attributes whose text values became lower-cased, space-collapsed UTF8Strings, the SETs
 * concatenated without an outer SEQUENCE. Used by `X509_NAME_cmp` and `X509_NAME_hash`.
 */
export function canonicalNameEncoding(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const reader = new DerReader(bytes);
  const sets: Uint8Array[] = [];
  const nameEnd = reader.read(start, end);
  let p = reader.valueStart;
  while (p < nameEnd) {
    const setEnd = reader.read(p, nameEnd);
    const entries: Uint8Array[] = [];
    let q = reader.valueStart;
    while (q < setEnd) {
      const attributeEnd = reader.read(q, setEnd);
      const oidEnd = reader.read(reader.valueStart, attributeEnd);
      const oid = bytes.subarray(reader.start, oidEnd);
      const raw = readAttributeValue(reader, oidEnd, attributeEnd);
      reader.read(oidEnd, attributeEnd);
      let value: Uint8Array;
      const text = isCanonType(raw.tag) ? asn1StringToText(raw.bytes, raw.tag, raw.start, raw.end) : undefined;
      if (text !== undefined) {
        const canon = canonicalText(encoder.encode(text));
        value = join([header(0x0c, canon.length), canon]);
      } else if (raw.bytes === bytes) {
        value = bytes.subarray(reader.start, reader.end);
      } else {
        // A constructed string of a type OpenSSL does not canonicalise: re-encoded primitive.
        value = join([header(raw.tag, raw.end - raw.start), raw.bytes.subarray(raw.start, raw.end)]);
      }
      entries.push(join([header(0x30, oid.length + value.length), oid, value]));
      q = attributeEnd;
    }
    if (entries.length > 0) {
      if (entries.length > 1) entries.sort(compareDER);
      const length = entries.reduce((n, e) => n + e.length, 0);
      sets.push(join([header(0x31, length), ...entries]));
    }
    p = setEnd;
  }
  return join(sets);
}

/** OpenSSL's `X509_NAME_hash_ex`: the first four bytes of SHA-1 of the canonical encoding, little-endian. */
export function nameHash(bytes: Uint8Array, start: number, end: number): number {
  const digest = sha1(canonicalNameEncoding(bytes, start, end));
  return ((digest[0] ?? 0) | ((digest[1] ?? 0) << 8) | ((digest[2] ?? 0) << 16) | ((digest[3] ?? 0) << 24)) >>> 0;
}
