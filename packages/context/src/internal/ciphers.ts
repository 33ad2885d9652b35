import * as tls from "node:tls";
import { Duplex } from "node:stream";
import { CIPHER_TABLE } from "./cipher-table.js";
import type { CipherRow } from "./cipher-table.js";

/** CPython 3.10+'s `PY_SSL_DEFAULT_CIPHER_STRING` (TLS ≤ 1.2 ciphers). */
export const PYTHON_DEFAULT_CIPHERS = "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";

/**
 * The default for contexts that allow TLS 1.0/1.1: OpenSSL 3 refuses those versions above
 * security level 0 (their handshake signatures use SHA-1/MD5), and every TLS 1.0 cipher is a
 * SHA-1 one, so Python's default string would leave nothing to negotiate.
 */
export const LEGACY_DEFAULT_CIPHERS = "@SECLEVEL=0:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!AESCCM";

/** OpenSSL's default TLS 1.3 suites, which Python's `set_ciphers` never changes. */
export const TLS13_SUITES = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

/** Drops TLS 1.3 suite names: like `SSL_CTX_set_cipher_list`, `setCiphers` only sets TLS ≤ 1.2. */
export function tls12Part(spec: string): string {
  return spec
    .split(":")
    .filter((item) => item !== "" && !item.startsWith("TLS_"))
    .join(":");
}

/** The last `@SECLEVEL=n` of a cipher string, or `undefined`. */
export function securityLevelIn(spec: string): number | undefined {
  const last = spec.split(":").filter((item) => /^@SECLEVEL=\d$/.test(item)).at(-1);
  return last === undefined ? undefined : Number(last.slice("@SECLEVEL=".length));
}

/**
 * The string handed to Node: TLS 1.3 suites first (Node caps the context at TLS 1.2 when a
 * `ciphers` string has none), then the TLS ≤ 1.2 list, then the security level (a property
 * of the whole context in OpenSSL, wherever it appears in the string).
 */
export function nodeCipherString(list: string, level: number): string {
  const items = list.split(":").filter((item) => item !== "" && !item.startsWith("@SECLEVEL="));
  return [TLS13_SUITES, ...items, `@SECLEVEL=${level}`].join(":");
}

/** Reads the cipher_suites vector of a TLS ClientHello record. */
function cipherIdsFromClientHello(record: Buffer): number[] {
  // record header (5) + handshake header (4) + client_version (2) + random (32)
  let offset = 5 + 4 + 2 + 32;
  const sessionIdLength = record[offset] ?? 0;
  offset += 1 + sessionIdLength;
  const length = record.readUInt16BE(offset);
  offset += 2;
  const ids: number[] = [];
  for (let i = 0; i < length; i += 2) ids.push(record.readUInt16BE(offset + i));
  return ids;
}

/**
 * Lists the ciphers a secure context offers, in preference order, as Python's `get_ciphers()`
 * dicts. Node has no API for this, so it drives a client TLSSocket over an in-memory stream:
 * Node writes the ClientHello synchronously during `tls.connect`, and its cipher list is
 * OpenSSL's `SSL_get1_supported_ciphers()`. No network I/O happens.
 */
export function ciphersOf(secureContext: tls.SecureContext): CipherRow[] {
  const chunks: Buffer[] = [];
  const transport = new Duplex({
    read() {
      // Nothing ever arrives: only the ClientHello is wanted.
    },
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  // A PSK callback, as OpenSSL leaves PSK ciphers out of a ClientHello without one.
  const socket = tls.connect({ socket: transport, secureContext, rejectUnauthorized: false, pskCallback: () => null });
  socket.on("error", () => {
    // Destroying the socket below may report the abandoned handshake; it is expected.
  });
  const record = Buffer.concat(chunks);
  socket.destroy();
  transport.destroy();
  if (record.length < 5 + 4 + 2 + 32 + 1 || record[0] !== 22) return [];
  return cipherIdsFromClientHello(record)
    .map((id) => CIPHER_TABLE.get(0x03000000 + id))
    .filter((row): row is CipherRow => row !== undefined);
}
