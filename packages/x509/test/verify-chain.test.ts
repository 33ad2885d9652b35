import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { X509Error } from "@sslkit/errors";
import { runProcess } from "@sslkit/test-utils";
import { Certificate, X509VerifyCode, createCertificate, verifyChain, verifyCodeMessage } from "@sslkit/x509";
import type { VerifyChainOptions } from "@sslkit/x509";
import { CA_EXT, LEAF_EXT, OpenSSLPKI, ROOT_EXT, opensslVerify } from "./support/openssl-pki.js";
import type { CertSpec } from "./support/openssl-pki.js";

const TIME = new Date("2026-06-01T00:00:00Z");
const V = X509VerifyCode;

let pki: OpenSSLPKI;

/** Issues a root, an intermediate and a leaf with the given overrides; returns their PEMs. */
async function chain(prefix: string, overrides: { root?: Partial<CertSpec>; ica?: Partial<CertSpec>; leaf?: Partial<CertSpec> } = {}): Promise<{ root: string; ica: string; leaf: string }> {
  const root = await pki.cert(`${prefix}-root`, { subject: `/O=sslkit/CN=${prefix} root`, ext: ROOT_EXT, ...overrides.root });
  const ica = await pki.cert(`${prefix}-ica`, { subject: `/O=sslkit/CN=${prefix} ica`, issuer: `${prefix}-root`, ext: CA_EXT, ...overrides.ica });
  const leaf = await pki.cert(`${prefix}-leaf`, { subject: "/CN=example.com", issuer: `${prefix}-ica`, ext: LEAF_EXT, ...overrides.leaf });
  return { root, ica, leaf };
}

/** Rewrites the outer signatureAlgorithm of an ECDSA certificate from SHA-256 to SHA-384 (tbs unchanged). */
function swapOuterDigest(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/gu, "").replace(/\s+/gu, ""), "base64");
  const oid = Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
  const at = der.lastIndexOf(oid);
  der[at + oid.length - 1] = 0x03;
  return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/(.{64})/gu, "$1\n").trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** Flips one bit in the last byte of the signature (the last byte of the DER) and returns PEM. */
