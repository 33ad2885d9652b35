import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEMError, X509Error, isSSLKitError } from "@sslkit/errors";
import { Certificate, decodeCert, verifyChain } from "@sslkit/x509";
import { FUZZ_BUDGET_MS, checkInput, checkInputAsync, fuzzParameters, fuzzTimeout, makeTempDir } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { buildCertificate, cn, extension, seq, tlv, toPEM, utf8 } from "./support/der-builder.js";
import { pythonDecodeCerts } from "./support/decode-cert-oracle.js";
import { nestedSequences, replaceLength, walkDER } from "./support/der-walk.js";
import { makeFuzzCorpus } from "./support/fuzz-corpus.js";
import type { FuzzCorpus } from "./support/fuzz-corpus.js";

/** decodeCert's documented errors: X509Error, and PEMError for damaged PEM (DER bytes may look like PEM). */
const isX509Error = (error: unknown): boolean => isSSLKitError(error) && (error instanceof X509Error || error instanceof PEMError);

/** Every getter of Certificate.prototype, so a lazy field cannot hide a crash. */
const GETTERS = Object.entries(Object.getOwnPropertyDescriptors(Certificate.prototype))
  .filter(([, descriptor]) => descriptor.get !== undefined)
  .map(([name]) => name);

/** Decodes `der` with decodeCert and as a Certificate (every field, toDict, toJSON, toPEM); returns decodeCert's outcome. */
function exercise(der: Uint8Array, what: string, budgetMs = FUZZ_BUDGET_MS): ReturnType<typeof decodeCert> | undefined {
  const dict = checkInput(() => decodeCert(der), isX509Error, budgetMs, `decodeCert(${what})`);
  checkInput(
    () => {
      const cert = new Certificate(der);
      const record = cert as unknown as Record<string, unknown>;
      for (const name of GETTERS) {
        try {
          Reflect.get(record, name);
        } catch (error) {
          if (!isX509Error(error)) throw error;
        }
      }
      for (const method of [() => cert.toDict(), () => cert.toJSON(), () => cert.toPEM(), () => cert.isIssuedBy(cert)]) {
        try {
          method();
        } catch (error) {
          if (!isX509Error(error)) throw error;
        }
      }
    },
    isX509Error,
    budgetMs,
    `new Certificate(${what})`,
  );
  return dict.ok ? dict.value : undefined;
}

/** A length encoding that lies about (or oddly encodes) a TLV's length. */
type LengthLie = readonly [name: string, encode: (length: number) => readonly number[]];
const LIES: readonly LengthLie[] = [
  ["non-minimal long form", (n) => [0x82, n >> 8, n & 0xff]],
  ["four-byte long form", (n) => [0x84, 0, 0, n >> 8, n & 0xff]],
  ["one byte too long", (n) => longForm(n + 1)],
  ["one byte too short", (n) => longForm(Math.max(n - 1, 0))],
  ["past the end", (n) => longForm(n + 5000)],
  ["2^32 - 1", () => [0x84, 0xff, 0xff, 0xff, 0xff]],
  ["2^64 - 1", () => [0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
  ["indefinite", () => [0x80]],
  ["reserved 0xff", () => [0xff]],
  ["zero", () => [0x00]],
  ["long form of zero length bytes", () => [0x81]],
];

function longForm(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A mutation of one corpus certificate, described for failure messages. */
interface Mutant {
  readonly der: Uint8Array;
  readonly what: string;
}

function mutants(corpus: FuzzCorpus): fc.Arbitrary<Mutant> {
  const pick = fc.nat({ max: corpus.certs.length - 1 });
  const flips = fc.tuple(pick, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 4 })).map(([index, edits]): Mutant => {
    const der = corpus.certs[index]!.slice();
    for (const [at, bit] of edits) der[at % der.length] = der[at % der.length]! ^ (1 << bit);
    return { der, what: `cert ${index} with bits flipped at ${edits.map(([at, bit]) => `${at % der.length}.${bit}`).join(", ")}` };
  });
  const bytes = fc.tuple(pick, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1e, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xa3, 0xff)), { minLength: 1, maxLength: 3 })).map(([index, edits]): Mutant => {
    const der = corpus.certs[index]!.slice();
    for (const [at, value] of edits) der[at % der.length] = value;
    return { der, what: `cert ${index} with bytes set ${edits.map(([at, value]) => `${at % der.length}=${value}`).join(", ")}` };
  });
  const lies = fc.tuple(pick, fc.nat(), fc.nat({ max: LIES.length - 1 })).map(([index, which, lie]): Mutant => {
    const original = corpus.certs[index]!;
    const headers = walkDER(original);
    const header = headers[which % headers.length]!;
    const [name, encode] = LIES[lie]!;
    return { der: replaceLength(original, header, encode(header.length)), what: `cert ${index}, TLV at ${header.offset}: ${name}` };
  });
  const truncations = fc.tuple(pick, fc.nat()).map(([index, at]): Mutant => {
    const original = corpus.certs[index]!;
    const length = at % original.length;
    return { der: original.subarray(0, length), what: `cert ${index} cut to ${length} bytes` };
  });
  return fc.oneof(flips, bytes, lies, truncations);
}

