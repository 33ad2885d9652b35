import { X509Error, invalidArgTypeError, invalidArgValueError, outOfRangeError } from "@sslkit/errors";
import { decodePEM } from "@sslkit/pem";
import { X509ErrorCode } from "./error-codes.js";
import { matchHostname } from "./match-hostname.js";
import { X509VerifyCode, verifyCodeMessage } from "./verify-codes.js";
import { DERSyntaxError } from "./internal/verify-der.js";
import { formatIP, parseIPv4 } from "./internal/verify-names.js";
import { OID, parseCertificate } from "./internal/verify-parse.js";
import type { Defect, ParsedCert } from "./internal/verify-parse.js";
import { parseCRL } from "./internal/verify-crl.js";
import type { ParsedCRL } from "./internal/verify-crl.js";
import { buildAndValidate, certificateKey } from "./internal/verify-path.js";
import type { PathNode, Profile, Purpose } from "./internal/verify-path.js";

/** A certificate as `verifyChain` accepts it: PEM text (one or more blocks), DER bytes, or an object with `toDER()` such as a `Certificate`. */
export type VerifyCertificateInput = string | Uint8Array | {
  /** Returns the certificate as DER bytes. */
  toDER(): Uint8Array;
};

/** Options of {@link verifyChain}. */
export interface VerifyChainOptions {
  /** The certificates trusted by configuration (roots, or any CA certificate: a path may end at an intermediate). */
  readonly trustAnchors: readonly VerifyCertificateInput[];
  /** The time to validate at; a number is milliseconds since the epoch, truncated to whole seconds. @defaultValue now */
  readonly time?: Date | number;
  /** The DNS name or IP address the peer must be valid for; no identity check when absent. */
  readonly hostname?: string;
  /** The extended key usage required of the leaf (and of CAs that restrict theirs). @defaultValue `"serverAuth"` */
  readonly purpose?: "serverAuth" | "clientAuth" | "any";
  /** Most intermediate CA certificates allowed between leaf and trust anchor, self-issued ones not counted (OpenSSL's `-verify_depth`). @defaultValue `100` */
  readonly maxDepth?: number;
  /** `"webpki"` adds the CA/Browser Forum Baseline Requirements to RFC 5280. @defaultValue `"webpki"` */
  readonly profile?: "webpki" | "rfc5280";
  /** Aborts path building. */
  readonly signal?: AbortSignal;
  /**
   * Certificate revocation lists (PEM `X509 CRL` text or DER bytes). Each certificate of the path
   * whose issuer signed one of them is checked against it (revoked: 23); certificates without a
   * CRL are not checked (OpenSSL's `-crl_check_all` would report 3).
   */
  readonly crls?: readonly (string | Uint8Array)[];
}

/** The verdict of {@link verifyChain}. */
export interface VerifyChainResult {
  /** `true` when a path to a trust anchor passed every check. */
  readonly ok: boolean;
  /** OpenSSL's `X509_V_*` number: `0` on success. */
  readonly verifyCode: number;
  /** OpenSSL's text for {@link VerifyChainResult.verifyCode}, as `openssl verify` prints it. */
  readonly verifyMessage: string;
  /** Why, in more words than OpenSSL's text (empty on success). */
  readonly reason: string;
  /** DER certificates of the validated path (leaf first, trust anchor last), or of the best failed attempt. */
  readonly chain: readonly Uint8Array[];
  /** Index in `chain` of the certificate the verdict is about (OpenSSL's error depth); `0` on success. */
  readonly depth: number;
}

const PURPOSES: readonly Purpose[] = ["serverAuth", "clientAuth", "any"];
const PROFILES: readonly Profile[] = ["webpki", "rfc5280"];
const CERT_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]);

function derOf(input: unknown, name: string): Uint8Array[] {
  if (typeof input === "string") {
    const blocks = decodePEM(input).filter((block) => CERT_LABELS.has(block.label));
    if (blocks.length === 0) throw new X509Error(X509ErrorCode.NO_CERTIFICATE, `${name} holds no CERTIFICATE PEM block`);
    return blocks.map((block) => block.der);
  }
  if (input instanceof Uint8Array) {
    if (input.length === 0) throw new X509Error(X509ErrorCode.NO_CERTIFICATE, `${name} is empty`);
    return [input];
  }
  if (typeof input === "object" && input !== null && typeof (input as { toDER?: unknown }).toDER === "function") {
    const der: unknown = (input as { toDER(): unknown }).toDER();
    if (!(der instanceof Uint8Array)) throw invalidArgTypeError(`${name}.toDER()`, "an instance of Uint8Array", der);
    return [der];
  }
  throw invalidArgTypeError(name, "a PEM string, a Uint8Array or an object with a toDER() method", input);
}

