import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { X509Error } from "@sslkit/errors";
import { decodeCert } from "@sslkit/x509";
import { makeTempDir, readSystemCABundle } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { decodePEM } from "@sslkit/pem";
import { buildCertificate, cn, extension, seq, tlv, toPEM, utf8 } from "./support/der-builder.js";
import { pythonDecodeCerts } from "./support/decode-cert-oracle.js";
import { berOuter } from "./support/crafted-corpus.js";

const base = buildCertificate({
  subject: cn("hostile.example"),
  extensions: [extension("2.5.29.17", seq(tlv(0x82, utf8("hostile.example")), tlv(0x87, [127, 0, 0, 1]))), extension("2.5.29.19", seq(), true)],
});

/** Decodes and returns the X509Error thrown, failing the test for any other outcome than success. */
function outcome(der: Uint8Array): X509Error | undefined {
  try {
    decodeCert(der);
    return undefined;
  } catch (error) {
    if (!(error instanceof X509Error)) throw new Error(`not an X509Error: ${String(error)}`, { cause: error });
    expect(error.code).toMatch(/^ERR_SSLKIT_X509_[A-Z_]+$/);
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(der.length);
    return error;
  }
}

describe("decodeCert on hostile input", () => {
  it("throws ERR_SSLKIT_X509_TRUNCATED for every truncation of a certificate", () => {
    for (let length = 1; length < base.length; length++) {
      const error = outcome(base.subarray(0, length));
      expect(error?.code, `length ${length}`).toBe("ERR_SSLKIT_X509_TRUNCATED");
    }
  });

  it("throws ERR_SSLKIT_X509_NO_CERTIFICATE for empty input and PEM without a certificate", () => {
    expect(() => decodeCert(new Uint8Array())).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_NO_CERTIFICATE", offset: 0 }));
    expect(() => decodeCert("")).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_NO_CERTIFICATE" }));
    expect(() => decodeCert("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_NO_CERTIFICATE" }));
  });

  it("throws ERR_SSLKIT_X509_TRAILING_DATA with the offset of the garbage after the certificate", () => {
    expect(() => decodeCert(new Uint8Array([...base, 0x00]))).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_TRAILING_DATA", offset: base.length }));
  });

  it("reports length fields that lie", () => {
    const longer = base.slice();
    longer[3] = (longer[3] ?? 0) + 1; // outer length one byte longer than the input
    expect(outcome(longer)?.code).toBe("ERR_SSLKIT_X509_TRUNCATED");
    const inner = buildCertificate({ subject: [0x30, 0x7f, ...cn("x").subarray(2)] });
    expect(outcome(inner)?.code).toBe("ERR_SSLKIT_X509_BAD_LENGTH");
    const indefinitePrimitive = buildCertificate({ subject: seq(tlv(0x31, seq(tlv(0x06, [0x55, 0x04, 0x03]), [0x0c, 0x80, 0x78, 0x00, 0x00]))) });
    expect(outcome(indefinitePrimitive)).toMatchObject({ code: "ERR_SSLKIT_X509_BAD_LENGTH" });
    const berWithTrailingByte = new Uint8Array([...berOuter(base), 0x00]);
    expect(outcome(berWithTrailingByte)).toMatchObject({ code: "ERR_SSLKIT_X509_TRAILING_DATA", offset: berWithTrailingByte.length - 1 });
    const unterminated = buildCertificate({ subject: [0x30, 0x80, ...cn("x").subarray(2)] });
    expect(outcome(unterminated)?.code).toMatch(/^ERR_SSLKIT_X509_(BAD_LENGTH|TRUNCATED)$/);
  });

  it("rejects absurd lengths without allocating or hanging", () => {
    expect(outcome(Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30, 0x00))).toMatchObject({ code: "ERR_SSLKIT_X509_TRUNCATED", offset: 0 });
    expect(outcome(Uint8Array.of(0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9))).toMatchObject({ code: "ERR_SSLKIT_X509_BAD_LENGTH", offset: 0 });
    expect(outcome(Uint8Array.of(0x30, 0x82, 0x00))).toMatchObject({ code: "ERR_SSLKIT_X509_TRUNCATED" });
  });

  it("rejects deep nesting where a Name belongs", () => {
    let nested: Uint8Array = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < 2000; i++) nested = seq(nested);
    expect(outcome(buildCertificate({ subject: nested }))?.code).toBe("ERR_SSLKIT_X509_UNEXPECTED_TAG");
    const deep = new Uint8Array(200_000).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80));
    expect(outcome(deep)?.code).toBe("ERR_SSLKIT_X509_BAD_LENGTH");
  });

  it("reports bad tags and values with their codes", () => {
    expect(outcome(Uint8Array.of(0x31, 0x00))).toMatchObject({ code: "ERR_SSLKIT_X509_UNEXPECTED_TAG", offset: 0 });
    expect(outcome(buildCertificate({ serial: tlv(0x02, [0x00, 0x05]) }))?.code).toBe("ERR_SSLKIT_X509_BAD_VALUE");
    expect(outcome(buildCertificate({ subject: seq(tlv(0x31, seq(tlv(0x06, [0x80, 0x01]), tlv(0x0c, utf8("x"))))) }))?.code).toBe("ERR_SSLKIT_X509_BAD_VALUE");
    expect(outcome(buildCertificate({ subject: seq(tlv(0x31, seq(tlv(0x06, [0x55, 0x04, 0x03]), tlv(0x0c, [0xff])))) }))?.code).toBe("ERR_SSLKIT_X509_BAD_STRING");
    expect(outcome(buildCertificate({ extensions: [seq(tlv(0x06, [0x55, 0x1d, 0x13]), tlv(0x01, [0x01, 0x01]), tlv(0x04, seq()))] }))?.code).toBe("ERR_SSLKIT_X509_BAD_VALUE");
  });

  it("never throws anything but X509Error for any single-bit flip", () => {
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const mutated = base.slice();
        mutated[i] = (mutated[i] ?? 0) ^ (1 << bit);
        outcome(mutated);
      }
    }
  });

  it("never throws anything but X509Error for arbitrary mutations (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: base.length }),
        (edits, cut) => {
          const mutated = base.slice(0, Math.max(cut, 1));
          for (const [index, value] of edits) if (index < mutated.length) mutated[index] = value;
          outcome(mutated);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("decodeCert on mutated system CA certificates", () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir("sslkit-x509-mutated-");
  });
  afterAll(() => {
    dir.remove();
  });

  it("accepts and rejects exactly what CPython accepts and rejects, and returns the same dicts", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const certs = decodePEM(bundle).map((b) => b.der);
    let seed = 20261129;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const interesting = [0x0c, 0x13, 0x14, 0x16, 0x1e, 0x1c, 0x17, 0x18, 0x03, 0x04, 0x30, 0x31, 0x80, 0x81, 0x82, 0xa0, 0xa3, 0x00, 0xff];
    const mutated: Uint8Array[] = [];
    for (let k = 0; k < 1500; k++) {
      const der = certs[random(certs.length)]!.slice();
      const limit = Math.min(der.length, 700);
      for (let r = 1 + random(3); r > 0; r--) {
        const i = random(limit);
        const kind = random(3);
        der[i] = kind === 0 ? der[i]! ^ (1 << random(8)) : kind === 1 ? random(256) : interesting[random(interesting.length)]!;
      }
      mutated.push(der);
    }
    const paths = mutated.map((der, i) => {
      const path = dir.file(`m${i}.pem`);
      writeFileSync(path, toPEM(der));
      return path;
    });
    const answers = await pythonDecodeCerts(paths);
    let accepted = 0;
    mutated.forEach((der, i) => {
      const answer = answers[i]!;
      const error = outcome(der);
      if ("ok" in answer) {
        accepted++;
        expect.soft(error === undefined ? undefined : `${error.code} ${error.message}`, `mutation ${i}`).toBeUndefined();
        if (error === undefined) expect.soft(JSON.stringify(decodeCert(der)), `mutation ${i}`).toBe(JSON.stringify(answer.ok));
      } else {
        expect.soft(error, `mutation ${i}: CPython says ${answer.error}`).toBeInstanceOf(X509Error);
      }
    });
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1500);
  }, 60_000);
});
