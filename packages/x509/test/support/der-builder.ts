/** A tiny DER writer for hand-made (and deliberately odd) certificates in tests. */
export type Part = Uint8Array | readonly number[];

function concat(parts: readonly Part[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** One TLV with a single-byte tag. */
export function tlv(tag: number, ...parts: Part[]): Uint8Array {
  const body = concat(parts);
  return concat([[tag], lengthBytes(body.length), body]);
}

export const seq = (...parts: Part[]): Uint8Array => tlv(0x30, ...parts);
export const set = (...parts: Part[]): Uint8Array => tlv(0x31, ...parts);
export const octets = (...parts: Part[]): Uint8Array => tlv(0x04, ...parts);
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
export const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

/** OBJECT IDENTIFIER content octets of a dotted OID. */
export function oidContent(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(BigInt);
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (let v of values) {
    const chunk = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}
export const oid = (dotted: string): Uint8Array => tlv(0x06, oidContent(dotted));

/** A Name from RDNs of `[oid, tag, value bytes]` attributes. */
export function name(...rdns: (readonly [string, number, Part])[][]): Uint8Array {
  return seq(...rdns.map((rdn) => set(...rdn.map(([type, tag, value]) => seq(oid(type), tlv(tag, value))))));
}
export const cn = (text: string): Uint8Array => name([["2.5.4.3", 0x0c, utf8(text)]]);

/** An Extension. */
export function extension(type: string, value: Part, critical = false): Uint8Array {
  return seq(oid(type), critical ? [0x01, 0x01, 0xff] : [], octets(value));
}

/** RFC 8032 test vector 1's Ed25519 public key. */
const SPKI = seq(seq(oid("1.3.101.112")), tlv(0x03, [0x00], hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));

/** What {@link buildCertificate} may replace; every field is the complete DER element(s). */
export interface CertParts {
  version?: Part;
  serial?: Part;
  signature?: Part;
  issuer?: Part;
  validity?: Part;
  subject?: Part;
  spki?: Part;
  uniqueIds?: Part;
  extensions?: Part[];
  /** Raw `[3]` element instead of one built from `extensions`. */
  extensionsElement?: Part;
}

export const utcTime = (text: string): Uint8Array => tlv(0x17, latin1(text));
export const generalizedTime = (text: string): Uint8Array => tlv(0x18, latin1(text));

/** Builds a certificate with a zero signature (CPython does not check signatures when decoding). */
export function buildCertificate(parts: CertParts = {}): Uint8Array {
  const algorithm = seq(oid("1.3.101.112"));
  const tbs = seq(
    parts.version ?? tlv(0xa0, tlv(0x02, [0x02])),
    parts.serial ?? tlv(0x02, [0x01, 0x02]),
    parts.signature ?? algorithm,
    parts.issuer ?? cn("Issuer"),
    parts.validity ?? seq(utcTime("250101000000Z"), utcTime("350101000000Z")),
    parts.subject ?? cn("Subject"),
    parts.spki ?? SPKI,
    parts.uniqueIds ?? [],
    parts.extensionsElement ?? (parts.extensions ? tlv(0xa3, seq(...parts.extensions)) : []),
  );
  return seq(tbs, algorithm, tlv(0x03, [0x00], new Uint8Array(64)));
}

/** PEM text of DER bytes. */
export function toPEM(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
