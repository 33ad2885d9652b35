import { X509ErrorCode } from "../error-codes.js";
import { utf8OrThrow } from "./asn1-string.js";
import { collectConstructed, DerReader, fail, stringContent, Tag } from "./der.js";
import { checkAny } from "./der-certificate.js";
import { checkName, nameToRDNs } from "./der-name.js";
import type { NameAttribute } from "./der-name.js";
import { checkOID, contentKey, oidLongName } from "./oids.js";

/** GeneralName CHOICE tags (RFC 5280 §4.2.1.6), context-specific, as they appear on the wire. */
export const GeneralNameTag = {
  OTHER_NAME: 0xa0,
  RFC822_NAME: 0x81,
  DNS_NAME: 0x82,
  X400_ADDRESS: 0xa3,
  DIRECTORY_NAME: 0xa4,
  EDI_PARTY_NAME: 0xa5,
  URI: 0x86,
  IP_ADDRESS: 0x87,
  REGISTERED_ID: 0x88,
} as const;

function isDirectoryStringTag(tag: number): boolean {
  return tag === Tag.PRINTABLE_STRING || tag === Tag.T61_STRING || tag === Tag.BMP_STRING || tag === Tag.UNIVERSAL_STRING || tag === Tag.UTF8_STRING;
}

/**
 * Validates one GeneralName as OpenSSL's `GENERAL_NAME` template does; returns its end.
 *
 * ```asn1
 * GeneralName ::= CHOICE { otherName [0] IMPLICIT SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY },
 *   rfc822Name [1] IA5String, dNSName [2] IA5String, x400Address [3] ORAddress, directoryName [4] Name,
 *   ediPartyName [5] EDIPartyName, uniformResourceIdentifier [6] IA5String,
 *   iPAddress [7] OCTET STRING, registeredID [8] OBJECT IDENTIFIER }
 * ```
 */
export function checkGeneralName(reader: DerReader, offset: number, limit: number): number {
  const end = reader.read(offset, limit);
  const { bytes } = reader;
  switch (reader.tag) {
    case GeneralNameTag.RFC822_NAME:
    case GeneralNameTag.DNS_NAME:
    case GeneralNameTag.URI:
    case GeneralNameTag.IP_ADDRESS:
    case GeneralNameTag.X400_ADDRESS:
      return end;
    case GeneralNameTag.RFC822_NAME | 0x20:
    case GeneralNameTag.DNS_NAME | 0x20:
    case GeneralNameTag.URI | 0x20:
    case GeneralNameTag.IP_ADDRESS | 0x20:
      // A constructed (BER) string: OpenSSL accepts it and concatenates the chunks.
      collectConstructed(reader, reader.valueStart, end, undefined);
      return end;
    case GeneralNameTag.REGISTERED_ID:
      checkOID(bytes, reader.valueStart, end, offset);
      return end;
    case GeneralNameTag.OTHER_NAME: {
      const oidEnd = reader.expect(reader.valueStart, end, Tag.OID, "otherName type-id");
      checkOID(bytes, reader.valueStart, oidEnd, reader.start);
      const valueEnd = reader.expect(oidEnd, end, 0xa0, "otherName value [0]");
      const inner = reader.read(reader.valueStart, valueEnd);
      checkAny(reader);
      if (inner !== valueEnd) fail(X509ErrorCode.TRAILING_DATA, "otherName value holds more than one element", inner);
      if (valueEnd !== end) fail(X509ErrorCode.TRAILING_DATA, "otherName has more than two fields", valueEnd);
      return end;
    }
    case GeneralNameTag.DIRECTORY_NAME: {
      const nameEnd = checkName(reader, reader.valueStart, end);
      if (nameEnd !== end) fail(X509ErrorCode.TRAILING_DATA, "directoryName holds more than one Name", nameEnd);
      return end;
    }
    case GeneralNameTag.EDI_PARTY_NAME: {
      let p = reader.valueStart;
      let fieldEnd = reader.read(p, end);
      if (reader.is(0xa0)) {
        const stringEnd = reader.read(reader.valueStart, fieldEnd);
        if (!isDirectoryStringTag(reader.tag) || stringEnd !== fieldEnd) fail(X509ErrorCode.UNEXPECTED_TAG, "ediPartyName nameAssigner is not a DirectoryString", reader.start);
        p = fieldEnd;
        fieldEnd = reader.read(p, end);
      }
      if (!reader.is(0xa1)) fail(X509ErrorCode.UNEXPECTED_TAG, "ediPartyName without partyName [1]", p);
      const stringEnd = reader.read(reader.valueStart, fieldEnd);
      if (!isDirectoryStringTag(reader.tag) || stringEnd !== fieldEnd) fail(X509ErrorCode.UNEXPECTED_TAG, "ediPartyName partyName is not a DirectoryString", reader.start);
      if (fieldEnd !== end) fail(X509ErrorCode.TRAILING_DATA, "ediPartyName has extra fields", fieldEnd);
      return end;
    }
    default:
      return fail(X509ErrorCode.UNEXPECTED_TAG, `GeneralName with unknown tag 0x${reader.tag.toString(16)}`, offset);
  }
}

