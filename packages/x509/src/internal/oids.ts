import { X509ErrorCode } from "../error-codes.js";
import { fail } from "./der.js";
import { OID_TABLE } from "./oid-table.js";

/** OpenSSL's names of one object. */
interface OIDNames {
  readonly shortName: string;
  readonly longName: string;
}

let byContent: Map<string, OIDNames> | undefined;

/** Builds the lookup map on first use: keys are the DER content octets as a Latin-1 string. */
function table(): Map<string, OIDNames> {
  if (byContent !== undefined) return byContent;
  const map = new Map<string, OIDNames>();
  for (const row of OID_TABLE.split("\n")) {
    const [hex = "", shortName = "", longName = ""] = row.split("\t");
    let key = "";
    for (let i = 0; i < hex.length; i += 2) key += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    map.set(key, { shortName, longName });
  }
  byContent = map;
  return map;
}

/** The content octets `bytes[start:end]` as a Latin-1 string (a cheap map key). */
export function contentKey(bytes: Uint8Array, start: number, end: number): string {
  let key = "";
  for (let i = start; i < end; i++) key += String.fromCharCode(bytes[i] ?? 0);
  return key;
}

/**
 * Checks an OBJECT IDENTIFIER's content octets the way OpenSSL's `c2i_ASN1_OBJECT` does:
 * not empty, no sub-identifier starting with 0x80, the last byte without the continuation bit.
 */
export function checkOID(bytes: Uint8Array, start: number, end: number, at: number): void {
  if (end <= start || ((bytes[end - 1] ?? 0) & 0x80) !== 0) fail(X509ErrorCode.BAD_VALUE, "invalid OBJECT IDENTIFIER encoding", at);
  for (let i = start; i < end; i++) {
    if (bytes[i] === 0x80 && (i === start || ((bytes[i - 1] ?? 0) & 0x80) === 0)) {
      fail(X509ErrorCode.BAD_VALUE, "invalid OBJECT IDENTIFIER encoding (sub-identifier padded with 0x80)", at);
    }
  }
}

/** Dotted-decimal text of an OID's content octets, as OpenSSL's `OBJ_obj2txt(..., 1)` prints it. */
export function oidToDotted(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  let first = true;
  let value = 0;
  let big: bigint | undefined;
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (big !== undefined) big = (big << 7n) | BigInt(b & 0x7f);
    else if (value > 0x1fffffffffff) big = (BigInt(value) << 7n) | BigInt(b & 0x7f);
    else value = value * 128 + (b & 0x7f);
    if ((b & 0x80) !== 0) continue;
    if (first) {
      first = false;
      if (big !== undefined) out = `2.${big - 80n}`;
      else if (value < 40) out = `0.${value}`;
      else if (value < 80) out = `1.${value - 40}`;
      else out = `2.${value - 80}`;
    } else {
      out += `.${big ?? value}`;
    }
    value = 0;
    big = undefined;
  }
  return out;
}

/** OpenSSL 3.0.9+ refuses to print OIDs longer than this (the CVE-2023-2650 fix in `OBJ_obj2txt`). */
const MAX_PRINTABLE_OID_LENGTH = 586;

/**
 * OpenSSL's long name (or short name) for an OID, or its dotted form when OpenSSL does not know
 * it (`OBJ_obj2txt(..., 0)`). An unknown OID of more than 586 content bytes is an error there,
 * and so here (`ERR_SSLKIT_X509_BAD_VALUE`), as CPython raises.
 */
export function oidLongName(bytes: Uint8Array, start: number, end: number, at: number = start): string {
  const names = table().get(contentKey(bytes, start, end));
  if (names !== undefined) return names.longName || names.shortName;
  if (end - start > MAX_PRINTABLE_OID_LENGTH) fail(X509ErrorCode.BAD_VALUE, `OBJECT IDENTIFIER of ${end - start} bytes is too long for OpenSSL to print`, at);
  return oidToDotted(bytes, start, end);
}

/** OpenSSL's short name for an OID, or `undefined` when OpenSSL does not know it. */
export function oidShortName(bytes: Uint8Array, start: number, end: number): string | undefined {
  return table().get(contentKey(bytes, start, end))?.shortName;
}

/** Whether OpenSSL knows the OID (has a NID for it). */
export function oidKnown(bytes: Uint8Array, start: number, end: number): boolean {
  return table().has(contentKey(bytes, start, end));
}
