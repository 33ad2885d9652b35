import { CertificateError, X509Error, invalidArgTypeError, invalidArgValueError } from "@sslkit/errors";
import { X509ErrorCode } from "./error-codes.js";
import { inetAton, inetNtoa, inetPton6 } from "./internal/ip-address.js";
import { pythonRepr } from "./internal/python-repr.js";
import { PYTHON_SPACE_CLASS } from "./internal/python-text.js";

/**
 * The parts of a CPython certificate dict (`getpeercert()` / {@link decodeCert}) that
 * {@link matchHostname} reads; other keys are allowed and ignored.
 */
export interface HostnameCertDict {
  /** Relative distinguished names, each a list of `[attributeName, value]` pairs. */
  readonly subject?: readonly (readonly (readonly [string, unknown])[])[];
  /** `[kind, value]` pairs such as `["DNS", "example.org"]` or `["IP Address", "192.0.2.1"]`. */
  readonly subjectAltName?: readonly (readonly [string, unknown])[];
}

/** Anything that can produce a CPython certificate dict, such as a `Certificate`. */
export interface CertDictSource {
  /** Returns the dict CPython's `getpeercert()` would return for this certificate. */
  toDict(): HostnameCertDict;
}

/** Python's `str.isspace()` characters, which `str.rstrip()` removes. */
const PYTHON_SPACE = new RegExp(`^${PYTHON_SPACE_CLASS}$`, "u");

/** Python's `str.rstrip()`, written as a loop so a long run of spaces cannot make it quadratic. */
function pythonRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && PYTHON_SPACE.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

