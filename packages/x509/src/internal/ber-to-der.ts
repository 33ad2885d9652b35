import { X509ErrorCode } from "../error-codes.js";
import { fail } from "./der.js";

/** Deeper nesting than this is refused (OpenSSL stops at 30 levels of constructed templates). */
const MAX_DEPTH = 64;

/** Appends without spreading (a spread of a large array would overflow the call stack). */
function append(out: number[], items: ArrayLike<number>): void {
  for (let i = 0; i < items.length; i++) out.push(items[i] ?? 0);
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

/**
 * Re-encodes the BER element at `offset` with definite lengths only (BER's indefinite-length
 * form, `0x80` … `00 00`, which OpenSSL accepts in certificates), appending it to `out`; returns
 * the offset after the element. Constructed elements are re-encoded recursively; one whose
 * content does not parse as elements (OpenSSL keeps such content opaque) is copied unchanged.
 */
function transcode(bytes: Uint8Array, offset: number, limit: number, depth: number, out: number[]): number {
  if (depth > MAX_DEPTH) fail(X509ErrorCode.BAD_LENGTH, "BER elements nested too deeply", offset);
  const truncated = (): never => fail(limit >= bytes.length ? X509ErrorCode.TRUNCATED : X509ErrorCode.BAD_LENGTH, "BER element runs past its container", offset);
  let p = offset;
  if (p >= limit) truncated();
  const first = bytes[p++] ?? 0;
  if ((first & 0x1f) === 0x1f) {
    do {
      if (p >= limit) truncated();
    } while (((bytes[p++] ?? 0) & 0x80) !== 0);
  }
  const tagBytes = bytes.subarray(offset, p);
  const constructed = (first & 0x20) !== 0;
  if (p >= limit) truncated();
  const lengthByte = bytes[p++] ?? 0;
  if (lengthByte === 0x80) {
    if (!constructed) fail(X509ErrorCode.BAD_LENGTH, "indefinite length on a primitive element", offset);
    const content: number[] = [];
    for (;;) {
      if (p + 1 >= limit) truncated();
      if (bytes[p] === 0 && bytes[p + 1] === 0) {
        p += 2;
        break;
      }
      p = transcode(bytes, p, limit, depth + 1, content);
    }
    append(out, tagBytes);
    append(out, lengthOctets(content.length));
    append(out, content);
    return p;
  }
  let length = lengthByte;
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) fail(X509ErrorCode.BAD_LENGTH, `length field of ${count} bytes is absurd`, offset);
    if (p + count > limit) truncated();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[p++] ?? 0);
  }
  const end = p + length;
  if (end > limit) truncated();
  if (!constructed) {
    for (let i = offset; i < end; i++) out.push(bytes[i] ?? 0);
    return end;
  }
  const content: number[] = [];
  try {
    for (let q = p; q < end; ) q = transcode(bytes, q, end, depth + 1, content);
  } catch {
    for (let i = offset; i < end; i++) out.push(bytes[i] ?? 0);
    return end;
  }
  append(out, tagBytes);
  append(out, lengthOctets(content.length));
  append(out, content);
  return end;
}

/**
 * The element at `offset` with every indefinite length replaced by a definite one, and the
 * offset after it in the original bytes.
 */
export function berToDefinite(bytes: Uint8Array, offset: number, limit: number): { der: Uint8Array; next: number } {
  const out: number[] = [];
  const next = transcode(bytes, offset, limit, 0, out);
  return { der: Uint8Array.from(out), next };
}

/** Whether a DER header at `offset` announces an indefinite length (a quick check before transcoding). */
export function hasIndefiniteLength(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i++) if (bytes[i + 1] === 0x80 && ((bytes[i] ?? 0) & 0x20) !== 0) return true;
  return false;
}