describe("decodeCert and Certificate on mutated real certificates", () => {
  let corpus: FuzzCorpus;
  let dir: TempDir;
  beforeAll(async () => {
    corpus = await makeFuzzCorpus();
    dir = makeTempDir("sslkit-x509-fuzz-");
  }, 60_000);
  afterAll(() => {
    corpus.pki.dir.remove();
    dir.remove();
  });

  it("decodes every unmutated corpus certificate", () => {
    expect(corpus.certs.length).toBeGreaterThan(12);
    for (const [i, der] of corpus.certs.entries()) expect(exercise(der, `cert ${i}`), `cert ${i}`).toBeDefined();
  });

  it("throws nothing but X509Error, within the time budget, for bit flips, byte edits, length lies and truncations", () => {
    fc.assert(
      fc.property(mutants(corpus), ({ der, what }) => {
        exercise(der, what);
      }),
      fuzzParameters(1000),
    );
  }, fuzzTimeout(60_000));

  it("reports ERR_SSLKIT_X509_TRUNCATED for a cut at every offset of an EC, an RSA and a system CA certificate", () => {
    for (const original of [corpus.certs[2]!, corpus.rsa.root, corpus.certs.at(-1)!]) {
      for (let length = 0; length < original.length; length++) {
        const outcome = checkInput(() => decodeCert(original.subarray(0, length)), isX509Error, undefined, `cut to ${length}`);
        expect(outcome, `cut to ${length}`).toMatchObject({ ok: false, error: { code: length === 0 ? "ERR_SSLKIT_X509_NO_CERTIFICATE" : "ERR_SSLKIT_X509_TRUNCATED" } });
        expect(() => new Certificate(original.subarray(0, length)), `cut to ${length}`).toThrow(X509Error);
      }
    }
  }, fuzzTimeout(60_000));

  /** Compares decodeCert with CPython on a batch; returns the disagreements and how many CPython accepted. */
  async function compareWithCPython(batch: readonly Mutant[], prefix: string): Promise<{ disagreements: string[]; accepted: number }> {
    const paths = batch.map(({ der }, i) => {
      const path = dir.file(`${prefix}-${i}.pem`);
      writeFileSync(path, toPEM(der));
      return path;
    });
    const answers = await pythonDecodeCerts(paths);
    let accepted = 0;
    const disagreements: string[] = [];
    batch.forEach(({ der, what }, i) => {
      const answer = answers[i]!;
      const ours = exercise(der, what);
      if ("ok" in answer) {
        accepted++;
        if (ours === undefined) disagreements.push(`${what}: CPython decodes it, decodeCert throws`);
        else if (JSON.stringify(ours) !== JSON.stringify(answer.ok)) disagreements.push(`${what}: dicts differ`);
      } else if (ours !== undefined) {
        disagreements.push(`${what}: CPython says ${answer.error}, decodeCert returns a dict`);
      }
    });
    return { disagreements, accepted };
  }

  it("accepts and rejects exactly the mutants CPython's _test_decode_cert accepts and rejects, with identical dicts", async () => {
    const { disagreements, accepted } = await compareWithCPython(fc.sample(mutants(corpus), fuzzParameters(400, { cost: 0.05 })), "mutant");
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
  }, fuzzTimeout(120_000));

  it("agrees with CPython on every kind of length lie at every TLV of an EC and an RSA certificate", async () => {
    const batch: Mutant[] = [];
    for (const [c, original] of [corpus.certs[2]!, corpus.rsa.root].entries()) {
      for (const header of walkDER(original)) {
        for (const [name, encode] of LIES) batch.push({ der: replaceLength(original, header, encode(header.length)), what: `cert ${c}, TLV at ${header.offset}: ${name}` });
      }
    }
    const { disagreements } = await compareWithCPython(batch, "lie");
    expect(disagreements).toEqual([]);
  }, fuzzTimeout(120_000));
});

