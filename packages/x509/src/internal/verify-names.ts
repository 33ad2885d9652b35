/**
 * Name syntax and RFC 5280 §4.2.1.10 name-constraint matching for dNSName, iPAddress, rfc822Name,
 * uniformResourceIdentifier and directoryName; other name forms are "unsupported" and fail closed
 * when a certificate on the path actually uses them.
 */
import { X509VerifyCode as V } from "../verify-codes.js";
import { OID } from "./verify-parse.js";
import type { Defect, GeneralName, NameConstraints, ParsedCert, ParsedName } from "./verify-parse.js";

/** Most name × constraint comparisons per CA certificate (OpenSSL: 1 << 20). */
const MAX_NAME_CHECKS = 1 << 20;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;

/** Whether `name` is an RFC 1034/1123 host name (a single leading `*.` label when `wildcard`). */
export function isValidDNSName(name: string, wildcard = false): boolean {
  const lower = name.toLowerCase();
  if (lower.length === 0 || lower.length > 253) return false;
  const labels = lower.split(".");
  if (wildcard && labels[0] === "*") {
    labels.shift();
    // "*" alone or "*.tld" would cover a whole top-level domain.
    if (labels.length < 2) return false;
  }
  if (!labels.every((label) => LABEL.test(label))) return false;
  // A name whose last label is numeric is an IP address written as a dNSName (RFC 1123 §2.1).
  return !/^\d+$/u.test(labels[labels.length - 1] ?? "");
}

/** RFC 3986 dotted-decimal IPv4 (no leading zeros), as CA/B Forum BR 7.1.4.3 requires. */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? "";
    if (!/^(?:0|[1-9]\d{0,2})$/u.test(part) || Number(part) > 255) return undefined;
    out[i] = Number(part);
  }
  return out;
}

/** Parses IPv6 text (RFC 4291 §2.2: `::` once, an optional dotted IPv4 tail) into 16 bytes. */
export function parseIPv6(text: string): Uint8Array | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? "";
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else {
        if (!/^[0-9a-f]{1,4}$/iu.test(piece)) return undefined;
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** The RFC 5952 text of an IPv6 address (lower case, longest zero run compressed). */
export function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** The text an iPAddress SAN must appear as in a CA/B-conformant commonName. */
export function formatIP(bytes: Uint8Array): string | undefined {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  if (bytes.length === 16) return formatIPv6(bytes);
  return undefined;
}

/** Whether an rfc822Name is `local@domain` with exactly one `@` and a host-name domain. */
export function isValidMailbox(text: string): boolean {
  const at = text.indexOf("@");
  if (at <= 0 || text.indexOf("@", at + 1) !== -1) return false;
  return isValidDNSName(text.slice(at + 1));
}

function dnsWithin(name: string, base: string): boolean {
  if (base.length === 0) return true;
  const n = name.toLowerCase();
  const b = base.toLowerCase();
  return n === b || n.endsWith(`.${b}`);
}

function checkDNSConstraint(base: string): boolean {
  return base.length === 0 || isValidDNSName(base);
}

function ipMatches(address: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = constraint[address.length + i] ?? 0;
    if (((address[i] ?? 0) & mask) !== ((constraint[i] ?? 0) & mask)) return false;
  }
  return true;
}

function isValidIPConstraint(constraint: Uint8Array): boolean {
  if (constraint.length !== 8 && constraint.length !== 32) return false;
  const half = constraint.length / 2;
  let seenZero = false;
  for (let i = half; i < constraint.length; i++) {
    const byte = constraint[i] ?? 0;
    for (let bit = 7; bit >= 0; bit--) {
      const one = ((byte >> bit) & 1) === 1;
      if (one && seenZero) return false;
      if (!one) seenZero = true;
    }
  }
  return true;
}

function emailMatches(mailbox: string, base: string): boolean {
  const at = mailbox.lastIndexOf("@");
  const local = mailbox.slice(0, at);
  const host = mailbox.slice(at + 1).toLowerCase();
  const baseAt = base.lastIndexOf("@");
  if (baseAt >= 0) return base.slice(0, baseAt) === local && base.slice(baseAt + 1).toLowerCase() === host;
  if (base.startsWith(".")) return host.endsWith(base.toLowerCase());
  return host === base.toLowerCase();
}