/** Validates `GeneralNames ::= SEQUENCE OF GeneralName` at `offset`; returns its end. */
export function checkGeneralNames(reader: DerReader, offset: number, limit: number, tag: number = Tag.SEQUENCE): number {
  const end = reader.expect(offset, limit, tag, "GeneralNames SEQUENCE", true);
  let p = reader.valueStart;
  while (p < end) p = checkGeneralName(reader, p, end);
  return end;
}

/** A CPython SAN entry: `["DNS", "example.com"]`, `["DirName", rdns]`, … */
export type GeneralNameEntry = [kind: string, value: string] | [kind: "DirName", value: NameAttribute[][]];

const SMTP_UTF8_MAILBOX = "\x2b\x06\x01\x05\x05\x07\x08\x09";
const XMPP_ADDR = "\x2b\x06\x01\x05\x05\x07\x08\x05";
const SRV_NAME = "\x2b\x06\x01\x05\x05\x07\x08\x07";
const MS_UPN = "\x2b\x06\x01\x04\x01\x82\x37\x14\x02\x03";
const NAI_REALM = "\x2b\x06\x01\x05\x05\x07\x08\x08";

/**
 * CPython's split of an OpenSSL `GENERAL_NAME_print` line: OpenSSL prints with `%.*s` (stops at
 * NUL), CPython reads one line with `BIO_gets` (keeps the newline, at most 2046 bytes) and splits at
 * the first colon.
 */
function printedLine(bytes: Uint8Array, at: number): GeneralNameEntry {
  let n = 0;
  while (n < bytes.length && n < 2046 && bytes[n] !== 0) {
    if (bytes[n++] === 0x0a) break;
  }
  const text = utf8OrThrow(bytes, 0, n, at, "otherName value");
  const colon = text.indexOf(":");
  return [text.slice(0, colon), text.slice(colon + 1)];
}

function otherNameEntry(reader: DerReader, start: number, end: number): GeneralNameEntry {
  const { bytes } = reader;
  const oidEnd = reader.read(reader.valueStart, end);
  const key = contentKey(bytes, reader.valueStart, oidEnd);
  const valueEnd = reader.read(oidEnd, end);
  reader.read(reader.valueStart, valueEnd);
  const valueTag = reader.tag;
  const wanted = key === SRV_NAME ? Tag.IA5_STRING : Tag.UTF8_STRING;
  let label: string | undefined;
  if (valueTag === wanted) {
    if (key === SMTP_UTF8_MAILBOX) label = "SmtpUTF8Mailbox";
    else if (key === XMPP_ADDR) label = "XmppAddr";
    else if (key === SRV_NAME) label = "SRVName";
    else if (key === MS_UPN) label = "UPN";
    else if (key === NAI_REALM) label = "NAIRealm";
  }
  if (label === undefined) return ["othername", "<unsupported>"];
  const prefix = new TextEncoder().encode(`othername:${label}:`);
  const value = bytes.subarray(reader.valueStart, reader.end);
  const line = new Uint8Array(prefix.length + value.length);
  line.set(prefix);
  line.set(value, prefix.length);
  return printedLine(line, start);
}

