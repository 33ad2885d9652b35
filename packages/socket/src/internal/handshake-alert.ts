import { createCipheriv, createHmac } from "node:crypto";

/** TLS alert descriptions (RFC 8446 §6). */
const BAD_CERTIFICATE = 42;
const CERTIFICATE_REVOKED = 44;
const CERTIFICATE_EXPIRED = 45;
const CERTIFICATE_UNKNOWN = 46;
const UNKNOWN_CA = 48;
const DECRYPT_ERROR = 51;

/**
 * The alert OpenSSL sends when certificate verification fails with `verifyCode`
 * (`ssl_x509err2alert` in OpenSSL 3.0's ssl/statem/statem_lib.c).
 */
export function alertForVerifyCode(verifyCode: number): number {
  switch (verifyCode) {
    case 2: // unable to get issuer certificate
    case 3: // unable to get certificate CRL
    case 18: // self-signed certificate
    case 19: // self-signed certificate in certificate chain
    case 20: // unable to get local issuer certificate
    case 21: // unable to verify the first certificate
    case 22: // certificate chain too long
    case 24: // invalid CA certificate
      return UNKNOWN_CA;
    case 10: // certificate has expired
    case 12: // CRL has expired
      return CERTIFICATE_EXPIRED;
    case 23:
      return CERTIFICATE_REVOKED;
    case 7: // certificate signature failure
    case 8: // CRL signature failure
      return DECRYPT_ERROR;
    case 9: // certificate is not yet valid
    case 11: // CRL is not yet valid
    case 27: // certificate not trusted
    case 28: // certificate rejected
    case 62: // hostname mismatch
    case 63: // email address mismatch
    case 64: // IP address mismatch
      return BAD_CERTIFICATE;
    default:
      return CERTIFICATE_UNKNOWN;
  }
}

interface Suite {
  readonly hash: "sha256" | "sha384";
  readonly cipher: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  readonly keyLength: number;
  readonly tagLength: number;
}

/** The TLS 1.3 cipher suites a client offers (Python cannot enable the CCM ones). */
const SUITES: ReadonlyMap<string, Suite> = new Map([
  ["TLS_AES_128_GCM_SHA256", { hash: "sha256", cipher: "aes-128-gcm", keyLength: 16, tagLength: 16 }],
  ["TLS_AES_256_GCM_SHA384", { hash: "sha384", cipher: "aes-256-gcm", keyLength: 32, tagLength: 16 }],
  ["TLS_CHACHA20_POLY1305_SHA256", { hash: "sha256", cipher: "chacha20-poly1305", keyLength: 32, tagLength: 16 }],
]);

/** HKDF-Expand-Label (RFC 8446 §7.1) for outputs no longer than one hash block. */
function expandLabel(hash: Suite["hash"], secret: Buffer, label: string, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, fullLabel.length]), fullLabel, Buffer.from([0])]);
  return createHmac(hash, secret).update(info).update(Buffer.from([1])).digest().subarray(0, length);
}

/**
 * A fatal TLS 1.3 alert record as the client's first record under its handshake traffic
 * secret (sequence number 0) — what OpenSSL sends when it rejects the server's certificate
 * before its Finished. Node verifies the certificate only after OpenSSL finished the
 * handshake and drops the client's Finished on failure, so the socket sends this one itself:
 * the server then fails with the alert (`unknown_ca`, `bad_certificate`, …) at once instead of
 * waiting for a Finished that never comes. `undefined` for a suite it does not know.
 *
 * @param suite - The negotiated TLS 1.3 suite name (`TLS_AES_256_GCM_SHA384`, …).
 * @param clientHandshakeSecret - `CLIENT_HANDSHAKE_TRAFFIC_SECRET` from the key log.
 * @param description - The alert description ({@link alertForVerifyCode}).
 */
export function tls13HandshakeAlert(suite: string, clientHandshakeSecret: Buffer, description: number): Buffer | undefined {
  const parameters = SUITES.get(suite);
  if (parameters === undefined) return undefined;
  const { hash, cipher, keyLength, tagLength } = parameters;
  const key = expandLabel(hash, clientHandshakeSecret, "key", keyLength);
  // The nonce is the IV XOR the record sequence number, which is 0 here.
  const iv = expandLabel(hash, clientHandshakeSecret, "iv", 12);
  // TLSInnerPlaintext: the alert (level fatal, description), then its content type (21).
  const inner = Buffer.from([2, description, 21]);
  const header = Buffer.from([23, 3, 3, 0, inner.length + tagLength]);
  let body: Buffer;
  if (cipher === "chacha20-poly1305") {
    const encrypt = createCipheriv(cipher, key, iv, { authTagLength: tagLength });
    encrypt.setAAD(header, { plaintextLength: inner.length });
    body = Buffer.concat([encrypt.update(inner), encrypt.final(), encrypt.getAuthTag()]);
  } else {
    const encrypt = createCipheriv(cipher, key, iv, { authTagLength: tagLength });
    encrypt.setAAD(header);
    body = Buffer.concat([encrypt.update(inner), encrypt.final(), encrypt.getAuthTag()]);
  }
  return Buffer.concat([header, body]);
}
