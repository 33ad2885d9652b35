import type { CipherInfo, SSLContext } from "@sslkit/context";

const rowsByContext = new WeakMap<SSLContext, ReadonlyMap<string, CipherInfo>>();

function rowsOf(context: SSLContext): ReadonlyMap<string, CipherInfo> {
  let rows = rowsByContext.get(context);
  if (rows === undefined) {
    rows = new Map(context.getCiphers().map((row) => [row.name, row]));
    rowsByContext.set(context, rows);
  }
  return rows;
}

/** The secret bits of a cipher (Python's third `cipher()` element), from the context's cipher list. */
export function cipherBits(context: SSLContext, name: string): number {
  const row = rowsOf(context).get(name);
  if (row !== undefined) return row.strength_bits;
  // A cipher outside the list (e.g. chosen after setCiphers on a shared context): read the name.
  if (/AES256|AES_256|CHACHA20|CAMELLIA256|ARIA256/.test(name)) return 256;
  if (/AES128|AES_128|CAMELLIA128|ARIA128|SEED|IDEA/.test(name)) return 128;
  if (/DES-CBC3|3DES/.test(name)) return 112;
  return 0;
}

/** The IANA code points of the cipher suites in a ClientHello (RFC 8446 §4.1.2), or `[]` when it cannot be read. */
export function clientHelloCipherIds(record: Buffer): number[] {
  // record header (5) | handshake type (1) + length (3) | version (2) | random (32) | session id
  if (record.length < 5 + 4 + 2 + 32 + 1 || record[0] !== 22 || record[5] !== 1) return [];
  let offset = 5 + 4 + 2 + 32;
  const sessionIdLength = record[offset] ?? 0;
  offset += 1 + sessionIdLength;
  if (offset + 2 > record.length) return [];
  const length = record.readUInt16BE(offset);
  offset += 2;
  const ids: number[] = [];
  for (let i = 0; i + 1 < length && offset + i + 1 < record.length; i += 2) ids.push(record.readUInt16BE(offset + i));
  return ids;
}

/** Python's `shared_ciphers()` entries: the server's enabled ciphers the client offered, in the server's order. */
export function sharedCipherList(context: SSLContext, clientHello: Buffer): [string, string, number][] {
  const offered = new Set(clientHelloCipherIds(clientHello));
  return [...rowsOf(context).values()]
    .filter((row) => offered.has(row.id & 0xffff))
    .map((row) => [row.name, row.protocol, row.strength_bits]);
}