function parseAll(input: unknown, name: string): ParsedCert[] {
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  const out: ParsedCert[] = [];
  list.forEach((item, index) => {
    const label = Array.isArray(input) ? `${name}[${index}]` : name;
    for (const der of derOf(item, label)) {
      try {
        out.push(parseCertificate(der));
      } catch (error) {
        if (!(error instanceof DERSyntaxError)) throw error;
        throw new X509Error(X509ErrorCode.VERIFY_BAD_CERTIFICATE, `${label} is not a DER X.509 certificate: ${error.message} (at byte ${error.offset})`, { offset: error.offset }, { cause: error });
      }
    }
  });
  return out;
}

function parseCRLs(input: unknown): ParsedCRL[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw invalidArgTypeError("options.crls", "an array", input);
  return input.flatMap((item: unknown, index) => {
    const name = `options.crls[${index}]`;
    let ders: Uint8Array[];
    if (typeof item === "string") {
      ders = decodePEM(item).filter((block) => block.label === "X509 CRL").map((block) => block.der);
      if (ders.length === 0) throw new X509Error(X509ErrorCode.VERIFY_BAD_CRL, `${name} holds no X509 CRL PEM block`);
    } else if (item instanceof Uint8Array) {
      ders = [item];
    } else {
      throw invalidArgTypeError(name, "a PEM string or a Uint8Array", item);
    }
    return ders.map((der) => {
      try {
        return parseCRL(der);
      } catch (error) {
        if (!(error instanceof DERSyntaxError)) throw error;
        throw new X509Error(X509ErrorCode.VERIFY_BAD_CRL, `${name} is not a DER CRL: ${error.message} (at byte ${error.offset})`, { offset: error.offset }, { cause: error });
      }
    });
  });
}

function validationTime(time: unknown): number {
  if (time === undefined) return Math.floor(Date.now() / 1000) * 1000;
  const ms = time instanceof Date ? time.getTime() : typeof time === "number" ? time : Number.NaN;
  if (!(time instanceof Date) && typeof time !== "number") throw invalidArgTypeError("options.time", "an instance of Date or of type number", time);
  if (!Number.isFinite(ms)) throw invalidArgValueError("options.time", time, "must be a valid date");
  return Math.floor(ms / 1000) * 1000;
}

function identityCheck(hostname: string, profile: Profile): (leaf: ParsedCert) => Defect | undefined {
  const isIP = parseIPv4(hostname) !== undefined || hostname.includes(":");
  return (leaf) => {
    const subjectAltName: [string, string][] = [];
    for (const name of leaf.subjectAltName ?? []) {
      if (name.kind === "dns" && name.text !== undefined) subjectAltName.push(["DNS", name.text]);
      const ip = name.kind === "ip" && name.bytes !== undefined ? formatIP(name.bytes) : undefined;
      if (ip !== undefined) subjectAltName.push(["IP Address", ip]);
    }
    // The Web PKI never falls back to the subject commonName (BR 7.1.4.3 makes it a copy of a SAN).
    const subject = profile === "webpki" ? [] : leaf.subject.rdns.map((rdn) => rdn.filter((a) => a.type === OID.commonName && a.text !== undefined).map((a) => ["commonName", a.text ?? ""] as [string, string]));
    try {
      matchHostname({ subject, subjectAltName }, hostname);
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { code: isIP ? X509VerifyCode.X509_V_ERR_IP_ADDRESS_MISMATCH : X509VerifyCode.X509_V_ERR_HOSTNAME_MISMATCH, reason };
    }
  };
}

