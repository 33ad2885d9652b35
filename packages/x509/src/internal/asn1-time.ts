import { Tag } from "./der.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MIN = [0, 0, 1, 1, 0, 0, 0, 0, 0] as const;
const MAX = [99, 99, 12, 31, 23, 59, 59, 12, 59] as const;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A time as OpenSSL's `ossl_asn1_time_to_tm` reads it (non-strict: seconds and `Z` optional, offsets applied). */
export interface ParsedTime {
  /** Milliseconds since the epoch (UTC), fractional seconds ignored as OpenSSL does. */
  readonly epochMs: number;
  /** The fractional-seconds text (`".123"`) of a GeneralizedTime, printed verbatim by OpenSSL. */
  readonly fraction: string;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digit(bytes: Uint8Array, i: number): number {
  const c = bytes[i] ?? 0;
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/**
 * Parses a UTCTime or GeneralizedTime body with OpenSSL 3.0's `ossl_asn1_time_to_tm` rules
 * (the non-strict mode used for certificates); `undefined` where OpenSSL fails ("Bad time value").
 */
export function parseASN1Time(bytes: Uint8Array, tag: number, start: number, end: number): ParsedTime | undefined {
  const utc = tag === Tag.UTC_TIME;
  if (!utc && tag !== Tag.GENERALIZED_TIME) return undefined;
  const fieldCount = utc ? 6 : 7;
  const tzField = utc ? 5 : 6;
  const length = end - start;
  if (length < (utc ? 11 : 13)) return undefined;
  let o = start;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (let i = 0; i < fieldCount; i++) {
    const c = bytes[o] ?? 0;
    if (i === tzField && (c === 0x5a || c === 0x2b || c === 0x2d)) break;
    const d1 = digit(bytes, o);
    if (d1 < 0) return undefined;
    if (++o === end) return undefined;
    const d2 = digit(bytes, o);
    if (d2 < 0) return undefined;
    const n = d1 * 10 + d2;
    if (++o === end) return undefined;
    const field = utc ? i + 1 : i;
    if (n < (MIN[field] ?? 0) || n > (MAX[field] ?? 0)) return undefined;
    switch (field) {
      case 0:
        year = n * 100;
        break;
      case 1:
        year = utc ? (n < 50 ? 2000 + n : 1900 + n) : year + n;
        break;
      case 2:
        month = n - 1;
        break;
      case 3: {
        const monthDays = month === 1 ? 28 + (isLeap(year) ? 1 : 0) : (MONTH_DAYS[month] ?? 31);
        if (n > monthDays) return undefined;
        day = n;
        break;
      }
      case 4:
        hour = n;
        break;
      case 5:
        minute = n;
        break;
      default:
        second = n;
        break;
    }
  }
  let fraction = "";
  if (!utc && bytes[o] === 0x2e) {
    const dot = o;
    if (++o === end) return undefined;
    const first = o;
    while (o < end && digit(bytes, o) >= 0) o++;
    if (o === first) return undefined;
    if (o === end) return undefined;
    fraction = latin1Range(bytes, dot, o);
  }
  let epochMs = utcMs(year, month, day, hour, minute, second);
  const zone = bytes[o];
  if (zone === 0x5a) {
    o++;
  } else if (zone === 0x2b || zone === 0x2d) {
    o++;
    if (o + 4 !== end) return undefined;
    let offset = 0;
    for (let i = 0; i < 2; i++) {
      const d1 = digit(bytes, o);
      const d2 = digit(bytes, o + 1);
      if (d1 < 0 || d2 < 0) return undefined;
      const n = d1 * 10 + d2;
      if (n > (i === 0 ? 12 : 59)) return undefined;
      offset += i === 0 ? n * 3600 : n * 60;
      o += 2;
    }
    if (offset !== 0) {
      epochMs += (zone === 0x2d ? 1 : -1) * offset * 1000;
      const adjustedYear = new Date(epochMs).getUTCFullYear();
      if (adjustedYear < 0 || adjustedYear > 9999) return undefined;
    }
  } else {
    return undefined;
  }
  if (o !== end) return undefined;
  // OpenSSL prints fractional seconds from the raw text only when they sit at offset 14.
  const printedFraction = !utc && length > 15 && bytes[start + 14] === 0x2e ? fraction : "";
  return { epochMs, fraction: printedFraction };
}

function latin1Range(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Prints a time as OpenSSL's `ASN1_TIME_print` (RFC 822 flavour) does, which is CPython's
 * `notBefore`/`notAfter`: `"May  9 00:00:00 2007 GMT"` (OpenSSL 3.0 converts offsets to GMT), or `"Bad time value"`.
 */
export function printASN1Time(bytes: Uint8Array, tag: number, start: number, end: number): string {
  const time = parseASN1Time(bytes, tag, start, end);
  if (time === undefined) return "Bad time value";
  const date = new Date(time.epochMs);
  const day = date.getUTCDate();
  return `${MONTHS[date.getUTCMonth()] ?? ""} ${day < 10 ? " " : ""}${day} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}${time.fraction} ${date.getUTCFullYear()} GMT`;
}
