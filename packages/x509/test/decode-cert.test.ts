import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCert } from "@sslkit/x509";
import { makeTempDir, readSystemCABundle } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { decodePEM } from "@sslkit/pem";
import { generateOpenSSLCorpus } from "./support/openssl-corpus.js";
import type { GeneratedCert } from "./support/openssl-corpus.js";
import { pythonDecodeCerts } from "./support/decode-cert-oracle.js";
import { pythonOracle } from "./support/python-oracle.js";
import type { DecodeOracleAnswer } from "./support/decode-cert-oracle.js";
import { CRAFTED_CERTIFICATES } from "./support/crafted-corpus.js";
import { toPEM } from "./support/der-builder.js";

/** python3 script for `pythonOracle`: stdin is `[{ title, pem }]`; each PEM goes through `_test_decode_cert`. */
const CRAFTED_ORACLE = `
import json, os, ssl, sys, tempfile
cases = json.load(sys.stdin)
out = []
with tempfile.TemporaryDirectory() as tmp:
    for i, case in enumerate(cases):
        path = os.path.join(tmp, "c%d.pem" % i)
        with open(path, "w") as f:
            f.write(case["pem"])
        try:
            out.append({"ok": ssl._ssl._test_decode_cert(path)})
        except Exception as e:
            out.append({"error": type(e).__name__ + ": " + str(e)})
print(json.dumps(out, default=lambda o: {"__bytes__": o.hex()}))
`;

/** JSON with bytes written as the oracle writes them: `{"__bytes__": hex}`. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { __bytes__: Buffer.from(v).toString("hex") } : v));
}

/** decodeCert's answer in the oracle's shape: the dict, or the error code. */
function ours(input: string | Uint8Array): { ok: unknown } | { error: string } {
  try {
    return { ok: decodeCert(input) };
  } catch (error) {
    return { error: String((error as { code?: string }).code) };
  }
}

/** Compares with CPython: identical JSON (key order included) or both raise. */
function expectSameAsPython(mine: { ok: unknown } | { error: string }, python: DecodeOracleAnswer | undefined): void {
  expect(python).toBeDefined();
  if (python !== undefined && "ok" in python) {
    expect("ok" in mine ? json(mine.ok) : mine).toBe(JSON.stringify(python.ok));
  } else {
    expect(mine).toHaveProperty("error");
    expect((mine as { error: string }).error).toMatch(/^ERR_SSLKIT_X509_/);
  }
}

describe("decodeCert", () => {
  let dir: TempDir;
  let generated: GeneratedCert[];
  let generatedAnswers: DecodeOracleAnswer[];
  let craftedAnswers: DecodeOracleAnswer[];
  let craftedFixture: { live: unknown; stored: unknown; input: unknown };

  beforeAll(async () => {
    dir = makeTempDir("sslkit-x509-decode-");
    generated = await generateOpenSSLCorpus(dir.path);
    generatedAnswers = await pythonDecodeCerts(generated.map((c) => c.path));
    const craftedInput = CRAFTED_CERTIFICATES.map(([title, der]) => ({ title, pem: toPEM(der) }));
    const oracle = await pythonOracle<DecodeOracleAnswer[]>("decode-cert-crafted", CRAFTED_ORACLE, craftedInput);
    craftedAnswers = oracle.answers;
    craftedFixture = { live: oracle.live, stored: oracle.stored, input: craftedInput };
  }, 120_000);

  afterAll(() => {
    dir.remove();
  });

  it("generates at least 20 certificates with the openssl CLI", () => {
    expect(generated.length).toBeGreaterThanOrEqual(20);
    expect(generatedAnswers.every((answer) => "ok" in answer)).toBe(true);
  });

  it("returns CPython's dict for every openssl-generated certificate, key order included", () => {
    generated.forEach((cert, i) => {
      const pem = readFileSync(cert.path, "utf8");
      expect.soft(json(decodeCert(pem)), cert.name).toBe(JSON.stringify((generatedAnswers[i] as { ok: unknown }).ok));
    });
  });

  it("returns the same dict for DER bytes, PEM bytes and PEM text", () => {
    for (const cert of generated) {
      const pem = readFileSync(cert.path, "utf8");
      const der = decodePEM(pem)[0]!.der;
      const expected = decodeCert(pem);
      expect(decodeCert(der)).toEqual(expected);
      expect(decodeCert(new TextEncoder().encode(pem))).toEqual(expected);
    }
  });

  it("keeps CPython's committed answers for the hand-made certificates up to date", () => {
    expect(craftedFixture.stored).toBeDefined();
    if (craftedFixture.live !== undefined) expect(craftedFixture.stored).toEqual({ input: craftedFixture.input, answers: craftedFixture.live });
  });

  it.each(CRAFTED_CERTIFICATES.map(([title], i) => [title, i] as const))("matches CPython on a hand-made certificate: %s", (_title, i) => {
    expectSameAsPython(ours(CRAFTED_CERTIFICATES[i]![1]), craftedAnswers[i]);
  });

  it("decodes every certificate of the system CA bundle exactly as CPython", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const blocks = decodePEM(bundle).filter((b) => b.label === "CERTIFICATE");
    expect(blocks.length).toBeGreaterThan(50);
    const paths = blocks.map((block, i) => {
      const path = dir.file(`ca-${i}.pem`);
      writeFileSync(path, toPEM(block.der));
      return path;
    });
    const answers = await pythonDecodeCerts(paths);
    blocks.forEach((block, i) => {
      expect.soft(json(decodeCert(block.der)), `CA #${i}`).toBe(JSON.stringify((answers[i] as { ok: unknown }).ok));
    });
  });

  it("returns plain Uint8Arrays for BIT STRING values, even for Buffer input", () => {
    const der = CRAFTED_CERTIFICATES.find(([title]) => title === "BIT STRING value")![1];
    const value = decodeCert(Buffer.from(der)).subject[0]![0]![1];
    expect(Object.getPrototypeOf(value)).toBe(Uint8Array.prototype);
    expect(value).toEqual(Uint8Array.of(0x41));
  });

  it("reads PEM bytes that start with \"0\" as PEM", () => {
    const der = CRAFTED_CERTIFICATES[0]![1];
    expect(decodeCert(new TextEncoder().encode(`0\n${toPEM(der)}`))).toEqual(decodeCert(der));
  });

  it("rejects arguments that are neither strings nor bytes", () => {
    expect(() => decodeCert(42 as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
