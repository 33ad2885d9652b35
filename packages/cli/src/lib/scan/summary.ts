import type { ScanResult } from "./scan-endpoint.js";

/** `--json`'s `summary`: how many endpoints, and how many have each kind of defect. */
export interface ScanSummary {
  total: number;
  /** Reachable, with no issue. */
  ok: number;
  /** Reachable, with at least one issue. */
  failing: number;
  unreachable: number;
  /** A TCP connection but no TLS handshake. */
  handshakeFailed: number;
  /** Leaf expired, or expiring within `--warn-days`. */
  expiring: number;
  /** Chain not verified (verify code ≠ 0). */
  verificationFailed: number;
  /** Leaf not valid for the host name scanned. */
  hostnameMismatch: number;
  /** TLS 1.0 or 1.1 accepted. */
  oldProtocols: number;
  /** At least one weak cipher family accepted. */
  weakCiphers: number;
}

/** Counts the results by outcome and by kind of defect (an endpoint may count in several). */
export function summarize(results: readonly ScanResult[], warnDays: number): ScanSummary {
  const count = (test: (result: ScanResult) => boolean): number => results.filter(test).length;
  const unreachable = count((r) => !r.reachable);
  const failing = count((r) => r.reachable && r.issues.length > 0);
  return {
    total: results.length,
    ok: results.length - failing - unreachable,
    failing,
    unreachable,
    handshakeFailed: count((r) => r.reachable && r.protocol === null),
    expiring: count((r) => r.daysLeft !== null && r.daysLeft < warnDays),
    verificationFailed: count((r) => r.verifyCode !== null && r.verifyCode !== 0),
    hostnameMismatch: count((r) => r.hostnameOk === false),
    oldProtocols: count((r) => r.oldProtocols.length > 0),
    weakCiphers: count((r) => r.weakCiphers.length > 0),
  };
}

/** `"expired or expiring: 1, verification failed: 2, …"`: the defect counts that are not zero. */
export function describeDefects(summary: ScanSummary): string {
  const parts: [string, number][] = [
    ["TLS handshake failed", summary.handshakeFailed],
    ["expired or expiring", summary.expiring],
    ["verification failed", summary.verificationFailed],
    ["wrong host name", summary.hostnameMismatch],
    ["old protocols accepted", summary.oldProtocols],
    ["weak ciphers accepted", summary.weakCiphers],
  ];
  return parts.filter(([, n]) => n > 0).map(([label, n]) => `${label}: ${n}`).join(", ");
}
