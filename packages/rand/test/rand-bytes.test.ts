import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { randBytes } from "@sslkit/rand";
import { createDeterministicGenerator } from "@sslkit/rand/testing";
import { makeTempDir, runPythonJSON } from "@sslkit/test-utils";
import { ensureBuilt } from "./support/built-package.ts";
import { restoreTwice } from "./support/snapshot-child.ts";
import {
  CHI2_255_ALPHA_1E3,
  CHI2_255_ALPHA_1E6,
  MONOBIT_Z_ALPHA_1E3,
  MONOBIT_Z_ALPHA_1E6,
  chiSquareBytes,
  monobitZ,
} from "./support/statistics.ts";

type Outcomes = Record<string, Record<string, string>>;
const scriptURL = new URL("fixtures/python/rand-arguments.py", import.meta.url);
const committed = JSON.parse(readFileSync(new URL("fixtures/python/rand-arguments.json", import.meta.url), "utf8")) as Outcomes;

// Each case: the argument as JavaScript passes it, and the code sslkit throws (null: accepted).
const cases: readonly (readonly [string, unknown, string | null])[] = [
  ["0", 0, null],
  ["16", 16, null],
  ["-1", -1, "ERR_OUT_OF_RANGE"],
  ["2**31", 2 ** 31, "ERR_OUT_OF_RANGE"],
  // Python: TypeError (a float is not an int). JavaScript has one number type, so a fractional
  // count is a value out of range, as in Node's own crypto.randomBytes(1.5).
  ["1.5", 1.5, "ERR_OUT_OF_RANGE"],
  ["'16'", "16", "ERR_INVALID_ARG_TYPE"],
  ["None", null, "ERR_INVALID_ARG_TYPE"],
];
const pythonToCode: Record<string, string | null> = {
  ok: null,
  TypeError: "ERR_INVALID_ARG_TYPE",
  ValueError: "ERR_OUT_OF_RANGE",
  OverflowError: "ERR_OUT_OF_RANGE",
};

interface ChildReport {
  readonly pid: number;
  readonly small: string;
  readonly large: string;
  readonly instance: string;
}

function runChild(): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    // A plain Node child: no inherited --conditions (the test runner resolves to src/), so it loads dist/.
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = fork(fileURLToPath(new URL("fixtures/fork-child.mjs", import.meta.url)), [], { stdio: "pipe", execArgv: [], env });
    let report: ChildReport | undefined;
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("message", (message) => (report = message as ChildReport));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (report !== undefined && code === 0) resolve(report);
      else reject(new Error(`fork-child exited with ${code}: ${stderr}`));
    });
  });
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("randBytes", () => {
  it("returns n bytes for small, medium and multi-request sizes", () => {
    for (const n of [0, 1, 32, 256, 4096, 65536, 1 << 20]) expect(randBytes(n)).toHaveLength(n);
  });

  it("never returns the same 32 bytes twice", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => hex(randBytes(32))));
    expect(seen.size).toBe(1000);
  });

  describe("argument checks (CPython's ssl.RAND_bytes as the reference)", () => {
    it.each(cases)("treats %s as CPython's committed answer says", (label, value, code) => {
      const python = committed.RAND_bytes?.[label];
      expect(python).toBeDefined();
      if (label !== "1.5") expect(pythonToCode[python ?? ""]).toBe(code);
      if (code === null) expect(randBytes(value as number)).toHaveLength(value as number);
      else expect(() => randBytes(value as number)).toThrow(expect.objectContaining({ code }));
    });

    it("matches a live python3 run of the committed script", async () => {
      const live = await runPythonJSON<Outcomes>(readFileSync(scriptURL, "utf8"));
      expect(live).toEqual(committed);
    });
  });

  describe("fork safety", () => {
    beforeAll(ensureBuilt, 120_000);

    it("gives each forked child its own stream, different from the parent's", async () => {
      const before = [hex(randBytes(32)), hex(randBytes(32))];
      const reports = await Promise.all([runChild(), runChild(), runChild()]);
      const after = [hex(randBytes(32)), hex(randBytes(32))];
      const pids = new Set(reports.map((r) => r.pid));
      expect(pids.size).toBe(3);
      expect(pids.has(process.pid)).toBe(false);
      const all = [...before, ...after, ...reports.flatMap((r) => [r.small, r.instance])];
      expect(new Set(all).size).toBe(all.length);
      expect(new Set(reports.map((r) => r.large)).size).toBe(3);
    });

    it("reseeds generators restored from a startup snapshot, whose state every restored process shares", async () => {
      const dir = makeTempDir("sslkit-snapshot-");
      try {
        const [first, second] = await restoreTwice(dir);
        // The snapshot really is a copy of one state: both restored processes carry the same
        // pre-snapshot output, and a deterministic generator without an entropy source notices
        // the new pid and refuses to continue the copied stream.
        expect(first.beforeSnapshot).toBe(second.beforeSnapshot);
        expect(new Set([first.pidAtBuild, first.pid, second.pid]).size).toBe(3);
        expect([first.deterministicError, second.deterministicError]).toEqual([
          "ERR_SSLKIT_RAND_RESEED_REQUIRED",
          "ERR_SSLKIT_RAND_RESEED_REQUIRED",
        ]);
        // OS-seeded generators reseed on the pid change, so the copies diverge.
        expect(first.processWide).not.toBe(second.processWide);
        expect(first.instance).not.toBe(second.instance);
      } finally {
        dir.remove();
      }
    }, 60_000);
  });

  describe("statistical smoke checks", () => {
    // A fixed seed makes these deterministic: a correct CTR_DRBG would fail each bound for a
    // fraction α = 0.001 of seeds, so a failure here means a broken generator, not bad luck.
    const fixed = createDeterministicGenerator({
      entropyInput: new TextEncoder().encode("sslkit statistical smoke check, fixed seed #1"),
      nonce: new TextEncoder().encode("nonce: 16 bytes!"),
    }).bytes(1 << 20);

    it("passes the monobit test at α = 0.001 with a fixed seed", () => {
      expect(Math.abs(monobitZ(fixed))).toBeLessThan(MONOBIT_Z_ALPHA_1E3);
    });

    it("passes a byte-value chi-square test at α = 0.001 with a fixed seed", () => {
      expect(chiSquareBytes(fixed)).toBeLessThan(CHI2_255_ALPHA_1E3);
    });

    it("detects a biased stream (every 64th byte forced to zero)", () => {
      const biased = Uint8Array.from(fixed);
      for (let i = 0; i < biased.length; i += 64) biased[i] = 0;
      expect(chiSquareBytes(biased)).toBeGreaterThan(CHI2_255_ALPHA_1E3);
      const stuckBit = Uint8Array.from(fixed, (byte, i) => (i % 16 === 0 ? byte | 1 : byte));
      expect(Math.abs(monobitZ(stuckBit))).toBeGreaterThan(MONOBIT_Z_ALPHA_1E3);
    });

    it("passes both tests at α = 10⁻⁶ on the OS-seeded generator (false-positive rate 2·10⁻⁶ per run)", () => {
      const live = randBytes(1 << 20);
      expect(Math.abs(monobitZ(live))).toBeLessThan(MONOBIT_Z_ALPHA_1E6);
      expect(chiSquareBytes(live)).toBeLessThan(CHI2_255_ALPHA_1E6);
    });
  });
});
