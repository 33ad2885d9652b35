import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificate, decodeCert, matchHostname, verifyChain } from "@sslkit/x509";
import { readSystemCABundle } from "@sslkit/test-utils";
import { ROOT_EXT, OpenSSLPKI } from "./support/openssl-pki.js";

/** DER of a subjectAltName holding one dNSName with these exact bytes (a NUL is allowed). */
function dnsSANDER(name: string): string {
  const value = Buffer.from(name, "latin1");
  const general = Buffer.concat([Buffer.from([0x82, value.length]), value]);
  return Buffer.concat([Buffer.from([0x30, general.length]), general]).toString("hex");
}

interface Attack {
  /** The certificate's names: `openssl x509v3_config` subjectAltName value, or none (commonName only). */
  readonly san: string | undefined;
  readonly cn: string;
  readonly cases: readonly (readonly [why: string, hostname: string, verdict: "match" | "mismatch"])[];
}

const ATTACKS: Record<string, Attack> = {
  exact: {
    san: "DNS:example.com",
    cn: "example.com",
    cases: [
      ["the exact name", "example.com", "match"],
      ["the name in upper case", "EXAMPLE.COM", "match"],
      ["the name with one trailing dot (fully qualified)", "example.com.", "match"],
      ["the name with two trailing dots", "example.com..", "mismatch"],
      ["the name with a leading dot", ".example.com", "mismatch"],
      ["the name followed by a NUL", "example.com\u0000", "mismatch"],
      ["the name followed by a NUL and more labels", "example.com\u0000.evil.com", "mismatch"],
      ["the name as a prefix of another domain", "example.com.evil.com", "mismatch"],
      ["a subdomain of the name", "www.example.com", "mismatch"],
      ["the name with a fullwidth dot", "example\uff0ecom", "mismatch"],
      ["the name with an ideographic full stop", "example\u3002com", "mismatch"],
      ["the name with a trailing space", "example.com ", "mismatch"],
      ["the name with a dotless i turned upper case", "EXAMPLE.COM".replace("E", "\u0130"), "mismatch"],
    ],
  },
  nulSAN: {
    san: `DER:${dnsSANDER("example.com\u0000.evil.com")}`,
    cn: "example.com",
    cases: [
      ["the part before the NUL", "example.com", "mismatch"],
      ["the part after the NUL", "evil.com", "mismatch"],
      ["the whole name, NUL included", "example.com\u0000.evil.com", "mismatch"],
      ["the commonName (ignored next to a DNS SAN)", "example.com", "mismatch"],
    ],
  },
  nulWildcardSAN: {
    san: `DER:${dnsSANDER("*.example.com\u0000.evil.com")}`,
    cn: "x",
    cases: [
      ["a name under the part before the NUL", "www.example.com", "mismatch"],
      ["a name under the whole NUL name", "www.example.com\u0000.evil.com", "mismatch"],
    ],
  },
  twoWildcards: { san: "DNS:*.*.com", cn: "x", cases: [["two labels for two wildcards", "a.b.com", "mismatch"], ["one label", "b.com", "mismatch"]] },
  partialWildcard: { san: "DNS:f*o.com", cn: "x", cases: [["a name the partial wildcard would fit", "foo.com", "mismatch"], ["another fit", "fo.com", "mismatch"]] },
  wildcardInside: { san: "DNS:www.*.example.com", cn: "x", cases: [["a name the inner wildcard would fit", "www.a.example.com", "mismatch"]] },
  soleWildcard: { san: "DNS:*", cn: "x", cases: [["a single-label name", "localhost", "mismatch"], ["any name", "example.com", "mismatch"]] },
  topLevelWildcard: { san: "DNS:*.com", cn: "x", cases: [["a name under a top-level domain", "example.com", "mismatch"]] },
  publicSuffixWildcard: {
    san: "DNS:*.co.uk",
    cn: "x",
    // RFC 6125 §7.2 leaves public suffixes to the issuer; CPython (and OpenSSL) match.
    cases: [["a registrable name under a public suffix", "example.co.uk", "match"], ["two labels under it", "a.example.co.uk", "mismatch"]],
  },
  wildcard: {
    san: "DNS:*.example.com",
    cn: "x",
    cases: [
      ["one label", "www.example.com", "match"],
      ["one label, upper case", "WWW.EXAMPLE.COM", "match"],
      ["two labels", "a.b.example.com", "mismatch"],
      ["no label", "example.com", "mismatch"],
      ["an empty label", ".example.com", "mismatch"],
      ["an IDN A-label", "xn--bcher-kva.example.com", "mismatch"],
      ["an IDN A-label in upper case", "XN--BCHER-KVA.example.com", "mismatch"],
      ["a NUL in the wildcard label", "a\u0000b.example.com", "mismatch"],
      ["a label with a fullwidth dot (IDNA maps it to a dot)", "a\uff0eb.example.com", "mismatch"],
      ["a label with an underscore", "a_b.example.com", "mismatch"],
      ["a U-label", "bücher.example.com", "mismatch"],
    ],
  },
  punycode: {
    san: "DNS:xn--bcher-kva.example",
    cn: "x",
    cases: [
      ["the A-label", "xn--bcher-kva.example", "match"],
      ["the A-label in upper case", "XN--BCHER-KVA.EXAMPLE", "match"],
      // Like CPython's match_hostname: the caller encodes an IDN (Python's SSLSocket does it with IDNA 2003).
      ["the U-label", "bücher.example", "mismatch"],
    ],
  },
  ipInDNS: {
    san: "DNS:127.0.0.1,DNS:10.0.0.1",
    cn: "127.0.0.1",
    cases: [
      ["an IPv4 address written as a DNS name", "127.0.0.1", "mismatch"],
      ["the other one", "10.0.0.1", "mismatch"],
    ],
  },
  ipv4: {
    san: "IP:127.0.0.1",
    cn: "127.0.0.1",
    cases: [
      ["the address", "127.0.0.1", "match"],
      ["a short form", "127.1", "mismatch"],
      ["leading zeros", "127.000.000.001", "mismatch"],
      ["an octal form", "0177.0.0.1", "mismatch"],
      ["a hexadecimal form", "0x7f.0.0.1", "mismatch"],
      ["one 32-bit number", "2130706433", "mismatch"],
      ["a trailing dot", "127.0.0.1.", "mismatch"],
      ["a trailing space", "127.0.0.1 ", "mismatch"],
      ["the IPv4-mapped IPv6 form", "::ffff:127.0.0.1", "mismatch"],
      ["a DNS name that starts with the address", "127.0.0.1.evil.com", "mismatch"],
    ],
  },
  ipv6: {
    san: "IP:2001:db8::1",
    cn: "x",
    cases: [
      ["the compressed form", "2001:db8::1", "match"],
      ["the full upper-case form", "2001:DB8:0:0:0:0:0:1", "match"],
      ["leading zeros in a group", "2001:0db8::0001", "match"],
      ["another compression", "2001:db8:0::1", "match"],
      ["a zone index", "2001:db8::1%eth0", "mismatch"],
      ["brackets (URL form)", "[2001:db8::1]", "mismatch"],
      ["another address", "2001:db8::2", "mismatch"],
    ],
  },
  commonNameOnly: {
    san: undefined,
    cn: "example.com",
    cases: [
      ["the commonName when there is no SAN", "example.com", "match"],
      ["a subdomain of the commonName", "www.example.com", "mismatch"],
    ],
  },
  ipCommonNameOnly: { san: undefined, cn: "127.0.0.1", cases: [["an IP address against a commonName", "127.0.0.1", "mismatch"]] },
};

