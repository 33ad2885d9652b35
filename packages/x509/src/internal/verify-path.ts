/**
 * Path building (depth-first with backtracking over every candidate issuer) and RFC 5280 §6
 * path validation with the Web PKI (CA/Browser Forum Baseline Requirements) profile on top.
 */
import { X509VerifyCode as V } from "../verify-codes.js";
import { bytesEqual, toHex } from "./verify-der.js";
import { KU, OID } from "./verify-parse.js";
import type { Defect, GeneralName, ParsedCert } from "./verify-parse.js";
import { checkNameConstraints, constrainedNames, formatIP, isValidDNSName, isValidMailbox, parseIPv6, validateConstraints } from "./verify-names.js";
import { checkSignature, isWeakHash, signatureScheme } from "./verify-signature.js";
import { checkRevocation } from "./verify-crl.js";
import type { ParsedCRL } from "./verify-crl.js";

export type Purpose = "serverAuth" | "clientAuth" | "any";
export type Profile = "webpki" | "rfc5280";

export interface PathOptions {
  /** Validation time in whole seconds (RFC 5280 validity has one-second granularity), as milliseconds. */
  readonly timeMs: number;
  readonly purpose: Purpose;
  readonly profile: Profile;
  readonly maxDepth: number;
  /** Checks the identity of the leaf; returns a failure or `undefined`. */
  readonly checkIdentity: ((leaf: ParsedCert) => Defect | undefined) | undefined;
  readonly signal: AbortSignal | undefined;
  /** Revocation lists to check the path's certificates against (only those with a CRL). */
  readonly crls: readonly ParsedCRL[];
}

/** A certificate known to the builder; `trusted` for trust anchors. */
export interface PathNode {
  readonly cert: ParsedCert;
  readonly trusted: boolean;
  readonly id: number;
}

export interface PathFailure extends Defect {
  /** Index in `chain` of the certificate the failure is about. */
  readonly depth: number;
  readonly chain: readonly PathNode[];
}

export interface PathResult {
  readonly ok: boolean;
  readonly failure: PathFailure | undefined;
  readonly chain: readonly PathNode[];
}

/** Candidate expansions allowed per verification; pathological graphs end with a verdict, not a hang. */
const STEP_BUDGET = 4096;

/** Extensions this validator processes, so they may be critical (RFC 5280 §4.2). */
const HANDLED_CRITICAL = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.nameConstraints,
  OID.certificatePolicies,
  OID.policyConstraints,
  OID.policyMappings,
  OID.inhibitAnyPolicy,
  OID.issuerAltName,
  OID.crlDistributionPoints,
]);

const PURPOSE_OID = { serverAuth: OID.serverAuth, clientAuth: OID.clientAuth } as const;

function fail(code: number, reason: string): Defect {
  return { code, reason };
}

function isCA(cert: ParsedCert): boolean {
  return cert.basicConstraints?.ca === true;
}

/** The validity period, both ends inclusive (RFC 5280 §4.1.2.5); malformed times were defects 13/14. */
function checkTime(cert: ParsedCert, options: PathOptions): Defect | undefined {
  const timeDefect = cert.defects.find((d) => d.code === V.X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD || d.code === V.X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD);
  if (timeDefect !== undefined) return timeDefect;
  if (cert.notBefore !== undefined && options.timeMs < cert.notBefore) return fail(V.X509_V_ERR_CERT_NOT_YET_VALID, "notBefore is after the validation time");
  if (cert.notAfter !== undefined && options.timeMs > cert.notAfter) return fail(V.X509_V_ERR_CERT_HAS_EXPIRED, "notAfter is before the validation time");
  return undefined;
}

