import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createDeterministicGenerator } from "@sslkit/rand/testing";
import { runProcess } from "@sslkit/test-utils";

interface Step {
  readonly op: "generate" | "reseed";
  readonly additionalInput: string;
  readonly entropyInput?: string;
  readonly entropyInputPR?: string;
  readonly predictionResistance?: boolean;
}
interface Vector {
  readonly name: string;
  readonly source: string;
  readonly instantiate: { readonly entropyInput: string; readonly nonce: string; readonly personalizationString: string };
  readonly steps: readonly Step[];
  readonly returnedBits: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("fixtures/cavp-ctr-drbg-aes256-df.json", import.meta.url), "utf8"),
) as { readonly vectors: readonly Vector[] };
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

/** Replays one CAVP record: entropy for reseeds and prediction resistance comes from the record, in order. */
function replay(vector: Vector): string {
  const queue: string[] = [];
  const drbg = createDeterministicGenerator({
    entropyInput: hex(vector.instantiate.entropyInput),
    nonce: hex(vector.instantiate.nonce),
    personalization: hex(vector.instantiate.personalizationString),
    entropySource: (length) => {
      const next = queue.shift();
      if (next === undefined) throw new Error("the vector has no more entropy input");
      expect(next.length / 2).toBeGreaterThanOrEqual(length);
      return hex(next);
    },
  });
  const outputLength = vector.returnedBits.length / 2;
  let last: Uint8Array = new Uint8Array(0);
  for (const step of vector.steps) {
    if (step.op === "reseed") {
      queue.push(step.entropyInput ?? "");
      drbg.reseed(hex(step.additionalInput));
    } else {
      if (step.entropyInputPR !== undefined) queue.push(step.entropyInputPR);
      last = drbg.generate(outputLength, {
        additionalInput: hex(step.additionalInput),
        predictionResistance: step.predictionResistance ?? false,
      });
    }
  }
  expect(queue).toEqual([]);
  return toHex(last);
}

describe("createDeterministicGenerator", () => {
  describe("NIST CAVP CTR_DRBG AES-256 use df known answers", () => {
    it("covers instantiate with and without personalization, reseed, additional input and prediction resistance", () => {
      const steps = fixture.vectors.flatMap((vector) => vector.steps);
      expect(fixture.vectors.length).toBeGreaterThanOrEqual(15);
      expect(fixture.vectors.some((v) => v.instantiate.personalizationString !== "")).toBe(true);
      expect(steps.some((s) => s.op === "reseed" && s.additionalInput !== "")).toBe(true);
      expect(steps.some((s) => s.op === "generate" && s.additionalInput !== "" && s.predictionResistance !== true)).toBe(true);
      expect(steps.some((s) => s.predictionResistance === true && s.additionalInput !== "")).toBe(true);
    });

    it.each(fixture.vectors.map((vector) => [vector.name, vector] as const))("reproduces %s", (_name, vector) => {
      expect(replay(vector)).toBe(vector.returnedBits);
    });

    it("fails a vector whose entropy input has one bit flipped", () => {
      const [vector] = fixture.vectors;
      if (vector === undefined) throw new Error("no vectors");
      const flipped = `${vector.instantiate.entropyInput.slice(0, -1)}${(parseInt(vector.instantiate.entropyInput.slice(-1), 16) ^ 1).toString(16)}`;
      expect(replay({ ...vector, instantiate: { ...vector.instantiate, entropyInput: flipped } })).not.toBe(vector.returnedBits);
    });
  });
});

interface ReferenceOutput {
  readonly step: string;
  readonly length: number;
  readonly sha256: string;
  readonly head: string;
}
const referenceScript = fileURLToPath(new URL("fixtures/python/ctr_drbg_reference.py", import.meta.url));
const reference = JSON.parse(
  readFileSync(new URL("fixtures/python/ctr-drbg-reference.json", import.meta.url), "utf8"),
) as { readonly outputs: readonly ReferenceOutput[] };

/** The scenario of ctr_drbg_reference.py, through the public API. */
function referenceScenario(): ReferenceOutput[] {
  const drbg = createDeterministicGenerator({
    entropyInput: Uint8Array.from({ length: 32 }, (_, i) => i),
    nonce: Uint8Array.from({ length: 16 }, (_, i) => 100 + i),
    personalization: "sslkit reference scenario",
    entropySource: (length) => new Uint8Array(length).fill(0xe0),
  });
  const outputs: Uint8Array[] = [drbg.generate(65536), drbg.bytes(70000), drbg.generate(33, { additionalInput: "abc" })];
  drbg.reseed("reseed");
  outputs.push(drbg.bytes(4096));
  return outputs.map((data, i) => ({
    step: reference.outputs[i]?.step ?? "",
    length: data.length,
    sha256: createHash("sha256").update(data).digest("hex"),
    head: toHex(data.subarray(0, 16)),
  }));
}

describe("Generator against an independent CTR_DRBG", () => {
  it("matches the pure-Python reference on maximal and split requests, additional input and reseed", () => {
    expect(referenceScenario()).toEqual(reference.outputs);
  });

  it("matches a live run of the reference (which first checks itself against FIPS 197 and CAVP)", async () => {
    const result = await runProcess("python3", [referenceScript], { timeoutMs: 120_000 });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout.toString("utf8"))).toEqual(reference);
  });
});