const pki = new OpenSSLPKI();
const certs = new Map<string, { pem: string; der: Uint8Array }>();
let rootPem = "";
const time = new Date("2026-06-01T00:00:00Z");

beforeAll(async () => {
  rootPem = await pki.cert("root", { subject: "/CN=hostname attacks root", ext: ROOT_EXT });
  for (const [name, attack] of Object.entries(ATTACKS)) {
    const ext = ["basicConstraints=CA:FALSE", "extendedKeyUsage=serverAuth", "keyUsage=critical,digitalSignature", "authorityKeyIdentifier=keyid", "subjectKeyIdentifier=hash"];
    if (attack.san !== undefined) ext.push(`subjectAltName=${attack.san}`);
    const pem = await pki.cert(name, { subject: `/CN=${attack.cn}`, issuer: "root", ext });
    certs.set(name, { pem, der: pki.der(name) });
  }
}, 120_000);

afterAll(() => {
  pki.remove();
});

const rows = Object.entries(ATTACKS).flatMap(([name, attack]) => attack.cases.map(([why, hostname, verdict]) => [`${name}: ${why} (${JSON.stringify(hostname)})`, name, hostname, verdict] as const));

describe("host name checks against bypass attempts (real certificates made by openssl)", () => {
  it("puts the attack names into the certificates as intended", () => {
    expect(decodeCert(certs.get("nulSAN")!.der).subjectAltName).toEqual([["DNS", "example.com\u0000.evil.com"]]);
    expect(decodeCert(certs.get("ipInDNS")!.der).subjectAltName).toEqual([["DNS", "127.0.0.1"], ["DNS", "10.0.0.1"]]);
    expect(decodeCert(certs.get("commonNameOnly")!.der).subjectAltName).toBeUndefined();
  });

  it.each(rows)("%s", async (_title, name, hostname, verdict) => {
    const { der } = certs.get(name)!;
    let matched = true;
    try {
      matchHostname(decodeCert(der), hostname);
    } catch (error) {
      expect(error).toMatchObject({ name: "CertificateError", code: "ERR_SSLKIT_HOSTNAME_MISMATCH" });
      matched = false;
    }
    expect(matched ? "match" : "mismatch").toBe(verdict);
    // RFC 5280 rules, so the verdict is about the name (the Web PKI profile refuses some of
    // these certificates outright, e.g. a NUL in a dNSName or a commonName-only leaf).
    const result = await verifyChain(der, { trustAnchors: [rootPem], hostname, time, profile: "rfc5280" });
    expect(result.ok ? "match" : "mismatch").toBe(verdict);
    // A mismatch is reported as OpenSSL reports it, 62 for a name and 64 for an IP address, unless
    // the certificate's own names are malformed (NUL, bad wildcard, an address as dNSName): 53.
    if (!result.ok) expect([53, 62, 64]).toContain(result.verifyCode);
    if (verdict === "mismatch") expect(await verifyChain(der, { trustAnchors: [rootPem], hostname, time })).toMatchObject({ ok: false });
  });
});

