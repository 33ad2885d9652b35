import type { TLSSocket } from "node:tls";
import type { SSLSocket } from "@sslkit/socket";
import { CLIError, ExitCode } from "./exit.js";

/** Error codes that mean the network, not the peer's TLS, failed: exit code 3. */
const NETWORK_CODES = new Set(["ERR_SSLKIT_SOCKET_TIMEOUT", "ERR_SSLKIT_SOCKET_CLOSED", "ERR_SSLKIT_SOCKET_NOT_CONNECTED"]);

/** Turns a socket time-out into a one-line {@link CLIError} with exit code 3; other errors pass. */
export function asNetworkError(error: unknown, where: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) {
    const message = error instanceof Error ? error.message : String(error);
    return new CLIError(`${where}: ${message}`, ExitCode.IO);
  }
  return error;
}

interface DetailedPeerCertificate {
  readonly raw?: Buffer;
  readonly fingerprint256?: string;
  readonly issuerCertificate?: DetailedPeerCertificate;
}

/**
 * The certificates the peer sent, leaf first, as DER (Python 3.13's `get_unverified_chain()`).
 * `@sslkit/socket` has no such method yet; its `stream` is the `tls.TLSSocket`, whose detailed
 * peer certificate links each certificate to the next one of the chain.
 */
export function peerChain(ssl: SSLSocket): Uint8Array[] {
  const tlsSocket = ssl.stream as TLSSocket | null;
  if (tlsSocket === null) return [];
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = tlsSocket.getPeerCertificate(true);
  while (cert?.raw !== undefined && cert.fingerprint256 !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}