describe("decodeCert on deep nesting and random bytes", () => {
  const deep = nestedSequences(10_000);
  const cases: readonly (readonly [string, Uint8Array])[] = [
    ["10,000 nested SEQUENCEs as the whole input", deep],
    ["10,000 nested indefinite-length SEQUENCEs", Uint8Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? 0x30 : 0x80))],
    ["10,000 nested SEQUENCEs as the subject", buildCertificate({ subject: deep })],
    ["10,000 nested SEQUENCEs as the issuer", buildCertificate({ issuer: deep })],
    ["10,000 nested SEQUENCEs as the public key", buildCertificate({ spki: deep })],
    ["10,000 nested SEQUENCEs in an unknown extension", buildCertificate({ extensions: [extension("1.2.3.4", deep)] })],
    ["10,000 nested SEQUENCEs as subjectAltName", buildCertificate({ extensions: [extension("2.5.29.17", deep)] })],
    ["10,000 nested SEQUENCEs in a DirName SAN", buildCertificate({ extensions: [extension("2.5.29.17", seq(tlv(0xa4, deep)))] })],
    ["10,000 nested SEQUENCEs in an otherName SAN", buildCertificate({ extensions: [extension("2.5.29.17", seq(tlv(0xa0, tlv(0x06, [0x2a, 0x03]), tlv(0xa0, deep))))] })],
    ["10,000 nested SEQUENCEs in certificatePolicies", buildCertificate({ extensions: [extension("2.5.29.32", seq(seq(tlv(0x06, [0x2a, 0x03]), deep)))] })],
    ["10,000 nested SEQUENCEs in nameConstraints", buildCertificate({ extensions: [extension("2.5.29.30", seq(tlv(0xa0, seq(tlv(0xa4, deep)))))] })],
    ["10,000 nested SEQUENCEs in CRL distribution points", buildCertificate({ extensions: [extension("2.5.29.31", seq(seq(tlv(0xa0, tlv(0xa0, tlv(0xa4, deep))))))] })],
    ["10,000 nested SEQUENCEs in a subject attribute value", buildCertificate({ subject: seq(tlv(0x31, seq(tlv(0x06, [0x55, 0x04, 0x03]), deep))) })],
    // Wide rather than deep: linear work, but a lot of it on a loaded machine, so 2,000.
    ["a subject RDN of 2,000 attributes", buildCertificate({ subject: seq(tlv(0x31, ...Array.from({ length: 2000 }, () => seq(tlv(0x06, [0x55, 0x04, 0x03]), tlv(0x0c, utf8("x")))))) })],
    ["a subject of 2,000 RDNs", buildCertificate({ subject: seq(...Array.from({ length: 2000 }, () => cn("x").subarray(2))) })],
  ];

  // Up to 60 KB each, where the time budget is about quadratic blow-ups, not speed: 4 budgets.
  const budget = 4 * FUZZ_BUDGET_MS;

  it.each(cases)("decodes or rejects %s with an X509Error, without overflowing the stack", (what, der) => {
    exercise(der, what, budget);
  });

  it.each(cases)("verifies %s to a verdict or an X509Error, without overflowing the stack", async (what, der) => {
    await checkInputAsync(() => verifyChain(der, { trustAnchors: [der] }), isX509Error, budget, what);
  });

  it("throws nothing but X509Error, within the time budget, on random bytes and random text", () => {
    const outer = fc.uint8Array({ maxLength: 1500 }).map((body) => Uint8Array.from([0x30, 0x82, body.length >> 8, body.length & 0xff, ...body]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 1500 }), outer), fc.string({ maxLength: 300 }), (bytes, text) => {
        exercise(bytes, "random bytes");
        checkInput(() => decodeCert(text), isX509Error, undefined, `decodeCert(${JSON.stringify(text)})`);
        checkInput(() => decodeCert(`-----BEGIN CERTIFICATE-----\n${Buffer.from(bytes).toString("base64")}\n-----END CERTIFICATE-----\n`), isX509Error, undefined, "random bytes as PEM");
      }),
      fuzzParameters(600),
    );
  });
});