describe("verifyChain on oversized chains", () => {
  it("reports a chain of 101 intermediates as too long (22), within seconds", async () => {
    const root = await createCertificate({ subject: { commonName: "deep root" }, isCA: true });
    let issuer = root;
    const intermediates: Uint8Array[] = [];
    for (let i = 0; i < 101; i++) {
      issuer = await createCertificate({ subject: { commonName: `deep intermediate ${i}` }, isCA: true, issuer });
      intermediates.unshift(issuer.der);
    }
    const leaf = await createCertificate({ subject: { commonName: "deep.example" }, issuer, subjectAltNames: [{ type: "dns", value: "deep.example" }] });
    const result = await verifyChain([leaf.der, ...intermediates], { trustAnchors: [root.der], hostname: "deep.example" });
    expect(result).toMatchObject({ ok: false, verifyCode: 22 });
    // The same chain passes with a depth limit that allows it: the verdict is about length only.
    expect(await verifyChain([leaf.der, ...intermediates], { trustAnchors: [root.der], hostname: "deep.example", maxDepth: 101 })).toMatchObject({ ok: true });
  }, 60_000);

  it("gives a verdict for a leaf sent with 1 MiB of unrelated certificates", async () => {
    const bundle = readSystemCABundle();
    const root = await createCertificate({ subject: { commonName: "big root" }, isCA: true });
    const leaf = await createCertificate({ subject: { commonName: "big.example" }, issuer: root, subjectAltNames: [{ type: "dns", value: "big.example" }] });
    const filler: string[] = [];
    let size = 0;
    const pool = bundle === undefined ? [root.certificate] : bundle.split(/(?=-----BEGIN CERTIFICATE-----)/u).filter((pem) => pem.startsWith("-----BEGIN"));
    for (let i = 0; size < 1024 * 1024; i++) {
      const pem = pool[i % pool.length]!;
      filler.push(pem);
      size += pem.length;
    }
    const result = await verifyChain([leaf.certificate, ...filler], { trustAnchors: [root.certificate], hostname: "big.example" });
    expect(result).toMatchObject({ ok: true, verifyCode: 0 });
  }, 60_000);
});