/** Encoding, critical extensions and serial number: checked even for a directly trusted leaf. */
function checkStructure(cert: ParsedCert, role: "leaf" | "intermediate" | "anchor"): Defect | undefined {
  const first = cert.defects.find((d) => d.code !== V.X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD && d.code !== V.X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD);
  if (first !== undefined) return first;
  for (const ext of cert.extensions) {
    if (!ext.critical) continue;
    if (ext.oid === OID.authorityKeyIdentifier) return fail(V.X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL, "authorityKeyIdentifier must not be critical");
    if (ext.oid === OID.subjectKeyIdentifier) return fail(V.X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL, "subjectKeyIdentifier must not be critical");
    if (ext.oid === OID.authorityInfoAccess) return fail(V.X509_V_ERR_INVALID_EXTENSION, "authorityInfoAccess must not be critical");
    if (!HANDLED_CRITICAL.has(ext.oid)) return fail(V.X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, `unhandled critical extension ${ext.oid}`);
  }
  if (cert.issuer.rdns.length === 0) return fail(V.X509_V_ERR_ISSUER_NAME_EMPTY, "issuer name is empty");
  if (role !== "anchor") {
    const serial = cert.serial;
    if (((serial[0] ?? 0) & 0x80) !== 0) return fail(V.X509_V_ERR_UNSPECIFIED, "negative serial number (RFC 5280 §4.1.2.2)");
    if (serial.every((byte) => byte === 0)) return fail(V.X509_V_ERR_UNSPECIFIED, "zero serial number (RFC 5280 §4.1.2.2)");
    if (serial.length > 21 || (serial.length === 21 && serial[0] !== 0)) return fail(V.X509_V_ERR_UNSPECIFIED, "serial number longer than 20 octets (RFC 5280 §4.1.2.2)");
  }
  return undefined;
}

/** Key sizes and signature digests: OpenSSL's "security level" checks (66, 67, 68). */
function checkStrength(cert: ParsedCert, role: "leaf" | "intermediate" | "anchor"): Defect | undefined {
  const weak = role === "leaf" ? V.X509_V_ERR_EE_KEY_TOO_SMALL : V.X509_V_ERR_CA_KEY_TOO_SMALL;
  const key = cert.publicKey;
  if (key.explicitCurve === true) return fail(V.X509_V_ERR_EC_KEY_EXPLICIT_PARAMS, "EC key with explicit curve parameters");
  if (key.problem !== undefined) return fail(weak, key.problem);
  if ((key.kind === "rsa" || key.kind === "rsa-pss") && (key.bits < 2048 || key.bits % 8 !== 0)) return fail(weak, `RSA key of ${key.bits} bits (at least 2048 and a multiple of 8 required)`);
  if (key.kind === "ec" && key.curve === undefined) return fail(weak, `EC key on an unsupported curve ${key.curveOID ?? ""}`.trim());
  if (key.kind === "dsa" || key.kind === "unknown") return fail(weak, `${key.kind === "dsa" ? "DSA" : `unsupported (${key.algorithmOID})`} public key`);
  if (role !== "anchor") {
    const scheme = signatureScheme(cert.signatureAlgorithm);
    if ("code" in scheme) return scheme;
    if (isWeakHash(scheme)) return fail(V.X509_V_ERR_CA_MD_TOO_WEAK, "SHA-1 signature");
  }
  return undefined;
}

/**
 * BR 7.1.4.3 wants a commonName to be a character-for-character copy of a SAN entry. Enforced
 * here only where a client could be misled and real-world test suites agree: an IP address
 * must be in its canonical text (RFC 3986 dotted decimal, RFC 5952 for IPv6), a domain name must
 * be ASCII (P-labels, not U-labels), and a name equal to a dNSName SAN except for letter case must
 * be an exact copy. A commonName naming something that is not among the SANs is tolerated, since
 * no Web PKI client compares a commonName when SANs are present.
 */