function flipSignature(pem: string): string {
  const body = pem.replace(/-----[^-]+-----/gu, "").replace(/\s+/gu, "");
  const der = Buffer.from(body, "base64");
  der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
  const b64 = der.toString("base64").replace(/(.{64})/gu, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

interface Case {
  readonly leaf: string;
  readonly intermediates: readonly string[];
  readonly anchors: readonly string[];
  readonly options?: Partial<VerifyChainOptions>;
}

interface Row {
  readonly title: string;
  readonly make: () => Promise<Case>;
  /** Our verdict: the code (0 = ok) and, when it matters, the depth. */
  readonly code: number;
  readonly depth?: number;
  /** `openssl verify`'s code when it deliberately differs (see README "Chain verification"). */
  readonly openssl?: number;
}

const simple = (prefix: string, overrides: Parameters<typeof chain>[1] = {}, options: Partial<VerifyChainOptions> = {}) => async (): Promise<Case> => {
  const { root, ica, leaf } = await chain(prefix, overrides);
  return { leaf, intermediates: [ica], anchors: [root], options };
};

const withLeafExt = (prefix: string, ext: readonly string[], options: Partial<VerifyChainOptions> = {}): (() => Promise<Case>) => simple(prefix, { leaf: { ext } }, options);
const withCAExt = (prefix: string, ext: readonly string[]): (() => Promise<Case>) => simple(prefix, { ica: { ext } });
const leafWithout = (drop: string, add: readonly string[] = []): string[] => [...LEAF_EXT.filter((line) => !line.startsWith(drop)), ...add];
/** OpenSSL 3 adds key identifiers by default; `none` really leaves them out. */
const NO_AKI = "authorityKeyIdentifier=none";

const ROWS: readonly Row[] = [
  { title: "accepts a valid root → intermediate → leaf chain", make: simple("ok"), code: 0 },
  { title: "accepts the leaf's exact DNS name", make: simple("host", {}, { hostname: "example.com" }), code: 0 },
  { title: "accepts a name covered by the leaf's wildcard", make: simple("wild", {}, { hostname: "www.example.com" }), code: 0 },
  { title: "reports 62 for a host name the leaf does not cover", make: simple("hostbad", {}, { hostname: "example.org" }), code: V.X509_V_ERR_HOSTNAME_MISMATCH, depth: 0 },
  { title: "reports 62 when the wildcard would span two labels", make: simple("hosttwo", {}, { hostname: "a.b.example.com" }), code: V.X509_V_ERR_HOSTNAME_MISMATCH },
  { title: "accepts an IP address listed as an iPAddress SAN", make: withLeafExt("ip", leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,IP:127.0.0.1"]), { hostname: "127.0.0.1" }), code: 0 },
  { title: "reports 64 for an IP address the leaf does not list", make: withLeafExt("ipbad", leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,IP:127.0.0.1"]), { hostname: "10.0.0.1" }), code: V.X509_V_ERR_IP_ADDRESS_MISMATCH },
  {
    title: "reports 20 at depth 0 when the intermediate is missing",
    make: async () => {
      const { root, leaf } = await chain("noica");
      return { leaf, intermediates: [], anchors: [root] };
    },
    code: V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    depth: 0,
  },
  {
    title: "reports 20 at depth 1 when no trust anchor issued the intermediate",
    make: async () => {
      const { ica, leaf } = await chain("noroot");
      const other = await pki.cert("noroot-other", { subject: "/CN=unrelated root", ext: ROOT_EXT });
      return { leaf, intermediates: [ica], anchors: [other] };
    },
    code: V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    depth: 1,
  },
  {
    title: "reports 19 when the chain ends in an untrusted self-signed root",
    make: async () => {
      const { root, ica, leaf } = await chain("untrustedroot");
      const other = await pki.cert("untrustedroot-other", { subject: "/CN=another root", ext: ROOT_EXT });
      return { leaf, intermediates: [ica, root], anchors: [other] };
    },
    code: V.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
    depth: 2,
  },
  {
    title: "reports 18 for an untrusted self-signed leaf",
    make: async () => {
      const leaf = await pki.cert("selfleaf", { subject: "/CN=example.com", ext: LEAF_EXT.filter((l) => !l.startsWith("authorityKeyIdentifier")) });
      const other = await pki.cert("selfleaf-root", { subject: "/CN=some root", ext: ROOT_EXT });
      return { leaf, intermediates: [], anchors: [other] };
    },
    code: V.X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
    depth: 0,
  },
  {
    title: "accepts a self-signed leaf that is itself a trust anchor",
    make: async () => {
      const leaf = await pki.cert("trustedleaf", { subject: "/CN=example.com", ext: ["basicConstraints=critical,CA:TRUE", "subjectKeyIdentifier=hash", "subjectAltName=DNS:example.com"] });
      return { leaf, intermediates: [], anchors: [leaf], options: { hostname: "example.com" } };
    },
    code: 0,
  },
  { title: "reports 10 for an expired leaf", make: simple("expleaf", { leaf: { notAfter: "20260101000000Z" } }), code: V.X509_V_ERR_CERT_HAS_EXPIRED, depth: 0 },
  { title: "reports 9 for a leaf that is not yet valid", make: simple("nyvleaf", { leaf: { notBefore: "20270101000000Z" } }), code: V.X509_V_ERR_CERT_NOT_YET_VALID, depth: 0 },
  { title: "reports 10 at depth 1 for an expired intermediate", make: simple("expica", { ica: { notAfter: "20250101000000Z" } }), code: V.X509_V_ERR_CERT_HAS_EXPIRED, depth: 1 },
  { title: "reports 10 at depth 2 for an expired root", make: simple("exproot", { root: { notAfter: "20250101000000Z" } }), code: V.X509_V_ERR_CERT_HAS_EXPIRED, depth: 2 },
  { title: "reports a hostname mismatch before an expiry, in OpenSSL's order", make: simple("order1", { leaf: { notAfter: "20260101000000Z" } }, { hostname: "example.org" }), code: V.X509_V_ERR_HOSTNAME_MISMATCH, depth: 0 },
  { title: "reports the expired certificate nearest the trust anchor first, in OpenSSL's order", make: simple("order2", { ica: { notAfter: "20250101000000Z" }, leaf: { notAfter: "20250101000000Z" } }), code: V.X509_V_ERR_CERT_HAS_EXPIRED, depth: 1 },
  { title: "reports a CA error before an expiry, in OpenSSL's order", make: simple("order3", { ica: { ext: ["basicConstraints=critical,CA:FALSE", ...CA_EXT.slice(1)] }, leaf: { notAfter: "20250101000000Z" } }), code: V.X509_V_ERR_INVALID_CA, depth: 1 },
  {
    title: "treats notAfter as inclusive (RFC 5280 §4.1.2.5), where OpenSSL calls the certificate expired",
    make: simple("exact", { leaf: { notAfter: "20260601000000Z" } }),
    code: 0,
    openssl: V.X509_V_ERR_CERT_HAS_EXPIRED,
  },
  { title: "accepts a certificate at exactly its notBefore", make: simple("exactnb", { leaf: { notBefore: "20260601000000Z" } }), code: 0 },
  { title: "reports 79 for an intermediate whose cA is FALSE", make: withCAExt("noca", ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,keyCertSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"]), code: V.X509_V_ERR_INVALID_CA, depth: 1 },
  { title: "reports 79 for an intermediate without basicConstraints", make: withCAExt("nobc", ["keyUsage=critical,keyCertSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"]), code: V.X509_V_ERR_INVALID_CA, depth: 1 },
  {
    title: "accepts a version 1 root as trust anchor, and its subject without AKI (OpenSSL's strict mode wants one)",
    make: simple("v1root", { root: { ext: [] }, ica: { ext: [...CA_EXT.filter((l) => !l.startsWith("authority")), NO_AKI] } }),
    code: 0,
    openssl: V.X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER,
  },
  { title: "reports 79 for a version 1 intermediate", make: simple("v1ica", { ica: { ext: [] }, leaf: { ext: leafWithout("authorityKeyIdentifier") } }), code: V.X509_V_ERR_INVALID_CA, depth: 1 },
  { title: "rejects an intermediate whose keyUsage lacks keyCertSign", make: withCAExt("noks", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"]), code: V.X509_V_ERR_KEYUSAGE_NO_CERTSIGN, depth: 1 },
  { title: "reports 92 for an intermediate without keyUsage", make: withCAExt("noku", ["basicConstraints=critical,CA:TRUE", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"]), code: V.X509_V_ERR_CA_CERT_MISSING_KEY_USAGE, depth: 1 },
  { title: "reports 89 for a CA whose basicConstraints is not critical", make: withCAExt("bcnc", ["basicConstraints=CA:TRUE", "keyUsage=critical,keyCertSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"]), code: V.X509_V_ERR_CA_BCONS_NOT_CRITICAL, depth: 1 },
  { title: "reports 86 for an intermediate without subjectKeyIdentifier", make: simple("noski", { ica: { ext: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign", "subjectKeyIdentifier=none", "authorityKeyIdentifier=keyid:always"] }, leaf: { ext: leafWithout("authorityKeyIdentifier", [NO_AKI]) } }), code: V.X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER, depth: 1 },
  { title: "reports 85 for a leaf without authorityKeyIdentifier", make: withLeafExt("noaki", leafWithout("authorityKeyIdentifier", [NO_AKI])), code: V.X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER, depth: 0 },
  {
    title: "reports 25 when a pathlen:0 intermediate issues another CA",
    make: async () => {
      const { root, ica } = await chain("pl0", { ica: { ext: ["basicConstraints=critical,CA:TRUE,pathlen:0", ...CA_EXT.slice(1)] } });
      const ica2 = await pki.cert("pl0-ica2", { subject: "/CN=pl0 ica2", issuer: "pl0-ica", ext: CA_EXT });
      const leaf = await pki.cert("pl0-leaf2", { subject: "/CN=example.com", issuer: "pl0-ica2", ext: LEAF_EXT });
      return { leaf, intermediates: [ica, ica2], anchors: [root] };
    },
    code: V.X509_V_ERR_PATH_LENGTH_EXCEEDED,
    depth: 2,
  },
  { title: "accepts a pathlen:0 intermediate that issues the leaf", make: simple("pl0ok", { ica: { ext: ["basicConstraints=critical,CA:TRUE,pathlen:0", ...CA_EXT.slice(1)] } }), code: 0 },
  { title: "reports 25 for a pathlen:0 root above an intermediate", make: simple("rootpl0", { root: { ext: ["basicConstraints=critical,CA:TRUE,pathlen:0", ...ROOT_EXT.slice(1)] } }), code: V.X509_V_ERR_PATH_LENGTH_EXCEEDED, depth: 2 },
  { title: "reports 26 for a leaf whose extKeyUsage is only clientAuth", make: withLeafExt("eku", leafWithout("extendedKeyUsage", ["extendedKeyUsage=clientAuth"])), code: V.X509_V_ERR_INVALID_PURPOSE, depth: 0 },
  { title: "accepts that leaf for the clientAuth purpose", make: withLeafExt("ekuclient", leafWithout("extendedKeyUsage", ["extendedKeyUsage=clientAuth"]), { purpose: "clientAuth" }), code: 0 },
  { title: "reports 26 for an intermediate whose extKeyUsage excludes serverAuth", make: withCAExt("icaeku", [...CA_EXT, "extendedKeyUsage=clientAuth"]), code: V.X509_V_ERR_INVALID_PURPOSE, depth: 1 },
  { title: "accepts an intermediate whose extKeyUsage includes serverAuth", make: withCAExt("icaekuok", [...CA_EXT, "extendedKeyUsage=serverAuth,clientAuth"]), code: 0 },
  { title: "requires extKeyUsage in a Web PKI leaf (stricter than OpenSSL)", make: withLeafExt("noeku", leafWithout("extendedKeyUsage")), code: V.X509_V_ERR_INVALID_PURPOSE, openssl: 0 },
  { title: "accepts a leaf without extKeyUsage under the rfc5280 profile", make: withLeafExt("noeku5280", leafWithout("extendedKeyUsage"), { profile: "rfc5280" }), code: 0 },
  { title: "rejects anyExtendedKeyUsage in a Web PKI leaf", make: withLeafExt("anyeku", leafWithout("extendedKeyUsage", ["extendedKeyUsage=anyExtendedKeyUsage"])), code: V.X509_V_ERR_INVALID_PURPOSE },
  { title: "reports 26 for a serverAuth leaf whose keyUsage is only nonRepudiation", make: withLeafExt("kuleaf", leafWithout("keyUsage", ["keyUsage=critical,nonRepudiation"])), code: V.X509_V_ERR_INVALID_PURPOSE, depth: 0 },
  { title: "reports 34 for an unknown critical extension in the leaf", make: withLeafExt("critleaf", [...LEAF_EXT, "1.3.6.1.4.1.55738.666.1=critical,ASN1:NULL"]), code: V.X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, depth: 0 },
  { title: "reports 34 for an unknown critical extension in the intermediate", make: withCAExt("critica", [...CA_EXT, "1.3.6.1.4.1.55738.666.1=critical,ASN1:NULL"]), code: V.X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, depth: 1 },
  { title: "ignores an unknown non-critical extension", make: withLeafExt("noncrit", [...LEAF_EXT, "1.3.6.1.4.1.55738.666.1=ASN1:NULL"]), code: 0 },
  { title: "accepts a leaf inside a permitted dNSName subtree", make: withCAExt("ncok", [...CA_EXT, "nameConstraints=critical,permitted;DNS:example.com"]), code: 0 },
  { title: "reports 47 for a SAN outside the permitted dNSName subtree", make: withCAExt("ncperm", [...CA_EXT, "nameConstraints=critical,permitted;DNS:example.org"]), code: V.X509_V_ERR_PERMITTED_VIOLATION, depth: 0 },
  { title: "reports 48 for a SAN inside an excluded dNSName subtree", make: withCAExt("ncexcl", [...CA_EXT, "nameConstraints=critical,excluded;DNS:example.com"]), code: V.X509_V_ERR_EXCLUDED_VIOLATION, depth: 0 },
  {
    title: "reports 48 for a wildcard SAN that covers an excluded name (stricter than OpenSSL)",
    make: withCAExt("ncwild", [...CA_EXT, "nameConstraints=critical,excluded;DNS:bar.example.com"]),
    code: V.X509_V_ERR_EXCLUDED_VIOLATION,
    openssl: 0,
  },
  {
    title: "reports 48 when a root's constraints exclude the leaf",
    make: simple("ncroot", { root: { ext: [...ROOT_EXT, "nameConstraints=critical,excluded;DNS:example.com"] } }),
    code: V.X509_V_ERR_EXCLUDED_VIOLATION,
    depth: 0,
  },
  {
    title: "accepts an iPAddress SAN inside a permitted CIDR range",
    make: simple("ncip", { ica: { ext: [...CA_EXT, "nameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0,permitted;DNS:example.com"] }, leaf: { ext: leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,IP:10.1.2.3"]) } }),
    code: 0,
  },
  {
    title: "reports 47 for an iPAddress SAN outside the permitted CIDR range",
    make: simple("ncipbad", { ica: { ext: [...CA_EXT, "nameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0"] }, leaf: { ext: leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,IP:192.168.1.1"]) } }),
    code: V.X509_V_ERR_PERMITTED_VIOLATION,
  },
  {
    title: "reports 48 for an rfc822Name inside an excluded mail domain",
    make: simple("ncmail", { ica: { ext: [...CA_EXT, "nameConstraints=critical,excluded;email:example.com"] }, leaf: { ext: leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,email:alice@example.com"]) } }),
    code: V.X509_V_ERR_EXCLUDED_VIOLATION,
  },
  {
    title: "reports 47 for a subject outside the permitted directoryName subtree",
    make: simple("ncdn", { ica: { ext: [...CA_EXT, "nameConstraints=critical,permitted;dirName:dn_good"].concat(["[dn_good]", "O=Good"]) }, leaf: { subject: "/O=Evil/CN=example.com" } }),
    code: V.X509_V_ERR_PERMITTED_VIOLATION,
  },
  {
    title: "applies dNSName constraints to the commonName of a leaf without SANs",
    make: simple("nccn", { ica: { ext: [...CA_EXT, "nameConstraints=critical,excluded;DNS:example.com"] }, leaf: { subject: "/CN=www.example.com", ext: leafWithout("subjectAltName") } }, { profile: "rfc5280" }),
    code: V.X509_V_ERR_EXCLUDED_VIOLATION,
  },
  {
    title: "reports 7 for a leaf whose signature was altered",
    make: async () => {
      const { root, ica, leaf } = await chain("badsig");
      return { leaf: flipSignature(leaf), intermediates: [ica], anchors: [root] };
    },
    code: V.X509_V_ERR_CERT_SIGNATURE_FAILURE,
    depth: 0,
  },
  {
    title: "reports 7 at depth 1 for an intermediate whose signature was altered",
    make: async () => {
      const { root, ica, leaf } = await chain("badsigica");
      return { leaf, intermediates: [flipSignature(ica)], anchors: [root] };
    },
    code: V.X509_V_ERR_CERT_SIGNATURE_FAILURE,
    depth: 1,
  },
  {
    title: "reports 78 when signatureAlgorithm differs from tbsCertificate.signature",
    make: async () => {
      const { root, ica, leaf } = await chain("algmismatch");
      return { leaf: swapOuterDigest(leaf), intermediates: [ica], anchors: [root] };
    },
    code: V.X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY,
    depth: 0,
  },
  { title: "refuses a SHA-1 signature below the trust anchor (68, stricter than the openssl CLI)", make: simple("sha1", { root: { keyType: "rsa2048" }, ica: { keyType: "rsa2048" }, leaf: { md: "sha1" } }), code: V.X509_V_ERR_CA_MD_TOO_WEAK, depth: 0, openssl: 0 },
  { title: "refuses a 1024-bit RSA leaf key (66, stricter than the openssl CLI)", make: simple("rsa1024", { leaf: { keyType: "rsa1024" } }), code: V.X509_V_ERR_EE_KEY_TOO_SMALL, depth: 0, openssl: 0 },
  { title: "verifies RSA PKCS#1 v1.5 SHA-384 and SHA-512 signatures", make: simple("rsa", { root: { keyType: "rsa2048", md: "sha512" }, ica: { keyType: "rsa2048", md: "sha384" }, leaf: { md: "sha512" } }), code: 0 },
  { title: "verifies RSA-PSS signatures", make: simple("pss", { root: { keyType: "rsa2048" }, ica: { keyType: "rsa2048", sigopts: ["rsa_padding_mode:pss", "rsa_pss_saltlen:32"] }, leaf: { sigopts: ["rsa_padding_mode:pss", "rsa_pss_saltlen:32"] } }), code: 0 },
  { title: "verifies ECDSA P-384 and P-521 signatures", make: simple("ecbig", { root: { keyType: "ec521", md: "sha512" }, ica: { keyType: "ec384", md: "sha512" }, leaf: { md: "sha384" } }), code: 0 },
  { title: "verifies Ed25519 signatures", make: simple("ed", { root: { keyType: "ed25519", md: "null" }, ica: { keyType: "ed25519", md: "null" }, leaf: { keyType: "ed25519", md: "null" } }), code: 0 },
  { title: "verifies Ed448 signatures", make: simple("ed448", { root: { keyType: "ed448", md: "null" }, ica: { keyType: "ed448", md: "null" }, leaf: { keyType: "ed448", md: "null" } }), code: 0 },
  {
    title: "accepts a path that ends at a trusted intermediate (not self-signed)",
    make: async () => {
      const { ica, leaf } = await chain("partial");
      return { leaf, intermediates: [], anchors: [ica] };
    },
    code: 0,
  },
  {
    title: "finds the cross-signed path to the only trusted root (OpenSSL does not backtrack)",
    make: async () => {
      await pki.cert("x-rootA", { subject: "/CN=x root A", ext: ROOT_EXT });
      const rootB = await pki.cert("x-rootB", { subject: "/CN=x root B", ext: ROOT_EXT });
      await pki.key("x-ica-key");
      const viaA = await pki.cert("x-icaA", { subject: "/CN=x ica", issuer: "x-rootA", key: "x-ica-key", ext: CA_EXT });
      const viaB = await pki.cert("x-icaB", { subject: "/CN=x ica", issuer: "x-rootB", key: "x-ica-key", ext: CA_EXT });
      const leaf = await pki.cert("x-leaf", { subject: "/CN=example.com", issuer: "x-icaA", ext: LEAF_EXT });
      return { leaf, intermediates: [viaA, viaB], anchors: [rootB] };
    },
    code: 0,
    openssl: V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  },
  {
    title: "backtracks past an expired cross-signed intermediate to a valid one",
    make: async () => {
      const rootA = await pki.cert("bt-rootA", { subject: "/CN=bt root A", ext: ROOT_EXT });
      const rootB = await pki.cert("bt-rootB", { subject: "/CN=bt root B", ext: ROOT_EXT });
      await pki.key("bt-ica-key");
      const expired = await pki.cert("bt-icaA", { subject: "/CN=bt ica", issuer: "bt-rootA", key: "bt-ica-key", ext: CA_EXT, notAfter: "20250101000000Z" });
      const valid = await pki.cert("bt-icaB", { subject: "/CN=bt ica", issuer: "bt-rootB", key: "bt-ica-key", ext: CA_EXT });
      const leaf = await pki.cert("bt-leaf", { subject: "/CN=example.com", issuer: "bt-icaA", ext: LEAF_EXT });
      return { leaf, intermediates: [expired, valid], anchors: [rootA, rootB] };
    },
    code: 0,
  },
  {
    title: "ends a cycle of two intermediates that sign each other with a verdict",
    make: async () => {
      const root = await pki.cert("cy-root", { subject: "/CN=cy root", ext: ROOT_EXT });
      await pki.key("cy-a-key");
      await pki.key("cy-b-key");
      await pki.cert("cy-a0", { subject: "/CN=cy A", key: "cy-a-key", ext: ROOT_EXT });
      const b = await pki.cert("cy-b", { subject: "/CN=cy B", issuer: "cy-a0", key: "cy-b-key", ext: CA_EXT });
      const a = await pki.cert("cy-a", { subject: "/CN=cy A", issuer: "cy-b", key: "cy-a-key", ext: CA_EXT });
      const leaf = await pki.cert("cy-leaf", { subject: "/CN=example.com", issuer: "cy-b", ext: LEAF_EXT });
      return { leaf, intermediates: [a, b], anchors: [root] };
    },
    code: V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  },
  {
    title: "reports 23 for a leaf its issuer's CRL revokes",
    make: async () => {
      const { root, ica, leaf } = await chain("revoked");
      await pki.revoke("revoked-leaf", "revoked-ica");
      return { leaf, intermediates: [ica], anchors: [root], options: { crls: [await pki.crl("revoked-ica")] } };
    },
    code: V.X509_V_ERR_CERT_REVOKED,
    depth: 0,
  },
  {
    title: "accepts a leaf that its issuer's CRL does not list",
    make: async () => {
      const { root, ica, leaf } = await chain("notrevoked");
      await pki.cert("notrevoked-other", { subject: "/CN=other.example.com", issuer: "notrevoked-ica", ext: LEAF_EXT });
      await pki.revoke("notrevoked-other", "notrevoked-ica");
      return { leaf, intermediates: [ica], anchors: [root], options: { crls: [await pki.crl("notrevoked-ica")] } };
    },
    code: 0,
  },
  {
    title: "reports 12 for a CRL past its nextUpdate",
    make: async () => {
      const { root, ica, leaf } = await chain("crlexp");
      return { leaf, intermediates: [ica], anchors: [root], options: { crls: [await pki.crl("crlexp-ica", "20250101000000Z", "20260101000000Z")] } };
    },
    code: V.X509_V_ERR_CRL_HAS_EXPIRED,
    depth: 0,
  },
  { title: "rejects a Web PKI leaf with cA=TRUE (stricter than OpenSSL)", make: withLeafExt("caleaf", [...LEAF_EXT, "basicConstraints=critical,CA:TRUE"]), code: V.X509_V_ERR_INVALID_NON_CA, openssl: 0 },
  { title: "rejects nameConstraints in a leaf", make: withLeafExt("ncleaf", [...LEAF_EXT, "nameConstraints=critical,permitted;DNS:example.com"]), code: V.X509_V_ERR_INVALID_EXTENSION, openssl: 0 },
  { title: "rejects a critical subjectAltName next to a non-empty subject (stricter than OpenSSL)", make: withLeafExt("critsan", leafWithout("subjectAltName", ["subjectAltName=critical,DNS:example.com"])), code: V.X509_V_ERR_INVALID_EXTENSION, openssl: 0 },
  { title: "rejects a Web PKI leaf without subjectAltName (stricter than OpenSSL)", make: withLeafExt("nosan", leafWithout("subjectAltName")), code: V.X509_V_ERR_INVALID_EXTENSION, openssl: 0 },
  { title: "does not require a subjectAltName of a clientAuth leaf", make: simple("clientnosan", { leaf: { subject: "/CN=Alice", ext: leafWithout("subjectAltName", ["extendedKeyUsage=clientAuth"]).filter((l) => l !== "extendedKeyUsage=serverAuth") } }, { purpose: "clientAuth" }), code: 0 },
  { title: "rejects a dNSName SAN with an underscore (stricter than OpenSSL)", make: simple("underscore", { leaf: { subject: "/CN=a_b.example.com", ext: leafWithout("subjectAltName", ["subjectAltName=DNS:a_b.example.com"]) } }), code: V.X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, openssl: 0 },
  { title: "rejects a commonName that differs from its SAN in letter case (stricter than OpenSSL)", make: simple("cncase", { leaf: { subject: "/CN=Example.COM" } }), code: V.X509_V_ERR_INVALID_EXTENSION, openssl: 0 },
  { title: "rejects an IP commonName that is not in canonical text (stricter than OpenSSL)", make: simple("cnip", { leaf: { subject: "/CN=127.000.000.001", ext: leafWithout("subjectAltName", ["subjectAltName=DNS:example.com,IP:127.0.0.1"]) } }), code: V.X509_V_ERR_INVALID_EXTENSION, openssl: 0 },
  { title: "tolerates a commonName that names none of the SANs", make: simple("cnother", { leaf: { subject: "/CN=other.example.org" } }, { hostname: "example.com" }), code: 0 },
  { title: "accepts a serverAuth leaf whose keyUsage is keyAgreement", make: withLeafExt("kuka", leafWithout("keyUsage", ["keyUsage=critical,keyAgreement"])), code: 0 },
];

describe("verifyChain", () => {
  beforeAll(() => {
    pki = new OpenSSLPKI();
  });
  afterAll(() => {
    pki.remove();
  });

  it.each(ROWS.map((row) => [row.title, row] as const))("%s", async (_title, row) => {
    const c = await row.make();
    const result = await verifyChain([c.leaf, ...c.intermediates], { trustAnchors: c.anchors, time: TIME, ...c.options });
    expect(result.verifyCode, `verifyChain: ${result.verifyCode} at depth ${result.depth} (${result.reason})`).toBe(row.code);
    expect(result.ok).toBe(row.code === 0);
    expect(result.verifyMessage).toBe(verifyCodeMessage(row.code));
    if (row.depth !== undefined) expect(result.depth).toBe(row.depth);
    if (c.options?.profile !== undefined || c.options?.purpose === "clientAuth") return;
    const crls = (c.options?.crls ?? []).filter((crl): crl is string => typeof crl === "string");
    const openssl = await opensslVerify(pki, c.leaf, c.intermediates, c.anchors, { time: TIME, crls, ...(c.options?.hostname === undefined ? {} : { hostname: c.options.hostname }) });
    const expected = row.openssl ?? row.code;
    expect(openssl.code === 0, `openssl verify: ${openssl.code} at depth ${openssl.depth} (${openssl.message})`).toBe(expected === 0);
    if (openssl.code === row.code) {
      expect(openssl.message).toBe(result.verifyMessage);
      if (row.depth !== undefined) expect(openssl.depth).toBe(row.depth);
    }
  });

  describe("input handling", () => {
    let base: { root: string; ica: string; leaf: string };
    const der = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/gu, "").replace(/\s+/gu, ""), "base64"));
    const options = (): VerifyChainOptions => ({ trustAnchors: [base.root], time: TIME });
    beforeAll(async () => {
      base = await chain("input");
    });

    it("accepts DER bytes, Certificate objects, objects with toDER() and a PEM bundle alike", async () => {
      const asDER = await verifyChain([der(base.leaf), der(base.ica)], { trustAnchors: [der(base.root)], time: TIME });
      const asObjects = await verifyChain([{ toDER: () => der(base.leaf) }, { toDER: () => der(base.ica) }], { trustAnchors: [{ toDER: () => der(base.root) }], time: TIME });
      const asBundle = await verifyChain(`${base.leaf}some text between blocks\n${base.ica}`, options());
      const asCertificates = await verifyChain([new Certificate(base.leaf), new Certificate(base.ica)], { trustAnchors: [new Certificate(base.root)], time: TIME });
      for (const result of [asDER, asObjects, asBundle, asCertificates]) {
        expect(result).toMatchObject({ ok: true, verifyCode: 0, verifyMessage: "ok", depth: 0 });
        expect(result.chain).toEqual([der(base.leaf), der(base.ica), der(base.root)]);
      }
    });

    it("accepts intermediates in any order, duplicated, with unrelated extras", async () => {
      const other = await pki.cert("input-other", { subject: "/CN=input other", ext: ROOT_EXT });
      const result = await verifyChain([base.leaf, other, base.ica, base.ica, base.root], options());
      expect(result.ok).toBe(true);
      expect(result.chain).toHaveLength(3);
    });

    it("takes a number as milliseconds and truncates it to whole seconds", async () => {
      const leaf = await pki.cert("input-ms", { subject: "/CN=example.com", issuer: "input-ica", ext: LEAF_EXT, notAfter: "20260601000000Z" });
      const result = await verifyChain([leaf, base.ica], { trustAnchors: [base.root], time: TIME.getTime() + 999 });
      expect(result.ok).toBe(true);
      const later = await verifyChain([leaf, base.ica], { trustAnchors: [base.root], time: TIME.getTime() + 1000 });
      expect(later.verifyCode).toBe(V.X509_V_ERR_CERT_HAS_EXPIRED);
    });

    it("gives verdict 20 when there are no trust anchors", async () => {
      const result = await verifyChain([base.leaf, base.ica], { trustAnchors: [], time: TIME });
      expect(result).toMatchObject({ ok: false, verifyCode: V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, depth: 1 });
    });

    it.each([
      ["an empty list", []],
      ["empty bytes", new Uint8Array(0)],
      ["text without a PEM block", "hello"],
    ])("throws ERR_SSLKIT_X509_NO_CERTIFICATE for %s", async (_label, input) => {
      await expect(verifyChain(input, options())).rejects.toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_NO_CERTIFICATE" }));
    });

    it.each([
      ["random bytes", () => new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) % 256))],
      ["a truncated certificate", () => der(base.leaf).subarray(0, 200)],
      ["a certificate with trailing garbage", () => new Uint8Array([...der(base.leaf), 0x00, 0x01])],
      ["a certificate cut inside its length", () => der(base.leaf).subarray(0, 3)],
      ["an indefinite-length (BER) certificate", () => new Uint8Array([0x30, 0x80, 0x00, 0x00])],
    ])("throws ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE for %s", async (_label, make) => {
      const error: unknown = await verifyChain(make(), options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(X509Error);
      expect(error).toMatchObject({ code: "ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE", message: expect.stringMatching(/^leafAndIntermediates is not a DER X\.509 certificate/u) as string });
    });

    it.each([
      ["garbage bytes", new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])],
      ["PEM text without a CRL", "hello"],
    ])("throws ERR_SSLKIT_X509_VERIFY_BAD_CRL for %s in crls", async (_label, crl) => {
      await expect(verifyChain([base.leaf, base.ica], { ...options(), crls: [crl] })).rejects.toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_VERIFY_BAD_CRL" }));
    });

    it("names the bad trust anchor", async () => {
      await expect(verifyChain(base.leaf, { trustAnchors: [base.root, new Uint8Array([1, 2, 3])], time: TIME })).rejects.toThrow(/options\.trustAnchors\[1\] is not a DER X\.509 certificate/u);
    });

    it("throws the PEM error for a damaged PEM block", async () => {
      const damaged = base.leaf.replace("-----END CERTIFICATE-----", "-----END PRIVATE KEY-----");
      await expect(verifyChain(damaged, options())).rejects.toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_LABEL_MISMATCH" }));
    });

    it.each([
      ["a number as certificate", () => verifyChain(42 as unknown as string, options()), "ERR_INVALID_ARG_TYPE"],
      ["missing options", () => verifyChain(base.leaf, undefined as unknown as VerifyChainOptions), "ERR_INVALID_ARG_TYPE"],
      ["trustAnchors that is not an array", () => verifyChain(base.leaf, { trustAnchors: base.root as unknown as string[] }), "ERR_INVALID_ARG_TYPE"],
      ["an unknown purpose", () => verifyChain(base.leaf, { ...options(), purpose: "codeSigning" as "any" }), "ERR_INVALID_ARG_VALUE"],
      ["an unknown profile", () => verifyChain(base.leaf, { ...options(), profile: "strict" as "webpki" }), "ERR_INVALID_ARG_VALUE"],
      ["a negative maxDepth", () => verifyChain(base.leaf, { ...options(), maxDepth: -1 }), "ERR_OUT_OF_RANGE"],
      ["an invalid Date", () => verifyChain(base.leaf, { ...options(), time: new Date("nope") }), "ERR_INVALID_ARG_VALUE"],
      ["a string time", () => verifyChain(base.leaf, { ...options(), time: "2026-01-01" as unknown as Date }), "ERR_INVALID_ARG_TYPE"],
      ["a non-string hostname", () => verifyChain(base.leaf, { ...options(), hostname: 5 as unknown as string }), "ERR_INVALID_ARG_TYPE"],
      ["an empty hostname", () => verifyChain(base.leaf, { ...options(), hostname: "" }), "ERR_INVALID_ARG_VALUE"],
      ["toDER() returning a string", () => verifyChain({ toDER: () => "x" as unknown as Uint8Array }, options()), "ERR_INVALID_ARG_TYPE"],
      ["crls that is not an array", () => verifyChain(base.leaf, { ...options(), crls: "x" as unknown as string[] }), "ERR_INVALID_ARG_TYPE"],
    ])("rejects %s with %s", async (_label, call, code) => {
      await expect(call()).rejects.toThrow(expect.objectContaining({ code }));
    });

    it("answers corrupted certificates with a verdict or ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE, never anything else", async () => {
      const leaf = der(base.leaf);
      const ica = der(base.ica);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, corruptLeaf) => {
          const target = new Uint8Array(corruptLeaf ? leaf : ica);
          for (const [position, mask] of edits) {
            const index = position % target.length;
            target[index] = (target[index] ?? 0) ^ mask;
          }
          const chain = corruptLeaf ? [target, ica] : [leaf, target];
          try {
            const result = await verifyChain(chain, { trustAnchors: [base.root], time: TIME });
            expect(typeof result.verifyCode).toBe("number");
            expect(result.verifyMessage).toBe(verifyCodeMessage(result.verifyCode));
          } catch (error) {
            expect(error).toBeInstanceOf(X509Error);
            expect((error as X509Error).code).toBe("ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE");
          }
        }),
        { numRuns: 300, seed: 20261129 },
      );
    });

    it("stops when its signal is aborted", async () => {
      const controller = new AbortController();
      controller.abort(new Error("stop"));
      await expect(verifyChain([base.leaf, base.ica], { ...options(), signal: controller.signal })).rejects.toThrow("stop");
    });
  });

  describe("deep and hostile paths", () => {
    it("verifies a 50-deep chain like OpenSSL, and reports 22 beyond maxDepth", async () => {
      const root = await pki.cert("deep-0", { subject: "/CN=deep 0", ext: ROOT_EXT });
      const intermediates: string[] = [];
      for (let i = 1; i <= 50; i++) intermediates.push(await pki.cert(`deep-${i}`, { subject: `/CN=deep ${i}`, issuer: `deep-${i - 1}`, ext: CA_EXT }));
      const leaf = await pki.cert("deep-leaf", { subject: "/CN=example.com", issuer: "deep-50", ext: LEAF_EXT });
      const shuffled = [...intermediates].reverse();
      const ok = await verifyChain([leaf, ...shuffled], { trustAnchors: [root], time: TIME });
      expect(ok).toMatchObject({ ok: true });
      expect(ok.chain).toHaveLength(52);
      const openssl = await opensslVerify(pki, leaf, intermediates, [root], { time: TIME });
      expect(openssl.code).toBe(0);
      const short = await verifyChain([leaf, ...shuffled], { trustAnchors: [root], time: TIME, maxDepth: 10 });
      expect(short).toMatchObject({ ok: false, verifyCode: V.X509_V_ERR_CERT_CHAIN_TOO_LONG, verifyMessage: "certificate chain too long" });
    });

    it("ends with a verdict on 40 intermediates that share one name and one key", async () => {
      await pki.key("same-key");
      const root = await pki.cert("same-root", { subject: "/CN=same root", ext: ROOT_EXT });
      const certs = [await pki.cert("same-0", { subject: "/CN=same", key: "same-key", ext: CA_EXT.filter((l) => !l.startsWith("authority")) })];
      for (let i = 1; i < 40; i++) certs.push(await pki.cert(`same-${i}`, { subject: "/CN=same", issuer: `same-${i - 1}`, key: "same-key", ext: CA_EXT }));
      const leaf = await pki.cert("same-leaf", { subject: "/CN=example.com", issuer: "same-39", ext: LEAF_EXT });
      const result = await verifyChain([leaf, ...certs], { trustAnchors: [root], time: TIME });
      expect(result.ok).toBe(false);
      expect([V.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, V.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY]).toContain(result.verifyCode);
      // The same graph with its self-signed top trusted: every certificate signs every other.
      const trusted = await verifyChain([leaf, ...certs], { trustAnchors: [certs[0]!], time: TIME });
      expect(trusted.ok).toBe(true);
    });
  });
});

const hasPyca = spawnSync("python3", ["-c", "import cryptography"]).status === 0;

describe("verifyChain", () => {
  it.skipIf(!hasPyca)("finds a path exactly when a brute-force search of the trust graph does (120 random graphs)", async () => {
    const script = readFileSync(new URL("support/random-trust-graphs.py", import.meta.url), "utf8");
    const generated = await runProcess("python3", ["-c", script, "120", "20261129", TIME.toISOString()]);
    expect(generated.status, generated.stderr).toBe(0);
    const graphs = JSON.parse(generated.stdout.toString("utf8")) as { leaf: string; intermediates: string[]; anchor: string; expected: boolean }[];
    expect(graphs.filter((g) => g.expected).length).toBeGreaterThan(30);
    expect(graphs.filter((g) => !g.expected).length).toBeGreaterThan(30);
    for (const [index, graph] of graphs.entries()) {
      const result = await verifyChain([graph.leaf, ...graph.intermediates], { trustAnchors: [graph.anchor], time: TIME, hostname: "test.localhost" });
      expect(result.ok, `graph ${index}: ${result.verifyCode} ${result.reason}`).toBe(graph.expected);
    }
  });
});

describe("verifyChain", () => {
  it.each(["ec-p256", "ec-p384", "ed25519", "rsa-2048"] as const)("accepts a root → intermediate → leaf that createCertificate makes with %s keys", async (keyType) => {
    const root = await createCertificate({ subject: { commonName: "Test CA" }, isCA: true, keyType });
    const ica = await createCertificate({ subject: { commonName: "Test ICA" }, issuer: root, isCA: true, keyType });
    const leaf = await createCertificate({
      subject: { commonName: "localhost" },
      issuer: ica,
      keyType,
      subjectAltNames: [{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }],
    });
    for (const hostname of ["localhost", "127.0.0.1"]) {
      const result = await verifyChain([leaf.certificate, ica.certificate], { trustAnchors: [root.certificate], hostname });
      expect(result, result.reason).toMatchObject({ ok: true, verifyCode: 0, depth: 0 });
      expect(result.chain).toEqual([leaf.der, ica.der, root.der]);
    }
    const wrongHost = await verifyChain([leaf.certificate, ica.certificate], { trustAnchors: [root.certificate], hostname: "example.org" });
    expect(wrongHost).toMatchObject({ ok: false, verifyCode: 62, verifyMessage: "hostname mismatch" });
  });
});
