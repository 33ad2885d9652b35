/**
 * The IP address parsers CPython's `ssl.match_hostname` relies on, ported from glibc:
 * `inet_aton` (lenient: `127.1`, `0x7f.1`, trailing data after white space) and `inet_pton`
 * for IPv6. Strings are treated as the UTF-8 bytes Python passes; non-ASCII never parses.
 */

const MAX_LAST_PART = [0xffffffff, 0xffffff, 0xffff, 0xff] as const;

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** C `isspace` in the C locale. */
function isCSpace(char: string): boolean {
  return char === " " || (char >= "\t" && char <= "\r");
}

/** The value of one ASCII digit in `base` (8, 10 or 16), or -1. */
function digitValue(char: string | undefined, base: number): number {
  if (char === undefined || !/^[0-9A-Fa-f]$/.test(char)) return -1;
  const value = Number.parseInt(char, 16);
  return value < base ? value : -1;
}

/** C `strtoul(text + start, &end, 0)` for text that starts with a digit: returns [value, end]. */
function strtoulBase0(text: string, start: number): [number, number] {
  let base = 10;
  let i = start;
  if (text[i] === "0") {
    const next = text[i + 1];
    if ((next === "x" || next === "X") && digitValue(text[i + 2], 16) >= 0) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  let value = 0;
  for (let digit = digitValue(text[i], base); digit >= 0; digit = digitValue(text[++i], base)) {
    // Anything past 2^32 is rejected anyway; capping keeps the number exact.
    value = Math.min(value * base + digit, 2 ** 33);
  }
  return [value, i];
}

/** Returns the 4 bytes glibc's `inet_aton` produces, or `undefined` where it fails. */
export function inetAton(text: string): Uint8Array | undefined {
  const parts: number[] = [];
  let i = 0;
  let value: number;
  for (;;) {
    if (!isDigit(text[i])) return undefined;
    [value, i] = strtoulBase0(text, i);
    if (value > 0xffffffff) return undefined;
    if (text[i] === ".") {
      if (parts.length > 2 || value > 0xff) return undefined;
      parts.push(value);
      i++;
    } else {
      break;
    }
  }
  const trailing = text[i];
  if (trailing !== undefined && !isCSpace(trailing)) return undefined;
  if (value > MAX_LAST_PART[parts.length as 0 | 1 | 2 | 3]) return undefined;
  const word = parts.reduce((acc, part, index) => acc + part * 2 ** (24 - 8 * index), 0) + value;
  return new Uint8Array([(word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff]);
}

/** Returns what `inet_ntoa` prints for 4 bytes. */
export function inetNtoa(bytes: Uint8Array): string {
  return Array.from(bytes, String).join(".");
}

/** glibc's strict `inet_pton4`: exactly four decimal parts 0–255 without leading zeros. */
function inetPton4(text: string): number[] | undefined {
  const octets: number[] = [];
  for (const part of text.split(".")) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  return octets.length === 4 ? octets : undefined;
}

/** Returns the 16 bytes glibc's `inet_pton(AF_INET6, …)` produces, or `undefined` where it fails. */
export function inetPton6(text: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  let tp = 0;
  let colonp = -1;
  let i = 0;
  if (text.length === 0) return undefined;
  if (text[0] === ":") {
    if (text[1] !== ":") return undefined;
    i = 1;
  }
  let curtok = i;
  let seen = 0;
  let value = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    i++;
    if (/^[0-9A-Fa-f]$/.test(char)) {
      if (seen === 4) return undefined;
      value = (value << 4) | Number.parseInt(char, 16);
      seen++;
      continue;
    }
    if (char === ":") {
      curtok = i;
      if (seen === 0) {
        if (colonp !== -1) return undefined;
        colonp = tp;
        continue;
      }
      if (i === text.length) return undefined;
      if (tp + 2 > 16) return undefined;
      out[tp++] = value >> 8;
      out[tp++] = value & 0xff;
      seen = 0;
      value = 0;
      continue;
    }
    if (char === "." && tp + 4 <= 16) {
      const octets = inetPton4(text.slice(curtok));
      if (octets === undefined) return undefined;
      out.set(octets, tp);
      tp += 4;
      seen = 0;
      break;
    }
    return undefined;
  }
  if (seen > 0) {
    if (tp + 2 > 16) return undefined;
    out[tp++] = value >> 8;
    out[tp++] = value & 0xff;
  }
  if (colonp !== -1) {
    if (tp === 16) return undefined;
    const moved = out.slice(colonp, tp);
    out.fill(0, colonp);
    out.set(moved, 16 - moved.length);
    tp = 16;
  }
  return tp === 16 ? out : undefined;
}