/**
 * Builds a certification path from a leaf to a trust anchor and validates it: RFC 5280 §6 with
 * the CA/Browser Forum (Web PKI) rules, stricter than OpenSSL's defaults.
 *
 * Path building tries every candidate issuer (matching names under RFC 5280 comparison rules,
 * preferring the one whose subjectKeyIdentifier matches the authorityKeyIdentifier), backtracks
 * on failure, detects loops and gives up after a fixed work budget, so hostile input ends in a
 * verdict. The path may end at any trust anchor, self-signed or not. Signatures are checked with
 * WebCrypto: RSA PKCS#1 v1.5 and PSS (SHA-256/384/512), ECDSA P-256/P-384/P-521, Ed25519 and
 * Ed448; SHA-1 and MD5 are refused below the trust anchor. A failed verification is a result, not
 * an exception.
 *
 * @param leafAndIntermediates - The peer's certificate first, then any untrusted intermediates (in any order): PEM text (a bundle is fine), DER bytes, `Certificate` objects, or an array of these.
 * @param options - {@link VerifyChainOptions}: `trustAnchors` (required), `time`, `hostname`, `purpose`, `maxDepth`, `profile`, `crls`, `signal`.
 * @returns `{ ok, verifyCode, verifyMessage, reason, chain, depth }` with OpenSSL's `X509_V_ERR_*` code and text.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_NO_CERTIFICATE` when an input holds no certificate (empty list, empty bytes, PEM without a CERTIFICATE block).
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE` when an input is not a DER certificate (garbage, truncated).
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_VERIFY_BAD_CRL` when an entry of `crls` is not a DER CRL (or PEM without an X509 CRL block).
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_*` for damaged PEM text.
 * @throws `TypeError` `ERR_INVALID_ARG_TYPE` / `ERR_INVALID_ARG_VALUE`, `RangeError` `ERR_OUT_OF_RANGE` for bad options.
 * @throws `AbortError` (the signal's reason) when `signal` aborts.
 * @see Python `ssl.SSLContext.wrap_socket` certificate verification (`SSLCertVerificationError.verify_code`), OpenSSL `openssl verify -x509_strict`, RFC 5280 §6.1, CA/B Forum BR §7.1
 * @example
 * ```ts
 * const result = await verifyChain([leafPem, intermediatePem], { trustAnchors: [rootPem], hostname: "example.org" });
 * if (!result.ok) console.error(`error ${result.verifyCode} at depth ${result.depth}: ${result.verifyMessage}`);
 * ```
 */
export async function verifyChain(leafAndIntermediates: VerifyCertificateInput | readonly VerifyCertificateInput[], options: VerifyChainOptions): Promise<VerifyChainResult> {
  if (typeof options !== "object" || (options as unknown) === null) throw invalidArgTypeError("options", "of type object", options);
  if (!Array.isArray(options.trustAnchors)) throw invalidArgTypeError("options.trustAnchors", "an array", options.trustAnchors);
  const purpose = options.purpose ?? "serverAuth";
  if (!PURPOSES.includes(purpose)) throw invalidArgValueError("options.purpose", purpose, `must be one of ${PURPOSES.join(", ")}`);
  const profile = options.profile ?? "webpki";
  if (!PROFILES.includes(profile)) throw invalidArgValueError("options.profile", profile, `must be one of ${PROFILES.join(", ")}`);
  const maxDepth = options.maxDepth ?? 100;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 1000) throw outOfRangeError("options.maxDepth", "an integer >= 0 and <= 1000", maxDepth);
  const hostname = options.hostname;
  if (hostname !== undefined && typeof hostname !== "string") throw invalidArgTypeError("options.hostname", "of type string", hostname);
  if (hostname?.length === 0) throw invalidArgValueError("options.hostname", hostname, "must not be empty");
  const timeMs = validationTime(options.time);
  const crls = parseCRLs(options.crls);
  const signal = options.signal;
  signal?.throwIfAborted();

  if (Array.isArray(leafAndIntermediates) && leafAndIntermediates.length === 0) {
    throw new X509Error(X509ErrorCode.NO_CERTIFICATE, "leafAndIntermediates is an empty list");
  }
  const [leafCert, ...intermediateCerts] = parseAll(leafAndIntermediates, "leafAndIntermediates");
  const anchors = parseAll(options.trustAnchors, "options.trustAnchors");
  if (leafCert === undefined) throw new X509Error(X509ErrorCode.NO_CERTIFICATE, "leafAndIntermediates holds no certificate");

  // One node per distinct certificate; a certificate that is also a trust anchor is trusted.
  const nodes = new Map<string, PathNode>();
  let nextId = 0;
  for (const cert of anchors) {
    const key = certificateKey(cert);
    if (!nodes.has(key)) nodes.set(key, { cert, trusted: true, id: nextId++ });
  }
  for (const cert of intermediateCerts) {
    const key = certificateKey(cert);
    if (!nodes.has(key)) nodes.set(key, { cert, trusted: false, id: nextId++ });
  }
  const leafKey = certificateKey(leafCert);
  const leaf = nodes.get(leafKey) ?? { cert: leafCert, trusted: false, id: nextId++ };

  const result = await buildAndValidate(leaf, [...nodes.values()], {
    timeMs,
    purpose,
    profile,
    maxDepth,
    checkIdentity: hostname === undefined ? undefined : identityCheck(hostname, profile),
    signal,
    crls,
  });
  const chain = result.chain.map((node) => node.cert.der);
  if (result.ok || result.failure === undefined) {
    return { ok: true, verifyCode: X509VerifyCode.X509_V_OK, verifyMessage: verifyCodeMessage(X509VerifyCode.X509_V_OK), reason: "", chain, depth: 0 };
  }
  const { code, reason, depth } = result.failure;
  return { ok: false, verifyCode: code, verifyMessage: verifyCodeMessage(code), reason, chain, depth };
}
