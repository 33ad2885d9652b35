import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCert } from "@sslkit/x509";
import { makeTempDir } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { buildCertificate, extension, latin1, oid, seq, set, tlv, toPEM } from "./support/der-builder.js";
import { pythonDecodeCerts } from "./support/decode-cert-oracle.js";

/** A small deterministic generator, so every run checks the same cases. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

function randomBytes(random: (n: number) => number, length: number): number[] {
  const pool = random(3);
  const specials = [0x00, 0x09, 0x0a, 0x20, 0x41, 0xc3, 0xa9, 0xd8, 0x3d, 0xe2, 0x82, 0xac, 0x3a, 0x2e];
  return Array.from({ length }, () => (pool === 0 ? 0x20 + random(95) : pool === 1 ? random(256) : specials[random(specials.length)]!));
}

/** Certificates whose times are mutated valid times: `[tag, text]` pairs for notBefore and notAfter. */
function timeCases(count: number): Uint8Array[] {
  const random = generator(99);
  const bases = ["250101120000Z", "20250101120000Z", "2501011200Z", "202501011200Z", "20250101120000.123Z", "250101120000+0130", "20250101120000-0800", "000229235959Z", "19000229000000Z", "20000229000000Z", "99991231235959Z", "491231235959Z", "500101000000Z", "20250101120000.5+0100", "991231235959-1200"];
  const alphabet = "0123456789Z+-.,z ";
  const time = (): Uint8Array => {
    let text = bases[random(bases.length)]!;
    for (let edits = random(3); edits > 0; edits--) {
      const i = random(text.length + 1);
      const c = alphabet[random(alphabet.length)]!;
      const op = random(3);
      text = op === 0 ? text.slice(0, i) + c + text.slice(i + 1) : op === 1 ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
    }
    return tlv(random(2) === 0 ? 0x17 : 0x18, latin1(text));
  };
  return Array.from({ length: count }, () => buildCertificate({ validity: seq(time(), time()) }));
}

/** Certificates with random names: every string type OpenSSL knows and some it refuses, random bytes. */
function nameCases(count: number): Uint8Array[] {
  const random = generator(7);
  const tags = [0x0c, 0x12, 0x13, 0x14, 0x15, 0x16, 0x1a, 0x1b, 0x1c, 0x1e, 0x03, 0x04, 0x0d, 0x30, 0x2c, 0x02];
  const types = ["2.5.4.3", "2.5.4.10", "1.2.840.113549.1.9.1", "0.9.2342.19200300.100.1.25", "1.2.3.4", "2.5.4.45"];
  return Array.from({ length: count }, () => {
    const rdns = Array.from({ length: 1 + random(3) }, () =>
      set(
        ...Array.from({ length: 1 + random(2) }, () => {
          const tag = tags[random(tags.length)]!;
          const bytes = randomBytes(random, random(4) === 0 ? random(3) * 2 : random(8));
          const value = tag === 0x2c ? tlv(0x2c, tlv(0x04, bytes)) : tag === 0x30 ? tlv(0x30, tlv(0x0c, bytes)) : tlv(tag, bytes);
          return seq(oid(types[random(types.length)]!), value);
        }),
      ),
    );
    return buildCertificate({ subject: seq(...rdns) });
  });
}

/** Certificates with random SAN, AIA and CRL DP contents: every GeneralName kind, random bytes. */
function generalNameCases(count: number): Uint8Array[] {
  const random = generator(11);
  const otherNames = ["1.3.6.1.5.5.7.8.5", "1.3.6.1.5.5.7.8.7", "1.3.6.1.5.5.7.8.9", "1.3.6.1.4.1.311.20.2.3", "1.3.6.1.5.5.7.8.8", "1.2.3"];
  const generalName = (): Uint8Array => {
    switch (random(10)) {
      case 0: return tlv(0x81, randomBytes(random, random(6)));
      case 1: return tlv(0x82, randomBytes(random, random(6)));
      case 2: return tlv(0x86, randomBytes(random, random(6)));
      case 3: return tlv(0x87, randomBytes(random, [4, 16, 0, 5, 8][random(5)]!));
      case 4: return tlv(0x88, [0x2a, ...randomBytes(random, random(3)).map((b) => b & 0x7f)]);
      case 5: return tlv(0xa0, oid(otherNames[random(otherNames.length)]!), tlv(0xa0, tlv([0x0c, 0x16, 0x13, 0x04][random(4)]!, randomBytes(random, random(8)))));
      case 6: return tlv(0xa4, seq(set(seq(oid("2.5.4.3"), tlv([0x0c, 0x13, 0x1e, 0x03][random(4)]!, randomBytes(random, random(4)))))));
      case 7: return tlv(0xa3, randomBytes(random, random(3)));
      case 8: return tlv(0xa5, tlv(0xa1, tlv([0x0c, 0x13, 0x16][random(3)]!, randomBytes(random, 2))));
      default: return tlv([0x83, 0x89, 0xa2, 0x84][random(4)]!, randomBytes(random, random(4)));
    }
  };
  return Array.from({ length: count }, () => {
    const extensions = [extension("2.5.29.17", seq(...Array.from({ length: random(4) }, generalName)))];
    if (random(4) === 0) extensions.push(extension("1.3.6.1.5.5.7.1.1", seq(seq(oid(["1.3.6.1.5.5.7.48.1", "1.3.6.1.5.5.7.48.2"][random(2)]!), generalName()))));
    if (random(4) === 0) extensions.push(extension("2.5.29.31", seq(seq(tlv(0xa0, tlv(0xa0, generalName(), generalName()))))));
    return buildCertificate({ extensions });
  });
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { __bytes__: Buffer.from(v).toString("hex") } : v));
}

describe("decodeCert", () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir("sslkit-x509-generated-");
  });
  afterAll(() => {
    dir.remove();
  });

  it.each([
    ["random times", timeCases(800)],
    ["random names", nameCases(800)],
    ["random GeneralNames in SAN, AIA and CRL DP", generalNameCases(800)],
  ])("matches CPython on %s (same dict, or both raise)", async (_title, certificates) => {
    const paths = certificates.map((der, i) => {
      const path = dir.file(`${_title.replaceAll(" ", "-")}-${i}.pem`);
      writeFileSync(path, toPEM(der));
      return path;
    });
    const answers = await pythonDecodeCerts(paths);
    let accepted = 0;
    certificates.forEach((der, i) => {
      const answer = answers[i]!;
      let mine: string;
      try {
        mine = json(decodeCert(der));
      } catch (error) {
        expect((error as { code?: string }).code).toMatch(/^ERR_SSLKIT_X509_/);
        mine = "error";
      }
      if ("ok" in answer) accepted++;
      expect.soft(mine, `case ${i}`).toBe("ok" in answer ? JSON.stringify(answer.ok) : "error");
    });
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);
});
