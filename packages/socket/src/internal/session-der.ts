/** The fields of an OpenSSL `SSL_SESSION` that Python's `SSLSession` exposes. */
export interface SessionFields {
  readonly id: Uint8Array;
  /** Creation time, seconds since the epoch. */
  readonly time: number;
  /** Lifetime in seconds. */
  readonly timeout: number;
  readonly ticketLifetimeHint: number;
  readonly hasTicket: boolean;
  /** The peer's certificate (DER) stored in the session, or `null`. */
  readonly peer: Uint8Array | null;
}

interface TLV {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly end: number;
}

function readTLV(der: Uint8Array, offset: number): TLV {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new RangeError("truncated SSL_SESSION");
  let start = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new RangeError("bad length in SSL_SESSION");
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[start + i];
      if (lengthByte === undefined) throw new RangeError("truncated SSL_SESSION");
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  const end = start + length;
  if (end > der.length) throw new RangeError("truncated SSL_SESSION");
  return { tag, value: der.subarray(start, end), end };
}

function integer(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

/**
 * Reads the `SSL_SESSION` that Node serializes (`tlsSocket.getSession()`, the `session`
 * event): OpenSSL's `i2d_SSL_SESSION` ASN.1 (ssl/ssl_asn1.c) —
 * `SEQUENCE { version, sslVersion, cipher, sessionID OCTET STRING, masterKey, keyArg [0] OPT,
 * time [1] EXPLICIT INTEGER OPT, timeout [2] EXPLICIT INTEGER OPT, peer [3], sidCtx [4],
 * verifyResult [5], hostName [6], pskIdentityHint [7], pskIdentity [8],
 * ticketLifetimeHint [9] EXPLICIT INTEGER OPT, ticket [10] EXPLICIT OCTET STRING OPT, … }`.
 */
export function parseSession(der: Uint8Array): SessionFields {
  const outer = readTLV(der, 0);
  if (outer.tag !== 0x30) throw new RangeError("SSL_SESSION is not a SEQUENCE");
  const body = outer.value;
  const universal: Uint8Array[] = [];
  const tagged = new Map<number, Uint8Array>();
  for (let offset = 0; offset < body.length; ) {
    const field = readTLV(body, offset);
    offset = field.end;
    // [n] EXPLICIT: the content is the inner TLV, kept whole.
    if ((field.tag & 0xe0) === 0xa0) tagged.set(field.tag & 0x1f, field.value);
    else universal.push(field.value);
  }
  const inner = (n: number): Uint8Array | undefined => {
    const field = tagged.get(n);
    return field === undefined ? undefined : readTLV(field, 0).value;
  };
  const ticket = inner(10);
  const peer = tagged.get(3);
  return {
    // version, sslVersion, cipher, sessionID, masterKey
    id: new Uint8Array(universal[3] ?? new Uint8Array(0)),
    time: integer(inner(1) ?? new Uint8Array(0)),
    timeout: integer(inner(2) ?? new Uint8Array(0)),
    ticketLifetimeHint: integer(inner(9) ?? new Uint8Array(0)),
    hasTicket: ticket !== undefined && ticket.length > 0,
    peer: peer === undefined ? null : new Uint8Array(peer),
  };
}