function stripTrailingDot(name: string): string {
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/** Case-insensitive DNS name equality, one trailing dot (the root label) ignored on either side. */
function sameName(a: string, b: string): boolean {
  return stripTrailingDot(a).toLowerCase() === stripTrailingDot(b).toLowerCase();
}

/** Splits like Python's `str.partition('.')`: [before, separator, after]. */
function partition(text: string): [string, string, string] {
  const dot = text.indexOf(".");
  return dot === -1 ? [text, "", ""] : [text.slice(0, dot), ".", text.slice(dot + 1)];
}

/**
 * CPython 3.7–3.11 `_dnsname_match` (same errors, raised in the same order), then this
 * package's stricter rules, which can only turn a match into a mismatch (or accept a trailing dot).
 */
function dnsnameMatch(dn: string, hostname: string): boolean {
  if (dn === "") return false;
  const hasNul = dn.includes("\0") || hostname.includes("\0");
  const wildcards = dn.split("*").length - 1;
  if (wildcards === 0) return !hasNul && sameName(dn, hostname);
  if (wildcards > 1) throw new CertificateError(`too many wildcards in certificate DNS name: ${pythonRepr(dn)}.`);
  const [dnLeftmost, dnSep, dnRemainder] = partition(dn);
  if (dnRemainder.includes("*")) {
    throw new CertificateError(`wildcard can only be present in the leftmost label: ${pythonRepr(dn)}.`);
  }
  if (dnSep === "") {
    throw new CertificateError(`sole wildcard without additional labels are not support: ${pythonRepr(dn)}.`);
  }
  if (dnLeftmost !== "*") {
    throw new CertificateError(`partial wildcards in leftmost label are not supported: ${pythonRepr(dn)}.`);
  }
  const [hostLeftmost, hostSep, hostRemainder] = partition(hostname);
  if (hostLeftmost === "" || hostSep === "") return false;
  if (hasNul) return false;
  // Like OpenSSL's X509_check_host, which CPython 3.7+ checks connections with: the label a
  // wildcard stands for holds letters, digits and hyphens only, so `*.example.com` never covers
  // `a\uff0eb.example.com` (a fullwidth dot, which IDNA maps to a real one) or `a_b.example.com`.
  if (!/^[A-Za-z0-9-]+$/.test(hostLeftmost)) return false;
  // RFC 6125 §6.4.3: a wildcard never stands for an IDN A-label.
  if (hostLeftmost.toLowerCase().startsWith("xn--")) return false;
  // Like OpenSSL: the wildcard needs two labels to its right, so `*.com` matches nothing.
  const rightLabels = stripTrailingDot(dnRemainder).split(".");
  if (rightLabels.length < 2 || rightLabels.includes("")) return false;
  return sameName(dnRemainder, hostRemainder);
}

/** Python's `_inet_paton`: canonical dotted-quad IPv4 or any IPv6 text, as bytes. */
function inetPaton(ipname: string): Uint8Array {
  if (ipname.includes("\0")) throw new X509Error(X509ErrorCode.BAD_IP_ADDRESS, "embedded null character");
  const v4 = inetAton(ipname);
  if (v4 !== undefined) {
    if (inetNtoa(v4) === ipname) return v4;
    throw new X509Error(X509ErrorCode.BAD_IP_ADDRESS, `${pythonRepr(ipname)} is not a quad-dotted IPv4 address.`);
  }
  const v6 = inetPton6(ipname);
  if (v6 !== undefined) return v6;
  throw new X509Error(X509ErrorCode.BAD_IP_ADDRESS, `${pythonRepr(ipname)} is neither an IPv4 nor an IP6 address.`);
}

function hostAddress(hostname: string): Uint8Array | undefined {
  try {
    return inetPaton(hostname);
  } catch {
    return undefined; // not an IP address: the common case
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function listOf(value: unknown, name: string, pairs: boolean): readonly (readonly unknown[])[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => Array.isArray(entry) && (!pairs || entry.length === 2))) {
    throw invalidArgValueError(`cert.${name}`, value, pairs ? "must be an array of [name, value] pairs" : "must be an array of arrays");
  }
  return value as readonly (readonly unknown[])[];
}

function stringValue(value: unknown, name: string): string {
  if (typeof value !== "string") throw invalidArgTypeError(`cert.${name} value`, "of type string", value);
  return value;
}

function toCertDict(cert: unknown): Record<string, unknown> {
  if (cert === null || cert === undefined) return {};
  if (typeof cert !== "object") {
    throw invalidArgTypeError("cert", "a certificate dict or an object with a toDict() method", cert);
  }
  const toDict = (cert as Partial<CertDictSource>).toDict;
  const dict: unknown = typeof toDict === "function" ? toDict.call(cert) : cert;
  if (dict === null || typeof dict !== "object") {
    throw invalidArgTypeError("cert.toDict()", "a certificate dict", dict);
  }
  return dict as Record<string, unknown>;
}

/**
 * Checks that a certificate is valid for `hostname` and throws a {@link @sslkit/errors!CertificateError} if not.
 *
 * The rules are CPython 3.7–3.11's `ssl.match_hostname` (RFC 6125): names compare
 * case-insensitively; a wildcard is only valid as the whole left-most label and matches exactly
 * one non-empty label; partial (`w*.example.org`), multiple and non-left-most wildcards are
 * errors; an IPv4 address (canonical dotted quad) or IPv6 address (any form `inet_pton`
 * accepts) matches only `IP Address` entries, compared as bytes; the subject `commonName` is
 * consulted only when the certificate has no `DNS` and no `IP Address` entry. Stricter than
 * CPython's function, as the TLS stack of CPython 3.7+ (OpenSSL) is: a wildcard does not match an
 * IDN A-label (`xn--…`) nor a label of anything but letters, digits and hyphens, nor stand right
 * before a single label (`*.com`), a NUL character anywhere
 * never matches, an IP address never matches a `commonName` (nor does a `commonName` that is not
 * text); and one trailing dot (a fully
 * qualified name such as `example.org.`) is accepted on either side.
 *
 * @param cert - A CPython certificate dict (as `getPeerCert()` or {@link decodeCert} return it), or an object with a `toDict()` method such as a `Certificate`.
 * @param hostname - The name or IP address the client connected to.
 * @throws {@link @sslkit/errors!CertificateError} `ERR_SSLKIT_HOSTNAME_MISMATCH` when nothing matches, or for a malformed wildcard, with CPython's message (`hostname 'a.example' doesn't match 'b.example'`).
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_EMPTY_CERTIFICATE` for `null`, `undefined` or `{}` (an unverified peer), like CPython's `ValueError`.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_BAD_IP_ADDRESS` when `hostname` is an IP address and an `IP Address` entry is not one (CPython's `ValueError`).
 * @throws `TypeError` `ERR_INVALID_ARG_TYPE` / `ERR_INVALID_ARG_VALUE` if `hostname` is not a string or `cert` has not the dict's shape.
 * @see Python {@link https://docs.python.org/3.11/library/ssl.html#ssl.match_hostname | ssl.match_hostname}, RFC 6125 §6.4
 * @example
 * ```ts
 * const cert = { subject: [[["commonName", "example.org"]]], subjectAltName: [["DNS", "*.example.org"]] } as const;
 * matchHostname(cert, "www.example.org"); // returns
 * matchHostname(cert, "example.org"); // throws CertificateError: hostname 'example.org' doesn't match '*.example.org'
 * ```
 */
export function matchHostname(cert: HostnameCertDict | CertDictSource | null | undefined, hostname: string): void {
  if (typeof hostname !== "string") throw invalidArgTypeError("hostname", "of type string", hostname);
  const dict = toCertDict(cert);
  if (Object.keys(dict).length === 0) {
    throw new X509Error(
      X509ErrorCode.EMPTY_CERTIFICATE,
      "empty or no certificate, match_hostname needs a SSL socket or SSL context with either CERT_OPTIONAL or CERT_REQUIRED",
    );
  }
  const hostIP = hostAddress(hostname);
  const names: string[] = [];
  for (const [key, value] of listOf(dict.subjectAltName, "subjectAltName", true)) {
    if (key === "DNS") {
      const dn = stringValue(value, "subjectAltName");
      if (hostIP === undefined && dnsnameMatch(dn, hostname)) return;
      names.push(dn);
    } else if (key === "IP Address") {
      const ip = stringValue(value, "subjectAltName");
      if (hostIP !== undefined && sameBytes(inetPaton(pythonRstrip(ip)), hostIP)) return;
      names.push(ip);
    }
  }
  if (names.length === 0) {
    // The subject is only checked when there is no dNSName (or iPAddress) entry.
    for (const rdn of listOf(dict.subject, "subject", false)) {
      for (const [key, value] of listOf(rdn, "subject", true)) {
        // A commonName that is not text (bytes in a decoded dict) cannot name a host.
        if (key !== "commonName" || typeof value !== "string") continue;
        const cn = value;
        // Evaluated for IP hosts too, so a malformed wildcard fails as in CPython.
        if (dnsnameMatch(cn, hostname) && hostIP === undefined) return;
        names.push(cn);
      }
    }
  }
  if (names.length > 1) {
    throw new CertificateError(`hostname ${pythonRepr(hostname)} doesn't match either of ${names.map(pythonRepr).join(", ")}`);
  }
  if (names.length === 1) {
    throw new CertificateError(`hostname ${pythonRepr(hostname)} doesn't match ${pythonRepr(names[0] ?? "")}`);
  }
  throw new CertificateError("no appropriate commonName or subjectAltName fields were found");
}
