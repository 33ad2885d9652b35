import { inspect } from "node:util";
import { CertificateError } from "@sslkit/errors";
import { createCertificate, decodeCert, matchHostname, verifyChain } from "@sslkit/x509";
import type { CreateCertificateResult } from "@sslkit/x509";
import { table } from "../lib/format.js";
import { bad, dim, good, heading } from "../lib/style.js";
import type { DemoSection } from "./section.js";

/** The certificates the demo makes; the TLS part of the demo serves them. */
export interface DemoPKI {
  readonly ca: CreateCertificateResult;
  readonly server: CreateCertificateResult;
}

/** Makes a local CA and a `localhost` server certificate it signs. */
export async function createDemoPKI(): Promise<DemoPKI> {
  const ca = await createCertificate({ subject: { organizationName: "sslkit demo", commonName: "sslkit Demo CA" }, isCA: true, pathLength: 0 });
  const server = await createCertificate({
    subject: { commonName: "localhost" },
    issuer: ca,
    subjectAltNames: [
      { type: "dns", value: "localhost" },
      { type: "ip", value: "127.0.0.1" },
    ],
  });
  return { ca, server };
}

function hostnameVerdict(dict: ReturnType<typeof decodeCert>, hostname: string): string | undefined {
  try {
    matchHostname(dict, hostname);
    return undefined;
  } catch (error) {
    if (error instanceof CertificateError) return error.message;
    throw error;
  }
}

/** Certificates: create a CA and a server certificate, decode it as CPython would, verify the chain. */
export async function x509Section(pki: DemoPKI, createMs: number): Promise<DemoSection> {
  const dict = decodeCert(pki.server.certificate);
  const verdict = await verifyChain([pki.server.der], { trustAnchors: [pki.ca.der], hostname: "localhost" });
  const localhost = hostnameVerdict(dict, "localhost");
  const wrongHost = hostnameVerdict(dict, "example.com");
  const ok = verdict.ok && localhost === undefined && wrongHost !== undefined;
  const json = {
    createMs: Number(createMs.toFixed(1)),
    ca: { subject: "sslkit Demo CA", serialNumber: pki.ca.serialNumber },
    peerCert: dict,
    verifyChain: { ok: verdict.ok, verifyCode: verdict.verifyCode, verifyMessage: verdict.verifyMessage, depth: verdict.chain.length },
    matchHostname: { localhost: localhost ?? "ok", "example.com": wrongHost ?? "ok" },
  };
  const text = [
    heading("2. X.509 — a CA and a server certificate, made here"),
    table([
      ["Created", `CA "sslkit Demo CA" and leaf "localhost" (EC P-256) in ${createMs.toFixed(0)} ms`],
      ["Verify chain", verdict.ok ? `ok ${dim(`(code ${verdict.verifyCode}: ${verdict.verifyMessage}, ${verdict.chain.length} certificates)`)}` : `failed: ${verdict.verifyMessage}`],
    ]),
    `  ${dim("decodeCert(server) — the dict CPython's getpeercert() returns:")}`,
    inspect(dict, { depth: 6, colors: false, breakLength: 100 })
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n"),
    localhost === undefined ? good('matchHostname(cert, "localhost")') : bad(`matchHostname(cert, "localhost"): ${localhost}`),
    wrongHost === undefined ? bad('matchHostname(cert, "example.com") unexpectedly matched') : good(`matchHostname(cert, "example.com") refused: ${wrongHost}`),
  ].join("\n");
  return { name: "x509", ok, json, text };
}
