import { X509Error, invalidArgTypeError } from "@sslkit/errors";
import { X509ErrorCode } from "./error-codes.js";
import { PYTHON_DIGIT_CLASS, PYTHON_SPACE_CLASS, pythonDigitsToInt } from "./internal/python-text.js";
import { pythonRepr } from "./internal/python-repr.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * The regular expression `time.strptime` compiles for `' %d %H:%M:%S %Y GMT'` (runs of white
 * space become `\s+`, `\d` and `\s` are Unicode-aware, `GMT` is matched ignoring case), anchored
 * at the start only: what follows the match is "unconverted data".
 */
const REST_PATTERN = (() => {
  const s = `${PYTHON_SPACE_CLASS}+`;
  const d = PYTHON_DIGIT_CLASS;
  return new RegExp(
    `^${s}(3[0-1]|[1-2]${d}|0[1-9]|[1-9]| [1-9])${s}(2[0-3]|[0-1]${d}|${d}):([0-5]${d}|${d}):(6[0-1]|[0-5]${d}|${d})${s}(${d}${d}${d}${d})${s}[Gg][Mm][Tt]`,
    "u",
  );
})();

/**
 * Python's `cert_time[:3].title()` looked up in the month names: ASCII letters in any case,
 * plus U+017F LATIN SMALL LETTER LONG S, whose title case is `S` (so `ſep` is September).
 */
function monthNumber(firstThree: readonly string[]): number {
  if (firstThree.length !== 3) return 0;
  const [a = "", b = "", c = ""] = firstThree;
  const first = a === "\u017f" ? "S" : /^[A-Za-z]$/.test(a) ? a.toUpperCase() : "";
  if (!/^[A-Za-z]$/.test(b) || !/^[A-Za-z]$/.test(c)) return 0;
  const name = `${first}${b.toLowerCase()}${c.toLowerCase()}`;
  return MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date; `day` may overflow its month (as timegm allows). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468 + day - 1;
}

/**
 * Returns the seconds since the Epoch for a certificate time string such as
 * `"May  9 00:00:00 2007 GMT"` (the `notBefore`/`notAfter` format of {@link decodeCert}).
 *
 * The port is exact: the month is the first three characters in any case (C-locale English
 * names), then `time.strptime(rest, " %d %H:%M:%S %Y GMT")` rules apply: one or more white-space
 * characters wherever the format has a space (so `"May  9"` and `"May 09"` both work), one- or
 * two-digit fields, seconds up to 61, a four-digit year, `GMT` in any case and nothing after it.
 * As in CPython the day is only checked against 1–31, so `"Feb 31"` rolls over into March.
 *
 * @param certTime - A time string as OpenSSL's `ASN1_TIME_print()` writes it.
 * @returns Whole seconds since 1970-01-01T00:00:00Z (negative before 1970).
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_TIME_FORMAT` if the month or the rest of the string does not match the format (CPython's `ValueError` text).
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_TIME_TRAILING_DATA` if anything follows `GMT`.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_TIME_OUT_OF_RANGE` for the year 0000.
 * @throws `TypeError` `ERR_INVALID_ARG_TYPE` if `certTime` is not a string.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.cert_time_to_seconds | ssl.cert_time_to_seconds}
 * @example
 * ```ts
 * certTimeToSeconds("Jan  5 09:34:43 2018 GMT"); // 1515144883
 * ```
 */
export function certTimeToSeconds(certTime: string): number {
  if (typeof certTime !== "string") throw invalidArgTypeError("certTime", "of type string", certTime);
  const codePoints = Array.from(certTime);
  const month = monthNumber(codePoints.slice(0, 3));
  if (month === 0) {
    throw new X509Error(
      X509ErrorCode.TIME_FORMAT,
      `time data ${pythonRepr(certTime)} does not match format "%b %d %H:%M:%S %Y GMT"`,
    );
  }
  const rest = codePoints.slice(3).join("");
  const found = REST_PATTERN.exec(rest);
  if (found === null) {
    throw new X509Error(
      X509ErrorCode.TIME_FORMAT,
      `time data ${pythonRepr(rest)} does not match format ' %d %H:%M:%S %Y GMT'`,
    );
  }
  if (found[0].length !== rest.length) {
    throw new X509Error(X509ErrorCode.TIME_TRAILING_DATA, `unconverted data remains: ${rest.slice(found[0].length)}`);
  }
  const [, day = "", hour = "", minute = "", second = "", year = ""] = found;
  const yearNumber = pythonDigitsToInt(year);
  // strptime builds datetime.date(year, 1, day), which rejects the year 0.
  if (yearNumber === 0) throw new X509Error(X509ErrorCode.TIME_OUT_OF_RANGE, "year 0 is out of range");
  const days = daysFromCivil(yearNumber, month, pythonDigitsToInt(day));
  return ((days * 24 + pythonDigitsToInt(hour)) * 60 + pythonDigitsToInt(minute)) * 60 + pythonDigitsToInt(second);
}
