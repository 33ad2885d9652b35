import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Certificate, issuerNameHash, loadCertificates, subjectNameHash } from "@sslkit/x509";
import { makeTempDir, readSystemCABundle, runOpenSSL } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { readFileSync } from "node:fs";
import { generateOpenSSLCorpus } from "./support/openssl-corpus.js";
import type { GeneratedCert } from "./support/openssl-corpus.js";
import { buildCertificate, latin1, name, seq, set, tlv, utf8 } from "./support/der-builder.js";

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

async function opensslHashes(pem: string): Promise<[string, string]> {
  const [subject = "", issuer = ""] = (await runOpenSSL(["x509", "-noout", "-hash", "-issuer_hash"], pem)).toString("utf8").trim().split("\n");
  return [subject, issuer];
}

describe("subjectNameHash", () => {
  it("equals `openssl x509 -hash` for every system CA", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const certs = loadCertificates(bundle);
    expect(certs.length).toBeGreaterThan(50);
    const expected = await Promise.all(certs.map((c) => opensslHashes(c.toPEM())));
    certs.forEach((cert, i) => {
      expect.soft(hex8(subjectNameHash(cert)), cert.subjectString).toBe(expected[i]![0]);
    });
  });

  it("canonicalises case, white space and string types as OpenSSL does", async () => {
    const names = [
      name([["2.5.4.3", 0x13, latin1("  Mixed   CASE\tName  ")]]),
      name([["2.5.4.3", 0x1e, Uint8Array.of(0x00, 0x41, 0x00, 0x20, 0x00, 0x20, 0x00, 0x62)]], [["2.5.4.10", 0x0c, utf8("Ünïcode ORG")]]),
      name([["2.5.4.10", 0x0c, utf8("b")], ["2.5.4.3", 0x0c, utf8("a")], ["2.5.4.11", 0x12, latin1("123")]]),
      seq(set(), set(seq(tlv(0x06, [0x55, 0x04, 0x03]), tlv(0x0c, utf8("after empty"))))),
      seq(),
      name([["2.5.4.3", 0x2c, [...tlv(0x04, utf8("  Con")), ...tlv(0x04, utf8("STRUCTED  x"))]]], [["2.5.4.45", 0x23, [...tlv(0x03, [0x00, 0xff])]]]),
    ];
    for (const subject of names) {
      const der = buildCertificate({ subject, issuer: subject });
      const pem = new Certificate(der).toPEM();
      const [subjectHash, issuerHash] = await opensslHashes(pem);
      expect(hex8(subjectNameHash(der))).toBe(subjectHash);
      expect(hex8(issuerNameHash(pem))).toBe(issuerHash);
    }
  });

  it("rejects arguments that are not certificates", () => {
    expect(() => subjectNameHash(1 as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => subjectNameHash(new Uint8Array([0x30, 0x00]))).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_TRUNCATED" }));
  });
});

describe("issuerNameHash", () => {
  let dir: TempDir;
  let corpus: GeneratedCert[];

  beforeAll(async () => {
    dir = makeTempDir("sslkit-x509-hash-");
    corpus = await generateOpenSSLCorpus(dir.path);
  }, 120_000);

  afterAll(() => {
    dir.remove();
  });

  it("equals `openssl x509 -issuer_hash` for generated certificates", async () => {
    for (const { path } of corpus) {
      const pem = readFileSync(path, "utf8");
      const [subjectHash, issuerHash] = await opensslHashes(pem);
      expect(hex8(issuerNameHash(pem))).toBe(issuerHash);
      expect(hex8(subjectNameHash(new Certificate(pem)))).toBe(subjectHash);
    }
  });
});
