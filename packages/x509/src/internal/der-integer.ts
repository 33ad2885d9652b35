import { X509ErrorCode } from "../error-codes.js";
import type { DerReader } from "./der.js";
import { fail } from "./der.js";

/**
 * Checks INTEGER content octets as OpenSSL's `c2i_ibuf` does: not empty, and no padding byte
 * (0x00 or 0xFF) that the next byte makes redundant; `0xFF 0x00…` is the one allowed exception.
 * Returns the length of the padding to skip (0 or 1).
 */
export function integerPadding(bytes: Uint8Array, start: number, end: number, at: number): number {
  const length = end - start;
  if (length === 0) fail(X509ErrorCode.BAD_VALUE, "INTEGER with no content octets", at);
  if (length === 1) return 0;
  const first = bytes[start] ?? 0;
  const negative = (first & 0x80) !== 0;
  let pad = 0;
  if (first === 0) {
    pad = 1;
  } else if (first === 0xff) {
    for (let i = start + 1; i < end; i++) {
      if (bytes[i] !== 0) {
        pad = 1;
        break;
      }
    }
  }
  if (pad === 1 && negative === (((bytes[start + 1] ?? 0) & 0x80) !== 0)) {
    fail(X509ErrorCode.BAD_VALUE, "INTEGER with illegal padding", at);
  }
  return pad;
}

/** The value of the INTEGER the reader stands on, as a bigint (validated like OpenSSL). */
export function readBigInt(reader: DerReader): bigint {
  integerPadding(reader.bytes, reader.valueStart, reader.end, reader.start);
  return integerValue(reader.bytes, reader.valueStart, reader.end);
}

/** Two's-complement value of INTEGER content octets `[valueStart, end)`. */
export function integerValue(bytes: Uint8Array, valueStart: number, end: number): bigint {
  let value = 0n;
  for (let i = valueStart; i < end; i++) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  if (((bytes[valueStart] ?? 0) & 0x80) !== 0) value -= 1n << BigInt(8 * (end - valueStart));
  return value;
}

/** The magnitude octets OpenSSL stores for an INTEGER (two's complement undone, padding removed). */
export function integerMagnitude(bytes: Uint8Array, start: number, end: number, at: number): { negative: boolean; magnitude: Uint8Array } {
  const pad = integerPadding(bytes, start, end, at);
  const negative = ((bytes[start] ?? 0) & 0x80) !== 0;
  const length = end - start;
  if (length === 1) {
    const b = bytes[start] ?? 0;
    return { negative, magnitude: Uint8Array.of(negative ? ((b ^ 0xff) + 1) & 0xff : b) };
  }
  const from = start + pad;
  const magnitude = new Uint8Array(end - from);
  if (!negative) {
    magnitude.set(bytes.subarray(from, end));
    return { negative, magnitude };
  }
  // Two's complement of the remaining octets, from the least significant one.
  let carry = 1;
  for (let i = end - 1; i >= from; i--) {
    const v = ((bytes[i] ?? 0) ^ 0xff) + carry;
    magnitude[i - from] = v & 0xff;
    carry = v >> 8;
  }
  return { negative, magnitude };
}