function ipText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start === 4) return `${bytes[start]}.${bytes[start + 1]}.${bytes[start + 2]}.${bytes[start + 3]}`;
  if (end - start !== 16) return "<invalid>";
  let out = "";
  for (let i = 0; i < 16; i += 2) {
    if (i !== 0) out += ":";
    out += (((bytes[start + i] ?? 0) << 8) | (bytes[start + i + 1] ?? 0)).toString(16).toUpperCase();
  }
  return out;
}

/**
 * Renders one validated GeneralName as CPython's `_get_peer_alt_names` does. Throws
 * `ERR_SSLKIT_X509_BAD_STRING` where CPython raises (bytes that are not UTF-8).
 */
export function generalNameEntry(reader: DerReader, offset: number, limit: number): GeneralNameEntry {
  const end = reader.read(offset, limit);
  const tag = reader.tag;
  if (tag === (GeneralNameTag.RFC822_NAME | 0x20) || tag === (GeneralNameTag.DNS_NAME | 0x20) || tag === (GeneralNameTag.URI | 0x20) || tag === (GeneralNameTag.IP_ADDRESS | 0x20)) {
    const [content, start, stop] = stringContent(reader, offset, limit);
    const label = tag === (GeneralNameTag.RFC822_NAME | 0x20) ? "email" : tag === (GeneralNameTag.DNS_NAME | 0x20) ? "DNS" : tag === (GeneralNameTag.URI | 0x20) ? "URI" : "IP Address";
    if (label === "IP Address") return [label, ipText(content, start, stop)];
    return [label, utf8OrThrow(content, start, stop, offset, label)];
  }
  const { bytes, valueStart } = reader;
  switch (tag) {
    case GeneralNameTag.DNS_NAME:
      return ["DNS", utf8OrThrow(bytes, valueStart, end, offset, "DNS name")];
    case GeneralNameTag.RFC822_NAME:
      return ["email", utf8OrThrow(bytes, valueStart, end, offset, "email address")];
    case GeneralNameTag.URI:
      return ["URI", utf8OrThrow(bytes, valueStart, end, offset, "URI")];
    case GeneralNameTag.IP_ADDRESS:
      return ["IP Address", ipText(bytes, valueStart, end)];
    case GeneralNameTag.REGISTERED_ID: {
      const text = oidLongName(bytes, valueStart, end);
      return ["Registered ID", text.length >= 2048 ? "<INVALID>" : text];
    }
    case GeneralNameTag.DIRECTORY_NAME:
      return ["DirName", nameToRDNs(bytes, valueStart, end)];
    case GeneralNameTag.X400_ADDRESS:
      return ["X400Name", "<unsupported>"];
    case GeneralNameTag.EDI_PARTY_NAME:
      return ["EdiPartyName", "<unsupported>"];
    default:
      return otherNameEntry(reader, offset, end);
  }
}

/** Renders validated `GeneralNames` content `[start, end)` as CPython's SAN tuples. */
export function generalNameEntries(bytes: Uint8Array, start: number, end: number): GeneralNameEntry[] {
  const reader = new DerReader(bytes);
  const out: GeneralNameEntry[] = [];
  let p = start;
  while (p < end) {
    const next = reader.read(p, end);
    out.push(generalNameEntry(reader, p, end));
    p = next;
  }
  return out;
}

