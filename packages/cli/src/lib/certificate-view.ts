import type { Certificate, GeneralName } from "@sslkit/x509";
import { table } from "./format.js";
import { bad, dim, paint } from "./style.js";

const DAY_MS = 86_400_000;

/** "valid for 364 more days", "expired 3 days ago", "not valid for another 2 days". */
export function describeValidity(certificate: Certificate, now: Date = new Date()): string {
  const days = Math.floor((certificate.notAfter.getTime() - now.getTime()) / DAY_MS);
  if (certificate.notBefore.getTime() > now.getTime()) {
    return paint("yellow", `not valid for another ${Math.ceil((certificate.notBefore.getTime() - now.getTime()) / DAY_MS)} days`);
  }
  if (days < 0) return bad(`expired ${-days} days ago`);
  const text = `valid for ${days} more days`;
  return days < 30 ? paint("yellow", text) : paint("green", text);
}

function describeName(name: GeneralName): string {
  return `${name.type}:${name.value}`;
}

function describeKey(certificate: Certificate): string {
  const key = certificate.publicKey;
  return [key.algorithm, key.bits > 0 ? `${key.bits} bits` : "", key.curve ?? ""].filter(Boolean).join(", ");
}

/** A readable, aligned view of one certificate. */
export function formatCertificate(certificate: Certificate, now: Date = new Date()): string {
  const rows: [string, string][] = [
    ["Subject", certificate.subjectString || dim("(empty)")],
    ["Issuer", certificate.issuerString || dim("(empty)")],
    ["Serial", certificate.serialHex],
    ["Valid from", certificate.notBefore.toISOString()],
    ["Valid until", `${certificate.notAfter.toISOString()} ${dim("—")} ${describeValidity(certificate, now)}`],
    ["Key", describeKey(certificate)],
    ["Signature", certificate.signatureAlgorithmName],
  ];
  const names = certificate.subjectAltNames;
  if (names !== undefined) rows.push(["Alt names", names.map(describeName).join(", ")]);
  const constraints = certificate.basicConstraints;
  rows.push(["CA", certificate.isCA ? `yes${constraints?.pathLength !== undefined ? `, path length ${constraints.pathLength}` : ""}` : "no"]);
  if (certificate.isSelfSigned) rows.push(["Self-signed", "yes"]);
  const usage = certificate.keyUsage;
  if (usage !== undefined) rows.push(["Key usage", usage.join(", ")]);
  const extended = certificate.extKeyUsage;
  if (extended !== undefined) rows.push(["Ext key usage", extended.join(", ")]);
  rows.push([
    "Extensions",
    certificate.extensions.map((extension) => `${extension.name ?? extension.oid}${extension.critical ? " (critical)" : ""}`).join(", ") || dim("none"),
  ]);
  rows.push(["SHA-256", certificate.fingerprintSHA256]);
  rows.push(["SHA-1", certificate.fingerprintSHA1]);
  return table(rows);
}
