import { asn1StringToText } from "./asn1-string.js";
import { DerReader, hexUpper, Tag } from "./der.js";
import { readAttributeValue } from "./der-name.js";
import type { AttributeValue } from "./der-name.js";
import { oidShortName, oidToDotted } from "./oids.js";

function escapeValue(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    const code = value.charCodeAt(i);
    // Control characters as \XX hex pairs, as OpenSSL's ASN1_STRFLGS_ESC_CTRL prints them.
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
    else if ('"+,;<>\\'.includes(c) || (i === 0 && (c === " " || c === "#")) || (i === value.length - 1 && c === " ")) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** `#` and the DER of the value in upper-case hex; a constructed string as its primitive re-encoding (as OpenSSL dumps it). */
function hexValue(value: AttributeValue, bytes: Uint8Array, start: number, end: number): string {
  if (value.bytes === bytes) return `#${hexUpper(bytes, start, end)}`;
  const length = value.end - value.start;
  const header: number[] = [value.tag];
  if (length < 0x80) header.push(length);
  else {
    const octets: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n & 0xff);
    header.push(0x80 | octets.length, ...octets);
  }
  return `#${hexUpper(Uint8Array.from(header), 0, header.length)}${hexUpper(value.bytes, value.start, value.end)}`;
}

/**
 * Formats a Name (or, with `singleRDN`, one RDN element) as an RFC 4514 string: RDNs in reverse
 * order, multi-valued RDNs joined with `+` (entries reversed too, as OpenSSL prints them), OpenSSL's short names (`CN`, `O`, `emailAddress`, …),
 * `dotted.oid=#hex` for attribute types OpenSSL does not know and values that are not text.
 */
export function nameToRFC4514(bytes: Uint8Array, start: number, end: number, singleRDN = false): string {
  const reader = new DerReader(bytes);
  const rdns: string[] = [];
  const formatRDN = (setStart: number, setEnd: number): void => {
    const parts: string[] = [];
    let q = setStart;
    while (q < setEnd) {
      const attributeEnd = reader.read(q, setEnd);
      const oidEnd = reader.read(reader.valueStart, attributeEnd);
      const oidStart = reader.valueStart;
      const value = readAttributeValue(reader, oidEnd, attributeEnd);
      reader.read(oidEnd, attributeEnd);
      const short = oidShortName(bytes, oidStart, oidEnd);
      const text = value.tag === Tag.BIT_STRING ? undefined : asn1StringToText(value.bytes, value.tag, value.start, value.end);
      const type = short ?? oidToDotted(bytes, oidStart, oidEnd);
      parts.push(`${type}=${short !== undefined && text !== undefined ? escapeValue(text) : hexValue(value, bytes, reader.start, reader.end)}`);
      q = attributeEnd;
    }
    // OpenSSL reverses the entries of a multi-valued RDN too (it prints its entry list backwards).
    if (parts.length > 0) rdns.push(parts.reverse().join("+"));
  };
  const outerEnd = reader.read(start, end);
  if (singleRDN) {
    formatRDN(reader.valueStart, outerEnd);
  } else {
    let p = reader.valueStart;
    while (p < outerEnd) {
      const setEnd = reader.read(p, outerEnd);
      formatRDN(reader.valueStart, setEnd);
      p = setEnd;
    }
  }
  return rdns.reverse().join(",");
}