function isValidEmailConstraint(base: string): boolean {
  if (base.includes("@")) return isValidMailbox(base);
  if (base.startsWith(".")) return isValidDNSName(base.slice(1));
  return isValidDNSName(base);
}

function uriHost(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/iu.exec(uri);
  const host = match?.[1];
  return host === undefined || host.length === 0 ? undefined : host.toLowerCase();
}

function uriMatches(host: string, base: string): boolean {
  if (base.startsWith(".")) return host.endsWith(base.toLowerCase());
  return host === base.toLowerCase();
}

function dirNameWithin(name: ParsedName, base: ParsedName): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  const rdnKey = (rdn: ParsedName["rdns"][number]): string => rdn.map((a) => `${a.type}=${a.canon}`).sort().join("+");
  for (let i = 0; i < base.rdns.length; i++) {
    const a = base.rdns[i];
    const b = name.rdns[i];
    if (a === undefined || b === undefined || rdnKey(a) !== rdnKey(b)) return false;
  }
  return true;
}

/** A wildcard SAN `*.X` matches a constraint if every expansion could (permitted) or some could (excluded). */
function dnsNameMatches(name: string, base: string, mode: "permitted" | "excluded"): boolean {
  if (!name.startsWith("*.")) return dnsWithin(name, base);
  const parent = name.slice(2);
  if (dnsWithin(parent, base)) return true;
  if (mode === "permitted") return false;
  const b = base.toLowerCase();
  const p = parent.toLowerCase();
  return b.endsWith(`.${p}`) && !b.slice(0, -(p.length + 1)).includes(".");
}

type Verdict = "match" | "nomatch" | Defect;

function matchOne(name: GeneralName, base: GeneralName, mode: "permitted" | "excluded"): Verdict {
  const badConstraint: Defect = { code: V.X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX, reason: `invalid ${base.kind} name constraint` };
  switch (base.kind) {
    case "dns": {
      const text = base.text ?? "";
      if (!checkDNSConstraint(text)) return badConstraint;
      return dnsNameMatches(name.text ?? "", text, mode) ? "match" : "nomatch";
    }
    case "ip": {
      const bytes = base.bytes ?? new Uint8Array(0);
      if (!isValidIPConstraint(bytes)) return badConstraint;
      return ipMatches(name.bytes ?? new Uint8Array(0), bytes) ? "match" : "nomatch";
    }
    case "email": {
      const text = base.text ?? "";
      if (!isValidEmailConstraint(text)) return badConstraint;
      return emailMatches(name.text ?? "", text) ? "match" : "nomatch";
    }
    case "uri": {
      const text = base.text ?? "";
      if (text.length === 0 || text.includes("/") || text.includes(":") || !isValidDNSName(text.replace(/^\./u, ""))) return badConstraint;
      const host = uriHost(name.text ?? "");
      if (host === undefined) return { code: V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, reason: "URI without a host under a URI name constraint" };
      return uriMatches(host, text) ? "match" : "nomatch";
    }
    case "dirName":
      return base.name !== undefined && name.name !== undefined && dirNameWithin(name.name, base.name) ? "match" : "nomatch";
    default:
      return { code: V.X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE, reason: `${base.kind} name constraints are not supported` };
  }
}

function validateName(name: GeneralName): Defect | undefined {
  const bad = (what: string): Defect => ({ code: V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, reason: `malformed ${what}` });
  switch (name.kind) {
    case "dns":
      return isValidDNSName(name.text ?? "", true) ? undefined : bad(`dNSName "${name.text ?? ""}"`);
    case "ip":
      return name.bytes?.length === 4 || name.bytes?.length === 16 ? undefined : bad("iPAddress");
    case "email":
      return isValidMailbox(name.text ?? "") ? undefined : bad(`rfc822Name "${name.text ?? ""}"`);
    default:
      return undefined;
  }
}