describe("verifyChain on mutated chains", () => {
  let corpus: FuzzCorpus;
  beforeAll(async () => {
    corpus = await makeFuzzCorpus();
  }, 60_000);
  afterAll(() => {
    corpus.pki.dir.remove();
  });

  const isExpected = (error: unknown): boolean => isSSLKitError(error);

  it("verifies the unmutated chains", async () => {
    const { pki, rsa } = corpus;
    const der = (pem: string): Uint8Array => new Certificate(pem).toDER();
    expect(await verifyChain([der(pki.chainedServer.cert), der(pki.intermediate.cert)], { trustAnchors: [der(pki.ca.cert)], hostname: "localhost" })).toMatchObject({ ok: true });
    expect(await verifyChain(rsa.leaf, { trustAnchors: [rsa.root], hostname: "fuzz.example" })).toMatchObject({ ok: true });
  });

  it("never accepts a chain whose leaf or intermediate was mutated, and fails only with sslkit errors within the time budget", async () => {
    const { pki, rsa } = corpus;
    const der = (pem: string): Uint8Array => new Certificate(pem).toDER();
    const chains = [
      { certs: [der(pki.chainedServer.cert), der(pki.intermediate.cert)], anchor: der(pki.ca.cert), hostname: "localhost" },
      { certs: [rsa.leaf], anchor: rsa.root, hostname: "fuzz.example" },
    ];
    const mutation = fc.record({
      chain: fc.nat({ max: chains.length - 1 }),
      target: fc.nat({ max: 2 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 3 }),
      cut: fc.option(fc.nat(), { freq: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ chain, target, edits, cut }) => {
        const { certs, anchor, hostname } = chains[chain]!;
        const all = [...certs, anchor];
        const index = target % all.length;
        let mutated = all[index]!.slice();
        for (const [at, bit] of edits) mutated[at % mutated.length] = mutated[at % mutated.length]! ^ (1 << bit);
        if (cut !== null) mutated = mutated.subarray(0, cut % mutated.length);
        all[index] = mutated;
        // Signature checks (RSA too) on a loaded machine: four budgets.
        const outcome = await checkInputAsync(() => verifyChain(all.slice(0, -1), { trustAnchors: [all.at(-1)!], hostname }), isExpected, 4 * FUZZ_BUDGET_MS, `chain ${chain}, cert ${index} mutated`);
        // The anchor is trusted by configuration (its own signature is not checked), so only a
        // mutated leaf or intermediate must break the chain.
        if (outcome.ok && index < all.length - 1) expect(outcome.value.ok, `chain ${chain}, cert ${index}: ${JSON.stringify(edits)} cut ${cut}`).toBe(false);
      }),
      fuzzParameters(100, { cost: 0.05 }),
    );
  }, fuzzTimeout(120_000));
});
