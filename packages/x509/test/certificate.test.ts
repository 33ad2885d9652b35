import { X509Certificate, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { X509Error } from "@sslkit/errors";
import { Certificate, decodeCert, loadCertificates } from "@sslkit/x509";
import { makeTempDir, readSystemCABundle, runOpenSSL } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { generateOpenSSLCorpus } from "./support/openssl-corpus.js";
import type { GeneratedCert } from "./support/openssl-corpus.js";
import { buildCertificate, cn, extension, oid, seq, tlv, utf8 } from "./support/der-builder.js";

const bundle = readSystemCABundle();
const roots = bundle === undefined ? [] : loadCertificates(bundle);

describe("Certificate", () => {
  let dir: TempDir;
  let generated: Map<string, Certificate>;
  let corpus: GeneratedCert[];

  beforeAll(async () => {
    dir = makeTempDir("sslkit-x509-certificate-");
    corpus = await generateOpenSSLCorpus(dir.path);
    generated = new Map(corpus.map((c) => [c.name, new Certificate(readFileSync(c.path, "utf8"))]));
  }, 120_000);

  afterAll(() => {
    dir.remove();
  });

  const get = (name: string): Certificate => {
    const cert = generated.get(name);
    if (cert === undefined) throw new Error(`no generated certificate ${name}`);
    return cert;
  };

  it("agrees with node:crypto's X509Certificate on every system CA", () => {
    expect(roots.length).toBeGreaterThan(50);
    for (const cert of roots) {
      const node = new X509Certificate(cert.toDER());
      expect.soft(cert.fingerprintSHA256).toBe(node.fingerprint256);
      expect.soft(cert.fingerprintSHA1).toBe(node.fingerprint);
      expect.soft(cert.serialNumber).toBe(BigInt(`0x${node.serialNumber}`));
      expect.soft(cert.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
      expect.soft(cert.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
      expect.soft(cert.isCA).toBe(node.ca);
      expect.soft(cert.isSelfSigned).toBe(node.checkIssued(node));
      expect.soft(cert.extKeyUsage ?? []).toEqual(node.keyUsage as string[] | undefined ?? []);
      const details = node.publicKey.asymmetricKeyDetails ?? {};
      if (cert.publicKey.algorithm === "RSA") expect.soft(cert.publicKey.bits).toBe(details.modulusLength);
      if (cert.publicKey.algorithm === "EC") expect.soft(cert.publicKey.curve).toBe({ prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" }[details.namedCurve ?? ""]);
      expect.soft(cert.publicKey.spki).toEqual(new Uint8Array(node.publicKey.export({ type: "spki", format: "der" })));
    }
  });

  it("computes fingerprints with the same digests as node:crypto", () => {
    for (const cert of [...generated.values()]) {
      const der = cert.toDER();
      expect(cert.fingerprintSHA256.replaceAll(":", "").toLowerCase()).toBe(createHash("sha256").update(der).digest("hex"));
      expect(cert.fingerprintSHA1.replaceAll(":", "").toLowerCase()).toBe(createHash("sha1").update(der).digest("hex"));
    }
  });

  it("formats subject and issuer as RFC 4514 strings like `openssl -nameopt RFC2253,-esc_msb`", async () => {
    for (const cert of [...generated.values(), ...roots.slice(0, 20)]) {
      const out = (await runOpenSSL(["x509", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253,-esc_msb"], cert.toPEM())).toString("utf8").split("\n");
      expect.soft(cert.subjectString).toBe(out[0]!.replace(/^subject=/, ""));
      expect.soft(cert.issuerString).toBe(out[1]!.replace(/^issuer=/, ""));
    }
  });

  it("returns structured names, serials, dates and the CPython dict", () => {
    const cert = get("multi-valued-rdn");
    expect(cert.subject).toEqual([[["countryName", "US"]], [["organizationName", "Org"], ["organizationalUnitName", "Unit"], ["commonName", "Multi Valued"]], [["emailAddress", "mv@example.com"]]]);
    expect(cert.subjectString).toBe("emailAddress=mv@example.com,CN=Multi Valued+OU=Unit+O=Org,C=US");
    expect(cert.toDict()).toEqual(decodeCert(cert.toDER()));
    expect(get("serial-negative").serialNumber).toBe(-1234n);
    expect(get("serial-negative").serialHex).toBe("-04D2");
    expect(get("dates-1949-2050").notBefore.toISOString()).toBe("1949-06-15T12:00:00.000Z");
    expect(get("dates-far-future").notAfter.toISOString()).toBe("9999-12-31T23:59:59.000Z");
    expect(get("v1").version).toBe(1);
    expect(get("v1").extensions).toEqual([]);
  });

  it("reads public key algorithm, size and curve", () => {
    expect(get("rsa-all-san-kinds").publicKey).toMatchObject({ algorithm: "RSA", bits: 2048, curve: undefined });
    expect(get("ec-p256-aia-crldp").publicKey).toMatchObject({ algorithm: "EC", bits: 256, curve: "P-256" });
    expect(get("ec-p384-ipv6").publicKey).toMatchObject({ algorithm: "EC", bits: 384, curve: "P-384" });
    expect(get("ed25519-basic").publicKey).toMatchObject({ algorithm: "Ed25519", bits: 253, algorithmOID: "1.3.101.112" });
  });

  it("parses the standard extensions", () => {
    const crit = get("critical-extensions");
    expect(crit.basicConstraints).toEqual({ ca: true, pathLength: 2 });
    expect(crit.isCA).toBe(true);
    expect(crit.keyUsage).toEqual(["keyCertSign", "cRLSign"]);
    expect(crit.extKeyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(crit.certificatePolicies?.map((p) => p.policy)).toEqual(["2.23.140.1.2.1", "1.2.3.4"]);
    expect(crit.nameConstraints?.permitted.map((s) => [s.base.type, s.base.value])).toEqual([["dns", ".example.com"]]);
    expect(crit.nameConstraints?.excluded.map((s) => [s.base.type, s.base.value])).toEqual([["ip", "10.0.0.0/255.0.0.0"]]);
    expect(crit.extensions.filter((e) => e.critical).map((e) => e.name)).toEqual(["basicConstraints", "keyUsage"]);
    expect(crit.subjectKeyIdentifier).toHaveLength(20);
    expect(get("dates-1999-2049").authorityKeyIdentifier?.keyIdentifier).toEqual(get("dated-ca").subjectKeyIdentifier);

    const san = get("rsa-all-san-kinds").subjectAltNames ?? [];
    expect(san.map((n) => n.type)).toEqual(["dns", "dns", "ip", "ip", "ip", "ip", "email", "uri", "registeredID", "registeredID", "directoryName", "otherName", "otherName", "otherName", "otherName"]);
    expect(san.find((n) => n.type === "directoryName")?.value).toBe("CN=Dir Name,O=Dir Org,C=DE");
    expect(san.filter((n) => n.type === "ip").map((n) => n.value)).toEqual(["192.0.2.1", "0.0.0.0", "2001:db8::ff00:42:8329", "::1"]);

    const aia = get("ec-p256-aia-crldp");
    expect(aia.authorityInfoAccess?.ocsp.map((n) => n.value)).toEqual(["http://ocsp.example.com/", "http://ocsp2.example.com/"]);
    expect(aia.authorityInfoAccess?.caIssuers.map((n) => n.value)).toEqual(["http://ca.example.com/ca.crt", "ldap://ldap.example.com/cn=ca"]);
    expect(aia.crlDistributionPoints?.map((p) => p.fullName?.[0]?.value)).toEqual(["http://crl.example.com/a.crl", "http://crl2.example.com/b.crl"]);
    expect(get("crldp-relative-name").crlDistributionPoints?.map((p) => p.fullName?.[0]?.value)).toEqual([undefined, "http://crl.example/second.crl"]);
    const relative = new Certificate(buildCertificate({ extensions: [extension("2.5.29.31", seq(seq(tlv(0xa0, tlv(0xa1, seq(oid("2.5.4.3"), tlv(0x0c, utf8("rel"))))), tlv(0x81, [0x07, 0x80]))))] }));
    expect(relative.crlDistributionPoints).toEqual([{ fullName: undefined, relativeName: "CN=rel", reasons: Uint8Array.of(0x80), crlIssuer: undefined }]);
  });

  it("tells self-signed roots from issued certificates", () => {
    expect(get("dated-ca").isSelfSigned).toBe(true);
    const leaf = get("dates-1999-2049");
    expect(leaf.isSelfSigned).toBe(false);
    expect(leaf.isIssuedBy(get("dated-ca"))).toBe(true);
    expect(roots.every((root) => root.isSelfSigned)).toBe(true);
  });

  it("exposes the signed bytes, the signature algorithm and the signature for verification", async () => {
    const cert = get("ec-p256-aia-crldp");
    const text = (await runOpenSSL(["x509", "-noout", "-text"], cert.toPEM())).toString("utf8");
    expect(text).toContain("ecdsa-with-SHA256");
    expect(cert.signatureAlgorithmOID).toBe("1.2.840.10045.4.3.2");
    expect(cert.tbsSignatureAlgorithmDER).toEqual(cert.signatureAlgorithmDER);
    const node = new X509Certificate(cert.toDER());
    const { verify } = await import("node:crypto");
    expect(verify("sha256", cert.tbsCertificate, node.publicKey, cert.signatureValue)).toBe(true);
  });

  it("round-trips through toPEM, toDER and toJSON", () => {
    const cert = get("utf8-non-ascii");
    expect(new Certificate(cert.toPEM()).toDER()).toEqual(cert.toDER());
    const json = JSON.parse(JSON.stringify(cert)) as Record<string, unknown>;
    expect(json).toMatchObject({ subject: cert.subjectString, serialNumber: cert.serialHex, isSelfSigned: true, pem: cert.toPEM() });
  });

  it("keeps its own copy of the DER", () => {
    const der = get("ed25519-basic").toDER();
    const original = der.slice();
    const cert = new Certificate(der);
    der.fill(0);
    expect(cert.subjectString).toBe("CN=ed25519.example");
    expect(Object.getPrototypeOf(new Certificate(Buffer.from(original)).toDER())).toBe(Uint8Array.prototype);
  });

  it("throws ERR_SSLKIT_X509_BAD_EXTENSION for a malformed extension, and CPython's dict still decodes", () => {
    const cert = new Certificate(buildCertificate({ subject: cn("x"), extensions: [extension("2.5.29.19", seq(tlv(0x02, [0x00, 0x01]))), extension("2.5.29.17", seq(tlv(0x89, utf8("bad"))))] }));
    expect(() => cert.basicConstraints).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_BAD_EXTENSION" }));
    expect(() => cert.subjectAltNames).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_BAD_EXTENSION" }));
    expect(cert.toDict()).not.toHaveProperty("subjectAltName");
  });

  it("never throws anything but X509Error from any getter of a mutated certificate (property)", () => {
    const base = get("rsa-all-san-kinds").toDER();
    const extensionsAt = base.length - 600;
    const getters = ["subject", "issuer", "subjectString", "issuerString", "serialNumber", "serialHex", "notBefore", "notAfter", "version", "publicKey", "extensions", "basicConstraints", "keyUsage", "extKeyUsage", "subjectAltNames", "issuerAltNames", "subjectKeyIdentifier", "authorityKeyIdentifier", "authorityInfoAccess", "crlDistributionPoints", "certificatePolicies", "nameConstraints", "fingerprintSHA1", "isCA", "isSelfSigned", "subjectNameHash", "issuerNameHash", "signatureAlgorithmOID", "signatureValue"] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.boolean(), (edits, nearExtensions) => {
        const mutated = base.slice();
        for (const [index, value] of edits) mutated[nearExtensions ? extensionsAt + (index % 600) : index] = value;
        let cert: Certificate;
        try {
          cert = new Certificate(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(X509Error);
          return;
        }
        for (const name of getters) {
          try {
            Reflect.get(cert, name);
          } catch (error) {
            expect(error, name).toBeInstanceOf(X509Error);
          }
        }
        try {
          cert.toDict();
          cert.toJSON();
        } catch (error) {
          expect(error).toBeInstanceOf(X509Error);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects arguments that are neither strings nor bytes", () => {
    expect(() => new Certificate({} as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("Certificate.signatureAlgorithmName", () => {
  it("names the signature algorithm of every system CA as `openssl x509 -text` does", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const certificates = loadCertificates(bundle).slice(0, 20);
    for (const certificate of certificates) {
      const text = (await runOpenSSL(["x509", "-noout", "-text"], certificate.toPEM())).toString();
      const expected = /Signature Algorithm: (\S+)/.exec(text)?.[1];
      expect(certificate.signatureAlgorithmName, certificate.subjectString).toBe(expected);
    }
  });
});
