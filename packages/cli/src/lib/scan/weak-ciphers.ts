import { CERT_NONE, PROTOCOL_TLS_CLIENT, TLSVersion } from "@sslkit/context";
import { SSLContext } from "@sslkit/socket";
import { connectTLS } from "../tls-client.js";

/** A family of TLS ≤ 1.2 cipher suites a server should refuse, and the OpenSSL string that selects it. */
export interface WeakCipherFamily {
  readonly family: string;
  readonly spec: string;
  readonly why: string;
}

/**
 * The weak families `scan` probes, one handshake each. OpenSSL 3.0 without the legacy provider
 * can no longer offer RC4, single DES, 3DES or EXPORT suites, so those are probed only where
 * the local OpenSSL still has them ({@link weakCipherFamilies} sorts them out).
 */
export const WEAK_CIPHER_FAMILIES: readonly WeakCipherFamily[] = [
  { family: "NULL", spec: "eNULL", why: "no encryption" },
  { family: "anonymous", spec: "aNULL:!eNULL", why: "no server authentication" },
  { family: "EXPORT", spec: "EXP", why: "40/56-bit export keys" },
  { family: "RC4", spec: "RC4:!aNULL:!eNULL", why: "broken stream cipher" },
  { family: "DES", spec: "DES:!3DES:!aNULL:!eNULL", why: "56-bit keys" },
  { family: "3DES", spec: "3DES:!aNULL:!eNULL", why: "64-bit blocks (Sweet32)" },
  { family: "CBC-SHA1", spec: "SHA1+AES:SHA1+CAMELLIA:SHA1+SEED:SHA1+ARIA:!aNULL:!eNULL", why: "CBC with HMAC-SHA1, no AEAD (Lucky13)" },
];

/** A weak suite a server accepted. */
export interface AcceptedWeakCipher {
  readonly family: string;
  /** OpenSSL's name of the suite negotiated. */
  readonly cipher: string;
  readonly protocol: string;
}

/** A client context offering only `family`'s suites, TLS 1.0 to 1.2, at security level 0. */
function familyContext(family: WeakCipherFamily): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.checkHostname = false;
  context.verifyMode = CERT_NONE;
  context.minimumVersion = TLSVersion.TLSv1;
  context.maximumVersion = TLSVersion.TLSv1_2;
  context.setCiphers(`${family.spec}:@SECLEVEL=0`);
  return context;
}

/**
 * Splits {@link WEAK_CIPHER_FAMILIES} into those this OpenSSL can offer in a ClientHello and
 * those it cannot (which `scan` reports as not checked rather than as refused).
 */
export function weakCipherFamilies(): { checked: WeakCipherFamily[]; unavailable: WeakCipherFamily[] } {
  const checked: WeakCipherFamily[] = [];
  const unavailable: WeakCipherFamily[] = [];
  for (const family of WEAK_CIPHER_FAMILIES) {
    try {
      familyContext(family);
      checked.push(family);
    } catch {
      unavailable.push(family);
    }
  }
  return { checked, unavailable };
}

/**
 * Tries one handshake per family, offering only that family's suites; returns what the server
 * accepted. A refused handshake (alert, reset or time-out) counts as not accepted.
 */
export async function probeWeakCiphers(host: string, port: number, families: readonly WeakCipherFamily[], timeout: number): Promise<AcceptedWeakCipher[]> {
  const accepted: AcceptedWeakCipher[] = [];
  for (const family of families) {
    try {
      const ssl = await connectTLS({ host, port, context: familyContext(family), timeout });
      const cipher = ssl.cipher();
      const protocol = ssl.version();
      await ssl.close();
      if (cipher !== null) accepted.push({ family: family.family, cipher: cipher[0], protocol: protocol ?? cipher[1] });
    } catch {
      // Refused: the server does not accept this family.
    }
  }
  return accepted;
}