function checkCommonName(text: string | undefined, san: readonly GeneralName[]): Defect | undefined {
  const bad = (why: string): Defect => fail(V.X509_V_ERR_INVALID_EXTENSION, `commonName "${text ?? "?"}" ${why} (CA/B Forum BR 7.1.4.3)`);
  if (text === undefined) return bad("is not a string");
  const address = lenientIPAddress(text);
  if (address !== undefined) return formatIP(address) === text ? undefined : bad("is an IP address not in its canonical text");
  if (/^[^\s]+\.[^\s]+$/u.test(text) && /[^\x21-\x7e]/u.test(text)) return bad("is a domain name with non-ASCII characters");
  const lower = text.toLowerCase();
  for (const name of san) {
    if (name.kind === "dns" && name.text !== undefined && name.text !== text && name.text.toLowerCase() === lower) return bad(`differs from the dNSName "${name.text}" in letter case`);
  }
  return undefined;
}

/** Parses any spelling of an IP address a resolver might accept: inet_aton forms, IPv6 with any case or padding. */
function lenientIPAddress(text: string): Uint8Array | undefined {
  if (text.includes(":")) return /^[0-9a-f:.]+$/iu.test(text) ? parseIPv6(text) : undefined;
  const parts = text.split(".");
  if (parts.length > 4 || !parts.every((part) => /^(?:0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/iu.test(part))) return undefined;
  const values = parts.map((part) => (/^0x/iu.test(part) ? Number.parseInt(part.slice(2), 16) : part.length > 1 && part.startsWith("0") ? Number.parseInt(part, 8) : Number(part)));
  const last = values.pop() ?? 0;
  if (values.some((value) => value > 255) || last >= 256 ** (4 - values.length)) return undefined;
  const out = new Uint8Array(4);
  values.forEach((value, index) => (out[index] = value));
  for (let i = 3; i >= values.length; i--) out[i] = Math.floor(last / 256 ** (3 - i)) % 256;
  return out;
}

function checkLeaf(cert: ParsedCert, options: PathOptions): Defect | undefined {
  const webpki = options.profile === "webpki";
  if (webpki && cert.version !== 2) return fail(V.X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3, "Web PKI certificates must be X.509 v3");
  const bc = cert.basicConstraints;
  if (bc !== undefined && !bc.ca && bc.pathLen !== undefined) return fail(V.X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA, "pathLenConstraint in a non-CA certificate");
  if (!isCA(cert) && cert.keyUsage !== undefined && (cert.keyUsage & KU.keyCertSign) !== 0) {
    return fail(V.X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA, "keyCertSign in a non-CA certificate");
  }
  if (!isCA(cert) && cert.nameConstraints !== undefined) return fail(V.X509_V_ERR_INVALID_EXTENSION, "nameConstraints in an end-entity certificate");
  if (webpki && isCA(cert)) return fail(V.X509_V_ERR_INVALID_NON_CA, "Web PKI end-entity certificate with basicConstraints cA=TRUE");
  if (webpki && cert.keyUsage !== undefined && (cert.keyUsage & KU.keyCertSign) !== 0) return fail(V.X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA, "keyCertSign in an end-entity certificate");
  const san = cert.subjectAltName;
  const subjectEmpty = cert.subject.rdns.length === 0;
  if (subjectEmpty) {
    const sanExt = cert.extensions.find((ext) => ext.oid === OID.subjectAltName);
    if (sanExt === undefined) return fail(V.X509_V_ERR_SUBJECT_NAME_EMPTY, "empty subject without subjectAltName");
    if (!sanExt.critical) return fail(V.X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL, "empty subject with a non-critical subjectAltName");
  }
  if (san !== undefined) {
    for (const name of san) {
      if (name.kind === "dns" && !isValidDNSName(name.text ?? "", true)) return fail(V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, `malformed dNSName "${name.text ?? ""}"`);
      if (name.kind === "ip" && name.bytes?.length !== 4 && name.bytes?.length !== 16) return fail(V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, "malformed iPAddress");
      if (name.kind === "email" && !isValidMailbox(name.text ?? "")) return fail(V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, `malformed rfc822Name "${name.text ?? ""}"`);
    }
  }
  // The Baseline Requirements' subjectAltName and commonName rules are for server certificates.
  if (webpki && options.purpose !== "clientAuth") {
    if (san === undefined) return fail(V.X509_V_ERR_INVALID_EXTENSION, "Web PKI end-entity certificate without subjectAltName");
    const sanExt = cert.extensions.find((ext) => ext.oid === OID.subjectAltName);
    if (sanExt?.critical === true && !subjectEmpty) return fail(V.X509_V_ERR_INVALID_EXTENSION, "subjectAltName must not be critical when the subject is not empty");
    for (const rdn of cert.subject.rdns) {
      for (const attribute of rdn) {
        if (attribute.type !== OID.commonName) continue;
        const problem = checkCommonName(attribute.text, san);
        if (problem !== undefined) return problem;
      }
    }
  }
  const eku = cert.extKeyUsage;
  if (webpki && options.purpose !== "any") {
    if (eku === undefined) return fail(V.X509_V_ERR_INVALID_PURPOSE, "Web PKI end-entity certificate without extKeyUsage");
    if (cert.extensions.some((ext) => ext.oid === OID.extKeyUsage && ext.critical)) return fail(V.X509_V_ERR_INVALID_EXTENSION, "extKeyUsage must not be critical in a Web PKI end-entity certificate");
    if (eku.includes(OID.anyExtendedKeyUsage)) return fail(V.X509_V_ERR_INVALID_PURPOSE, "anyExtendedKeyUsage in a Web PKI end-entity certificate");
  }
  if (options.purpose !== "any") {
    const wanted = PURPOSE_OID[options.purpose];
    if (eku !== undefined && !eku.includes(wanted) && !eku.includes(OID.anyExtendedKeyUsage)) {
      return fail(V.X509_V_ERR_INVALID_PURPOSE, `extKeyUsage does not include ${options.purpose}`);
    }
    const ku = cert.keyUsage;
    const allowed = options.purpose === "serverAuth" ? KU.digitalSignature | KU.keyEncipherment | KU.keyAgreement : KU.digitalSignature | KU.keyAgreement;
    if (ku !== undefined && (ku & allowed) === 0) return fail(V.X509_V_ERR_INVALID_PURPOSE, `keyUsage does not allow ${options.purpose}`);
  }
  return undefined;
}

function checkCA(cert: ParsedCert, role: "intermediate" | "anchor", options: PathOptions): Defect | undefined {
  const webpki = options.profile === "webpki";
  // A v1 trust anchor carries no extensions: it is trusted by configuration, as in RFC 5280 §6.1.1 (d).
  if (role === "anchor" && cert.version === 0) return undefined;
  if (cert.version !== 2) return fail(V.X509_V_ERR_INVALID_CA, `a version ${cert.version + 1} certificate cannot be a CA`);
  const bc = cert.basicConstraints;
  if (bc === undefined || !bc.ca) return fail(V.X509_V_ERR_INVALID_CA, bc === undefined ? "CA certificate without basicConstraints" : "basicConstraints cA is not set");
  if (!bc.critical) return fail(V.X509_V_ERR_CA_BCONS_NOT_CRITICAL, "basicConstraints of a CA certificate must be critical");
  if (cert.subject.rdns.length === 0) return fail(V.X509_V_ERR_SUBJECT_NAME_EMPTY, "CA certificate with an empty subject");
  if (cert.keyUsage === undefined) return fail(V.X509_V_ERR_CA_CERT_MISSING_KEY_USAGE, "CA certificate without keyUsage");
  if ((cert.keyUsage & KU.keyCertSign) === 0) {
    return fail(bc.pathLen === undefined ? V.X509_V_ERR_KEYUSAGE_NO_CERTSIGN : V.X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN, "keyUsage does not include keyCertSign");
  }
  if (cert.subjectKeyId === undefined) return fail(V.X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER, "CA certificate without subjectKeyIdentifier");
  const nc = cert.nameConstraints;
  if (nc !== undefined) {
    const bad = validateConstraints(nc);
    if (bad !== undefined) return bad;
    if (!webpki && !cert.extensions.some((ext) => ext.oid === OID.nameConstraints && ext.critical)) return fail(V.X509_V_ERR_INVALID_EXTENSION, "nameConstraints must be critical (RFC 5280 §4.2.1.10)");
  }
  if (cert.extensions.some((ext) => ext.oid === OID.policyConstraints && !ext.critical)) return fail(V.X509_V_ERR_INVALID_POLICY_EXTENSION, "policyConstraints must be critical");
  const eku = cert.extKeyUsage;
  if (webpki && role === "anchor" && eku !== undefined && cert.selfIssued) return fail(V.X509_V_ERR_INVALID_PURPOSE, "Web PKI root certificate with extKeyUsage");
  if (options.purpose !== "any" && eku !== undefined && !eku.includes(PURPOSE_OID[options.purpose]) && !eku.includes(OID.anyExtendedKeyUsage)) {
    return fail(V.X509_V_ERR_INVALID_PURPOSE, `CA extKeyUsage does not include ${options.purpose}`);
  }
  if (webpki && role === "anchor" && cert.selfIssued && cert.authorityKeyId !== undefined) {
    const aki = cert.authorityKeyId;
    if (aki.keyId === undefined) return fail(V.X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER, "root authorityKeyIdentifier without keyIdentifier");
    if (aki.hasIssuer || aki.hasSerial) return fail(V.X509_V_ERR_INVALID_EXTENSION, "root authorityKeyIdentifier with authorityCertIssuer/SerialNumber");
    if (!bytesEqual(aki.keyId, cert.subjectKeyId)) return fail(V.X509_V_ERR_AKID_SKID_MISMATCH, "root authorityKeyIdentifier differs from its subjectKeyIdentifier");
  }
  return undefined;
}

/**
 * Validates one complete candidate path, leaf first, trust anchor last, in OpenSSL's order so the
 * first error reported is the one `openssl verify` would report: extensions and CA/purpose rules
 * (leaf upwards), path length, key identifiers, key and digest strength, the peer identity,
 * revocation, then validity periods (anchor downwards) and name constraints. Signatures were checked while
 * building the path.
 */
async function validatePath(path: readonly PathNode[], options: PathOptions, selfSigned: (node: PathNode) => Promise<boolean>): Promise<Defect & { depth: number } | undefined> {
  const last = path.length - 1;
  const leaf = path[0];
  if (leaf === undefined) return { ...fail(V.X509_V_ERR_UNSPECIFIED, "empty path"), depth: 0 };
  const roleOf = (i: number): "leaf" | "intermediate" | "anchor" => (i === 0 ? "leaf" : i === last ? "anchor" : "intermediate");
  const certAt = (i: number): ParsedCert => (path[i] as PathNode).cert;
  if (last === 0) {
    // The leaf itself is a trust anchor: trusted by configuration, so its profile (CA bits, EKU,
    // key, digest) is not judged, but a malformed, expired or critically-extended one still fails.
    const problem = checkStructure(leaf.cert, "leaf") ?? checkTime(leaf.cert, options);
    if (problem !== undefined) return { ...problem, depth: 0 };
  } else {
    for (let i = 0; i <= last; i++) {
      const cert = certAt(i);
      const role = roleOf(i);
      const problem = checkStructure(cert, role) ?? (role === "leaf" ? checkLeaf(cert, options) : checkCA(cert, role, options));
      if (problem !== undefined) return { ...problem, depth: i };
    }
    // pathLenConstraint counts the non-self-issued intermediates below a CA (RFC 5280 §6.1.4 (l), (m)).
    let below = 0;
    for (let i = 1; i <= last; i++) {
      const cert = certAt(i);
      const pathLen = cert.basicConstraints?.pathLen;
      if (pathLen !== undefined && below > pathLen) return { ...fail(V.X509_V_ERR_PATH_LENGTH_EXCEEDED, `pathLenConstraint ${pathLen} allows fewer intermediates than the ${below} below it`), depth: i };
      if (!cert.selfIssued) below++;
    }
    // RFC 5280 §4.2.1.1: every certificate but a self-signed one names its issuer's key. Checked
    // after the structural checks, which explain more (a CA without SKI leaves its leaf without AKI).
    for (let i = 0; i < last; i++) {
      const node = path[i] as PathNode;
      // A CA without a subjectKeyIdentifier (a v1 trust anchor) leaves its subjects nothing to name.
      const issuerHasKeyId = path[i + 1]?.cert.subjectKeyId !== undefined;
      if (issuerHasKeyId && node.cert.authorityKeyId?.keyId === undefined && !(await selfSigned(node))) {
        return { ...fail(V.X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER, "authorityKeyIdentifier with keyIdentifier is required"), depth: i };
      }
    }
    for (let i = 0; i <= last; i++) {
      const problem = checkStrength(certAt(i), roleOf(i));
      if (problem !== undefined) return { ...problem, depth: i };
    }
  }
  const identity = options.checkIdentity?.(leaf.cert);
  if (identity !== undefined) return { ...identity, depth: 0 };
  for (let i = 0; i < last && options.crls.length > 0; i++) {
    const problem = await checkRevocation(certAt(i), certAt(i + 1), options.crls, options.timeMs);
    if (problem !== undefined) return { ...problem, depth: i };
  }
  for (let i = last; i >= 0; i--) {
    const problem = checkTime(certAt(i), options);
    if (problem !== undefined) return { ...problem, depth: i };
  }
  // Name constraints of each CA bind every later certificate, except self-issued intermediates.
  for (let j = last - 1; j >= 0; j--) {
    const cert = certAt(j);
    if (j > 0 && cert.selfIssued) continue;
    for (let i = j + 1; i <= last; i++) {
      const constraints = certAt(i).nameConstraints;
      if (constraints === undefined) continue;
      const problem = checkNameConstraints(constraints, constrainedNames(cert, j === 0));
      if (problem !== undefined) return { ...problem, depth: j };
    }
  }
  return undefined;
}

function rank(failure: PathFailure, kind: number): number {
  return kind * 1000 + failure.depth;
}

/** Builds and validates a path from `leaf` to one of the trusted nodes. */
export async function buildAndValidate(leaf: PathNode, pool: readonly PathNode[], options: PathOptions): Promise<PathResult> {
  const bySubject = new Map<string, PathNode[]>();
  for (const node of pool) {
    const list = bySubject.get(node.cert.subject.key) ?? [];
    list.push(node);
    bySubject.set(node.cert.subject.key, list);
  }
  // Which nodes can reach a trust anchor at all through issuer names: prunes hopeless branches.
  const reachable = new Set<PathNode>(pool.filter((node) => node.trusted));
  if (leaf.trusted) reachable.add(leaf);
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of [...pool, leaf]) {
      if (reachable.has(node)) continue;
      if ((bySubject.get(node.cert.issuer.key) ?? []).some((issuer) => reachable.has(issuer))) {
        reachable.add(node);
        changed = true;
      }
    }
  }

  const signatureCache = new Map<string, Promise<Defect | undefined>>();
  const signedBy = (child: PathNode, parent: PathNode): Promise<Defect | undefined> => {
    const key = `${child.id}:${parent.id}`;
    let pending = signatureCache.get(key);
    if (pending === undefined) {
      pending = checkSignature(child.cert, parent.cert.publicKey);
      signatureCache.set(key, pending);
    }
    return pending;
  };
  const selfSigned = async (node: PathNode): Promise<boolean> => node.cert.selfIssued && (await signedBy(node, node)) === undefined;

  let best: { failure: PathFailure; score: number } | undefined;
  const record = (failure: PathFailure, kind: number): void => {
    const score = rank(failure, kind);
    if (best === undefined || score > best.score) best = { failure, score };
  };
  let steps = 0;

  const search = async (path: PathNode[]): Promise<readonly PathNode[] | undefined> => {
    options.signal?.throwIfAborted();
    const current = path[path.length - 1] as PathNode;
    if (current.trusted) {
      const problem = await validatePath(path, options, selfSigned);
      if (problem === undefined) return path;
      record({ ...problem, chain: path.slice() }, 3);
      return undefined;
    }
    const aki = current.cert.authorityKeyId?.keyId;
    const candidates = (bySubject.get(current.cert.issuer.key) ?? [])
      .filter((node) => reachable.has(node) && !path.some((seen) => seen === node || (seen.cert.subject.key === node.cert.subject.key && bytesEqual(seen.cert.publicKey.der, node.cert.publicKey.der))))
      .map((node, index) => {
        const ski = node.cert.subjectKeyId;
        const keyMatch = aki === undefined || ski === undefined ? 1 : bytesEqual(aki, ski) ? 0 : 2;
        const valid = (node.cert.notBefore ?? 0) <= options.timeMs && options.timeMs <= (node.cert.notAfter ?? Infinity) ? 0 : 1;
        return { node, order: [node.trusted ? 0 : 1, keyMatch, valid, index] };
      })
      .sort((a, b) => {
        for (let i = 0; i < a.order.length; i++) if (a.order[i] !== b.order[i]) return (a.order[i] ?? 0) - (b.order[i] ?? 0);
        return 0;
      })
      .map((entry) => entry.node);
    let found = false;
    for (const candidate of candidates) {
      if (++steps > STEP_BUDGET) {
        record({ ...fail(V.X509_V_ERR_UNSPECIFIED, "path building gave up after too many candidate issuers"), depth: path.length - 1, chain: path.slice() }, 0);
        return undefined;
      }
      if (!candidate.trusted) {
        const intermediates = path.slice(1).filter((node) => !node.cert.selfIssued).length + (candidate.cert.selfIssued ? 0 : 1);
        if (intermediates > options.maxDepth) {
          record({ ...fail(V.X509_V_ERR_CERT_CHAIN_TOO_LONG, `more than ${options.maxDepth} intermediate certificates`), depth: path.length, chain: [...path, candidate] }, 2);
          continue;
        }
      }
      found = true;
      const signature = await signedBy(current, candidate);
      if (signature !== undefined) {
        // Two different signature algorithms in one certificate explain the failure better (78).
        const inconsistent = current.cert.defects.find((d) => d.code === V.X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY);
        record({ ...(inconsistent ?? signature), depth: path.length - 1, chain: [...path, candidate] }, 2);
        continue;
      }
      path.push(candidate);
      const done = await search(path);
      if (done !== undefined) return done;
      path.pop();
    }
    if (!found) {
      // No issuer leads to a trust anchor: extend greedily (no backtracking) so the report names
      // the certificate whose issuer is missing, as OpenSSL's chain does.
      const chain = path.slice();
      for (let tail = current; chain.length <= options.maxDepth + 2; ) {
        let next: PathNode | undefined;
        for (const node of bySubject.get(tail.cert.issuer.key) ?? []) {
          if (chain.includes(node) || ++steps > STEP_BUDGET) continue;
          if ((await signedBy(tail, node)) === undefined) {
            next = node;
            break;
          }
        }
        if (next === undefined) break;
        chain.push(next);
        tail = next;
      }
      const depth = chain.length - 1;
      const top = chain[depth] as PathNode;
      if (top.cert.selfIssued && (await signedBy(top, top)) === undefined) {
        record({ ...fail(depth === 0 ? V.X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT : V.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate that is not a trust anchor"), depth, chain }, 1);
      } else {
        record({ ...fail(V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "no issuer certificate among the intermediates and trust anchors"), depth, chain }, 1);
      }
    }
    return undefined;
  };

  const chain = await search([leaf]);
  if (chain !== undefined) return { ok: true, failure: undefined, chain };
  const failure = best?.failure ?? { ...fail(V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "no path"), depth: 0, chain: [leaf] };
  return { ok: false, failure, chain: failure.chain };
}

/** Stable identity of a certificate's bytes, for de-duplicating inputs. */
export function certificateKey(cert: ParsedCert): string {
  return toHex(cert.der);
}
