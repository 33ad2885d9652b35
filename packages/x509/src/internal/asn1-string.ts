import { X509ErrorCode } from "../error-codes.js";
import { fail, Tag } from "./der.js";

/** Bytes as Latin-1 text (one code point per byte), as OpenSSL treats 8-bit string types. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), as both
 * OpenSSL's `UTF8_getc` and Python's `bytes.decode("utf-8")` require; `undefined` when invalid.
 */
export function utf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if ((bytes[i] ?? 0) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(bytes, start, end);
  try {
    return utf8Decoder.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

/** Whether a code point is one OpenSSL's `is_unicode_valid` accepts. */
function validCodePoint(value: number): boolean {
  return value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
}

/**
 * Converts an ASN.1 string to text exactly as OpenSSL's `ASN1_STRING_to_UTF8` does (the
 * conversion CPython applies to every name attribute): UTF8String validated, the 8-bit types
 * (Numeric, Printable, T61/Teletex, IA5, Videotex, Graphic, Visible, General) read as Latin-1
 * without any charset check, BMPString as UCS-2 and UniversalString as UCS-4 without surrogates.
 * Returns `undefined` for every other type and for invalid contents.
 */
export function asn1StringToText(bytes: Uint8Array, tag: number, start: number, end: number): string | undefined {
  switch (tag) {
    case Tag.UTF8_STRING:
      return utf8(bytes, start, end);
    case Tag.NUMERIC_STRING:
    case Tag.PRINTABLE_STRING:
    case Tag.T61_STRING:
    case 0x15: // VideotexString
    case Tag.IA5_STRING:
    case Tag.UTC_TIME:
    case Tag.GENERALIZED_TIME:
    case 0x19: // GraphicString
    case Tag.VISIBLE_STRING:
    case 0x1b: // GeneralString
      return latin1(bytes, start, end);
    case Tag.BMP_STRING: {
      if (((end - start) & 1) !== 0) return undefined;
      let out = "";
      for (let i = start; i < end; i += 2) {
        const value = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
        if (!validCodePoint(value)) return undefined;
        out += String.fromCharCode(value);
      }
      return out;
    }
    case Tag.UNIVERSAL_STRING: {
      if (((end - start) & 3) !== 0) return undefined;
      let out = "";
      for (let i = start; i < end; i += 4) {
        const value = (bytes[i] ?? 0) * 0x1000000 + (((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0));
        if (!validCodePoint(value)) return undefined;
        out += String.fromCodePoint(value);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Like {@link asn1StringToText} but throws `ERR_SSLKIT_X509_BAD_STRING` where CPython raises. */
export function asn1StringToTextOrThrow(bytes: Uint8Array, tag: number, start: number, end: number, at: number): string {
  const text = asn1StringToText(bytes, tag, start, end);
  if (text === undefined) fail(X509ErrorCode.BAD_STRING, `name attribute of ASN.1 type 0x${tag.toString(16)} cannot be converted to text`, at);
  return text;
}

/** Strict UTF-8 or `ERR_SSLKIT_X509_BAD_STRING`: CPython's `PyUnicode_FromStringAndSize` on raw bytes. */
export function utf8OrThrow(bytes: Uint8Array, start: number, end: number, at: number, what: string): string {
  const text = utf8(bytes, start, end);
  if (text === undefined) fail(X509ErrorCode.BAD_STRING, `${what} is not valid UTF-8 (CPython raises UnicodeDecodeError)`, at);
  return text;
}