/** The names of `cert` that name constraints apply to (RFC 5280 §4.2.1.10 and §6.1.3 (b)). */
export function constrainedNames(cert: ParsedCert, isLeaf: boolean): GeneralName[] {
  const names: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) names.push({ kind: "dirName", name: cert.subject });
  for (const rdn of cert.subject.rdns) {
    for (const attribute of rdn) {
      if (attribute.type === OID.emailAddress && attribute.text !== undefined) names.push({ kind: "email", text: attribute.text });
    }
  }
  const san = cert.subjectAltName ?? [];
  names.push(...san);
  // Without DNS or IP SANs, a host-name-like commonName is what clients match, so constrain it too.
  if (isLeaf && !san.some((n) => n.kind === "dns" || n.kind === "ip")) {
    for (const rdn of cert.subject.rdns) {
      for (const attribute of rdn) {
        const text = attribute.text;
        if (attribute.type !== OID.commonName || text === undefined) continue;
        if (parseIPv4(text) !== undefined) names.push({ kind: "ip", bytes: parseIPv4(text) ?? new Uint8Array(0) });
        else if (isValidDNSName(text, true)) names.push({ kind: "dns", text });
      }
    }
  }
  return names;
}

/** Checks the names of `cert` against one CA's constraints; returns the first violation. */
export function checkNameConstraints(constraints: NameConstraints, names: readonly GeneralName[]): Defect | undefined {
  const permitted = constraints.permitted ?? [];
  const excluded = constraints.excluded ?? [];
  // Like OpenSSL's NAME_CHECK_MAX: a quadratic number of comparisons is refused, not ground through.
  if (names.length * (permitted.length + excluded.length) > MAX_NAME_CHECKS) {
    return { code: V.X509_V_ERR_UNSPECIFIED, reason: `${names.length} names against ${permitted.length + excluded.length} name constraints is too many to check` };
  }
  for (const name of names) {
    const relevant = (base: GeneralName): boolean => base.kind === name.kind;
    const permittedOfKind = permitted.filter(relevant);
    const excludedOfKind = excluded.filter(relevant);
    if (permittedOfKind.length === 0 && excludedOfKind.length === 0) continue;
    const syntax = validateName(name);
    if (syntax !== undefined) return syntax;
    if (permittedOfKind.length > 0) {
      let matched = false;
      for (const base of permittedOfKind) {
        const verdict = matchOne(name, base, "permitted");
        if (typeof verdict === "object") return verdict;
        if (verdict === "match") matched = true;
      }
      if (!matched) return { code: V.X509_V_ERR_PERMITTED_VIOLATION, reason: `${describe(name)} is outside the permitted subtrees` };
    }
    for (const base of excludedOfKind) {
      const verdict = matchOne(name, base, "excluded");
      if (typeof verdict === "object") return verdict;
      if (verdict === "match") return { code: V.X509_V_ERR_EXCLUDED_VIOLATION, reason: `${describe(name)} is in an excluded subtree` };
    }
  }
  return undefined;
}

/** Validates every constraint's syntax, even of kinds no certificate uses (a malformed NC is a broken CA). */
export function validateConstraints(constraints: NameConstraints): Defect | undefined {
  for (const base of [...(constraints.permitted ?? []), ...(constraints.excluded ?? [])]) {
    const bad: Defect = { code: V.X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX, reason: `invalid ${base.kind} name constraint` };
    if (base.kind === "dns" && !checkDNSConstraint(base.text ?? "")) return bad;
    if (base.kind === "ip" && !isValidIPConstraint(base.bytes ?? new Uint8Array(0))) return bad;
    if (base.kind === "email" && !isValidEmailConstraint(base.text ?? "")) return bad;
  }
  return undefined;
}

function describe(name: GeneralName): string {
  switch (name.kind) {
    case "ip":
      return `IP address ${formatIP(name.bytes ?? new Uint8Array(0)) ?? "(malformed)"}`;
    case "dirName":
      return "directory name";
    default:
      return `${name.kind} "${name.text ?? ""}"`;
  }
}
