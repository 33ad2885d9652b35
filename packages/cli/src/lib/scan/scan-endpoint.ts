import { CERT_NONE, PROTOCOL_TLS_CLIENT, TLSVersion } from "@sslkit/context";
import { SSLContext } from "@sslkit/socket";
import { Certificate, decodeCert, matchHostname, verifyChain } from "@sslkit/x509";
import { parseHostPort } from "../address.js";
import { peerChain } from "../network.js";
import { connectTLS } from "../tls-client.js";
import { probeWeakCiphers } from "./weak-ciphers.js";
import type { AcceptedWeakCipher, WeakCipherFamily } from "./weak-ciphers.js";

const DAY_MS = 86_400_000;

/** Protocols older than TLS 1.2 that a server should refuse. */
const OLD_PROTOCOLS = [
  ["TLSv1", TLSVersion.TLSv1],
  ["TLSv1.1", TLSVersion.TLSv1_1],
] as const;

/** What `scan` found at one endpoint (one element of `--json`'s `results`). */
export interface ScanResult {
  target: string;
  host: string;
  port: number;
  /** A TCP connection was made (the TLS handshake may still have failed: see `error`). */
  reachable: boolean;
  error: string | null;
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  issuer: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  verifyCode: number | null;
  verifyMessage: string | null;
  hostnameOk: boolean | null;
  oldProtocols: string[];
  weakCiphers: AcceptedWeakCipher[];
  issues: string[];
}

/** How `scan` checks each endpoint. */
export interface ScanSettings {
  readonly timeout: number;
  /** The trust anchors for a chain (see `trustAnchorLoader`). */
  readonly anchorsFor: (presented: readonly Certificate[]) => Certificate[];
  readonly warnDays: number;
  readonly weakFamilies: readonly WeakCipherFamily[];
}

/** A client that verifies nothing and accepts TLS 1.0 to 1.3 (`version` pins one). */
function clientContext(version?: TLSVersion): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.checkHostname = false;
  context.verifyMode = CERT_NONE;
  context.minimumVersion = version ?? TLSVersion.TLSv1;
  if (version !== undefined) context.maximumVersion = version;
  return context;
}

async function acceptsProtocol(host: string, port: number, version: TLSVersion, timeout: number): Promise<boolean> {
  try {
    const ssl = await connectTLS({ host, port, context: clientContext(version), timeout });
    await ssl.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks one `host:port`: a handshake offering TLS 1.0 to 1.3 (protocol, cipher, the chain,
 * verified against `anchorsFor`'s anchors, host name, expiry), then one handshake per old protocol and per
 * weak cipher family (these also when the first handshake failed: a server that accepts only weak
 * suites fails the first one).
 */
export async function scanEndpoint(target: string, settings: ScanSettings, now: number): Promise<ScanResult> {
  const [host, port] = parseHostPort(target);
  const result: ScanResult = { target, host, port, reachable: false, error: null, protocol: null, cipher: null, subject: null, issuer: null, notAfter: null, daysLeft: null, verifyCode: null, verifyMessage: null, hostnameOk: null, oldProtocols: [], weakCiphers: [], issues: [] };
  let chain: Uint8Array[] = [];
  // Set once TCP is up: a reset or time-out after that is the TLS handshake failing.
  const tcp = { connected: false };
  const markConnected = (): Promise<void> => {
    tcp.connected = true;
    return Promise.resolve();
  };
  try {
    const ssl = await connectTLS({ host, port, context: clientContext(), timeout: settings.timeout, beforeHandshake: markConnected });
    result.protocol = ssl.version();
    result.cipher = ssl.cipher()?.[0] ?? null;
    chain = peerChain(ssl);
    await ssl.close();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    if (!tcp.connected) {
      result.issues.push("unreachable");
      return result;
    }
    result.issues.push("TLS handshake failed");
  }
  result.reachable = true;
  const leaf = chain[0];
  if (result.protocol === null) {
    // No certificate to judge; what the server does accept is still worth knowing.
  } else if (leaf !== undefined) {
    const certificate = new Certificate(leaf);
    const presented = chain.map((der) => new Certificate(der));
    result.subject = certificate.subjectString;
    result.issuer = certificate.issuerString;
    result.notAfter = certificate.notAfter.toISOString();
    result.daysLeft = Math.floor((certificate.notAfter.getTime() - now) / DAY_MS);
    const verdict = await verifyChain(chain, { trustAnchors: settings.anchorsFor(presented), purpose: "serverAuth", time: now });
    result.verifyCode = verdict.verifyCode;
    result.verifyMessage = verdict.verifyMessage;
    try {
      matchHostname(decodeCert(leaf), host);
      result.hostnameOk = true;
    } catch {
      result.hostnameOk = false;
    }
    if (!verdict.ok) result.issues.push(`verification failed: ${verdict.verifyMessage} (${verdict.verifyCode})`);
    if (!result.hostnameOk) result.issues.push(`not valid for ${host}`);
    if (result.daysLeft < 0) result.issues.push(`expired ${-result.daysLeft} days ago`);
    else if (result.daysLeft < settings.warnDays) result.issues.push(`expires in ${result.daysLeft} days`);
  } else result.issues.push("no certificate");
  for (const [name, version] of OLD_PROTOCOLS) {
    if (await acceptsProtocol(host, port, version, settings.timeout)) result.oldProtocols.push(name);
  }
  if (result.oldProtocols.length > 0) result.issues.push(`accepts ${result.oldProtocols.join(", ")}`);
  result.weakCiphers = await probeWeakCiphers(host, port, settings.weakFamilies, settings.timeout);
  if (result.weakCiphers.length > 0) result.issues.push(`weak ciphers: ${result.weakCiphers.map((weak) => `${weak.family} (${weak.cipher})`).join(", ")}`);
  return result;
}
