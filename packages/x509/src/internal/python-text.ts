/**
 * The pieces of Python's Unicode-aware regular expressions that `time.strptime` relies on,
 * as Python 3.11 (Unicode 14.0) defines them, so parsing accepts exactly what CPython accepts.
 */

/** Characters Python's `re` matches with `\s` in a `str` pattern (`str.isspace()`). */
export const PYTHON_SPACE_CLASS =
  "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

/** The zero of every run of ten Unicode decimal digits (category Nd) in Unicode 14.0. */
const DIGIT_ZEROS: readonly number[] = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
  0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
  0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** Characters Python's `re` matches with `\d` in a `str` pattern (needs the `u` flag). */
export const PYTHON_DIGIT_CLASS: string = `[${DIGIT_ZEROS.map((zero) => `\\u{${zero.toString(16)}}-\\u{${(zero + 9).toString(16)}}`).join("")}]`;

/** Returns the value Python's `int()` gives a string of Unicode decimal digits. */
export function pythonDigitsToInt(digits: string): number {
  let value = 0;
  for (const char of digits) {
    const codePoint = char.codePointAt(0) ?? 0;
    let digit = -1;
    for (const zero of DIGIT_ZEROS) {
      if (codePoint >= zero && codePoint <= zero + 9) {
        digit = codePoint - zero;
        break;
      }
    }
    // Unreachable for text the digit class matched; kept so a misuse cannot return garbage.
    if (digit < 0) throw new RangeError(`not a decimal digit: U+${codePoint.toString(16)}`);
    value = value * 10 + digit;
  }
  return value;
}
