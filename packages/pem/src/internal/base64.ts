import { NodeBuffer } from "./node-buffer.js";
import { decodeIntoSlab } from "./slab.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** char code → 6-bit value; 64 = white space, 65 = '=', 255 = invalid. */
const DECODE_TABLE = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  for (const ws of [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]) table[ws] = 64;
  table[0x3d] = 65;
  return table;
})();

/** Counts occurrences of one character with the native `indexOf`. */
function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/**
 * Decodes `text.slice(start, end)` when its only white space is line breaks, or returns
 * `undefined` when it has any other shape (the caller then takes the exact path).
 *
 * Node's decoder skips characters outside the alphabet and stops at the first '='. So when
 * the decoded length, plus the '=' at the very end, accounts for every character except
 * exactly the line breaks, nothing else can have been skipped or cut off: the text is clean.
 * That proves validity at native speed, without a regular expression over the body.
 */
function decodeCleanBase64(text: string, start: number, end: number): Uint8Array | undefined {
  const body = text.slice(start, end);
  // Node also accepts the base64url alphabet, which PEM does not.
  if (body.includes("_") || body.includes("-")) return undefined;
  let last = end - 1;
  while (last >= start && (text.charCodeAt(last) === 0x0a || text.charCodeAt(last) === 0x0d)) last--;
  const padding = text.charCodeAt(last) !== 0x3d ? 0 : text.charCodeAt(last - 1) === 0x3d ? 2 : 1;
  const decoded = decodeIntoSlab(body);
  if (decoded === undefined) return undefined;
  const consumed = ((decoded.bytes.length + padding) / 3) * 4;
  if (!Number.isInteger(consumed)) return undefined;
  const skipped = end - start - consumed;
  if (body.includes("\r") ? countLineBreaks(body) !== skipped : !onlyLineFeedsSkipped(text, start, end, skipped)) return undefined;
  decoded.keep();
  return decoded.bytes;
}

/**
 * True when exactly `skipped` characters of `text.slice(start, end)` (which has no CR) are line
 * feeds. Regular lines (what every writer produces) are checked at their expected positions
 * without a search, on the flat parent string; anything else is counted.
 */
function onlyLineFeedsSkipped(text: string, start: number, end: number, skipped: number): boolean {
  const firstBreak = text.indexOf("\n", start);
  const width = firstBreak - start;
  if (width <= 0 || firstBreak >= end) return countLineBreaks(text.slice(start, end)) === skipped;
  let breaks = 0;
  for (let i = firstBreak; i < end - 1; i += width + 1) {
    if (text.charCodeAt(i) !== 0x0a) return countLineBreaks(text.slice(start, end)) === skipped;
    breaks++;
  }
  return breaks + (text.charCodeAt(end - 1) === 0x0a ? 1 : 0) === skipped;
}

function countLineBreaks(body: string): number {
  return countChar(body, "\n") + countChar(body, "\r");
}

/** Why a base64 text was rejected, and where (offset into the text). */
export interface Base64Problem {
  readonly message: string;
  readonly offset: number;
}

/** Checks base64 text that may contain white space anywhere; returns the first problem or `undefined`. */
function findBase64Problem(text: string): Base64Problem | undefined {
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? (DECODE_TABLE[code] ?? 255) : 255;
    if (kind === 64) continue;
    if (kind === 255) {
      const shown = code < 0x20 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `'${text[i] ?? ""}'`;
      return { message: `invalid base64 character ${shown}`, offset: i };
    }
    if (kind === 65) {
      padding++;
      if (padding > 2) return { message: "too much '=' padding", offset: i };
    } else if (padding > 0) {
      return { message: "base64 data after '=' padding", offset: i };
    }
    count++;
  }
  if (count % 4 !== 0) {
    return { message: `base64 length ${count} is not a multiple of 4 (truncated or missing padding)`, offset: text.length };
  }
  if (padding > 0 && count - padding < 2) return { message: "'=' padding without data", offset: text.length };
  return undefined;
}

/**
 * Decodes `text.slice(start, end)`, base64 with white space anywhere, or returns the first
 * problem found (offset relative to `start`): a character outside the alphabet, misplaced or
 * excess padding, or a length that is not a multiple of 4.
 */
export function decodeBase64(text: string, start = 0, end: number = text.length): Uint8Array | Base64Problem {
  const fast = decodeCleanBase64(text, start, end);
  if (fast !== undefined) return fast;
  const body = text.slice(start, end);
  return findBase64Problem(body) ?? decodeCheckedBase64(body);
}

function decodeCheckedBase64(text: string): Uint8Array {
  if (NodeBuffer !== undefined) {
    const buffer = NodeBuffer.from(text, "base64");
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return decodeBase64Portable(text);
}

function decodeBase64Portable(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let length = 0;
  let accumulator = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = DECODE_TABLE[code] ?? 255;
    if (value >= 64) continue;
    accumulator = ((accumulator << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (accumulator >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

/** Encodes bytes as base64 (no line breaks). */
export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + (rest === 2 ? ALPHABET.charAt((n >> 6) & 63) : "=") + "=";
  }
  return out;
}

/** Splits base64 into lines of `width` characters, each ending in "\n". */
export function wrapLines(base64: string, width: number): string {
  let out = "";
  for (let i = 0; i < base64.length; i += width) out += `${base64.slice(i, i + width)}\n`;
  return out;
}
