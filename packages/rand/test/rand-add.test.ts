import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { randAdd, randBytes, randStatus } from "@sslkit/rand";
import { runPythonJSON } from "@sslkit/test-utils";

type Outcomes = Record<string, Record<string, string>>;
const scriptURL = new URL("fixtures/python/rand-arguments.py", import.meta.url);
const committed = JSON.parse(readFileSync(new URL("fixtures/python/rand-arguments.json", import.meta.url), "utf8")) as Outcomes;

// Each case: the JavaScript counterpart of the Python call, and the code sslkit throws (null: accepted).
const cases: readonly (readonly [string, unknown, unknown, string | null])[] = [
  ["str data", "x", 1, null],
  ["bytes data", Uint8Array.of(0x78), 1.0, null],
  ["bytearray data, negative entropy", Buffer.from("x"), -1.5, null],
  ["memoryview data, NaN entropy", new DataView(Uint8Array.of(0x78).buffer), NaN, null],
  ["array of doubles", new Float64Array([1.5]), 0, null],
  ["empty str", "", 0, null],
  ["int data", 123, 1.0, "ERR_INVALID_ARG_TYPE"],
  ["None data", null, 1.0, "ERR_INVALID_ARG_TYPE"],
  ["list data", [1, 2], 1.0, "ERR_INVALID_ARG_TYPE"],
  ["str entropy", Uint8Array.of(0x78), "1", "ERR_INVALID_ARG_TYPE"],
  ["None entropy", Uint8Array.of(0x78), null, "ERR_INVALID_ARG_TYPE"],
];
const pythonToCode: Record<string, string | null> = { ok: null, TypeError: "ERR_INVALID_ARG_TYPE" };

describe("randAdd", () => {
  it.each(cases)("treats %s as CPython's ssl.RAND_add does", (label, data, entropy, code) => {
    expect(pythonToCode[committed.RAND_add?.[label] ?? ""]).toBe(code);
    const call = (): void => {
      randAdd(data as string, entropy as number);
    };
    if (code === null) expect(call).not.toThrow();
    else expect(call).toThrow(expect.objectContaining({ code }));
  });

  it("agrees with a live python3 run of the committed script", async () => {
    const live = await runPythonJSON<Outcomes>(readFileSync(scriptURL, "utf8"));
    expect(live.RAND_add).toEqual(committed.RAND_add);
  });

  it("leaves the process-wide generator seeded and working", () => {
    randAdd("entropy from the test", 2.0);
    expect(randStatus()).toBe(true);
    expect(randBytes(32)).toHaveLength(32);
  });

  it("takes megabytes of input", () => {
    expect(() => { randAdd(new Uint8Array(8 << 20), 8 << 20); }).not.toThrow();
  });

  it("names the argument in its error message", () => {
    expect(() => { randAdd(42 as unknown as string, 1); }).toThrow(/"data" argument/);
    expect(() => { randAdd("x", "1" as unknown as number); }).toThrow(/"entropy" argument/);
  });
});
