import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { X509Error, isSSLKitError } from "@sslkit/errors";
import { certTimeToSeconds } from "@sslkit/x509";
import { checkInput, fuzzParameters, fuzzTimeout, runPythonJSON } from "@sslkit/test-utils";

type PythonAnswer = { readonly ok: number } | { readonly error: string; readonly message: string };

const ORACLE = `
import json, ssl, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"ok": ssl.cert_time_to_seconds(s)})
    except Exception as e:
        out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

const isX509Error = (error: unknown): boolean => isSSLKitError(error) && error instanceof X509Error;

function codeFor(message: string): string {
  if (message.startsWith("unconverted data remains")) return "ERR_SSLKIT_X509_TIME_TRAILING_DATA";
  if (message.startsWith("time data")) return "ERR_SSLKIT_X509_TIME_FORMAT";
  return "ERR_SSLKIT_X509_TIME_OUT_OF_RANGE";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Strings of (nearly) OpenSSL's `%b %d %H:%M:%S %Y GMT` form, each part stretched to and past its limits. */
const nearlyValid: fc.Arbitrary<string> = (() => {
  const randomCase = (text: string): fc.Arbitrary<string> =>
    fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flags) => Array.from(text, (c, i) => (flags[i] === true ? c.toUpperCase() : c.toLowerCase())).join(""));
  const month = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...MONTHS).chain(randomCase) }, { weight: 1, arbitrary: fc.constantFrom("Foo", "Ja", "Janu", "Sept", "ſep", "") });
  const padded = (n: number, pad: string): string => (pad === "" || n >= 10 ? String(n) : `${pad}${n}`);
  /** Mostly in range (min..max), sometimes just past it, with odd padding now and then. */
  const number = (min: number, max: number, limit: number): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.integer({ min, max }), fc.constantFrom("0", "0", " ", "")).map(([n, pad]) => padded(n, pad)) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: limit }), fc.constantFrom("", "0", " ", "00", "+", "-")).map(([n, pad]) => padded(n, pad)) },
    );
  const often = <T>(usual: T, ...odd: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
  const space = often(" ", "  ", "\t", "", "\n", "\u3000");
  const year = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 9999 }).map((y) => String(y).padStart(4, "0")) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) });
  const zone = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("GMT", "gmt", "Gmt") }, { weight: 1, arbitrary: fc.constantFrom("UTC", "", "GMT ", "GMT\n", "GMTX", "Z") });
  return fc
    .tuple(month, space, number(1, 31, 40), space, number(0, 23, 30), often(":", "-", ""), number(0, 59, 70), often(":", ""), number(0, 61, 70), space, year, space, zone)
    .map((parts) => parts.join(""));
})();

describe("certTimeToSeconds (fuzz)", () => {
  it("throws nothing but X509Error, within the time budget, on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60, unit: "binary" }), fc.string({ maxLength: 2000 }), nearlyValid), (text) => {
        checkInput(() => certTimeToSeconds(text), isX509Error, undefined, JSON.stringify(text));
      }),
      fuzzParameters(2000),
    );
  });

  it("handles huge runs of white space and digits within the time budget", () => {
    for (const text of [`Jan${" ".repeat(100_000)}1 00:00:00 2000 GMT`, `Jan 1 00:00:00 ${"9".repeat(100_000)} GMT`, `Jan 1 00:00:00 2000 GMT${" ".repeat(100_000)}`, `Jan ${"0".repeat(100_000)}1 00:00:00 2000 GMT`]) {
      checkInput(() => certTimeToSeconds(text), isX509Error, undefined, `${text.length} characters`);
    }
  });

  it("agrees with python3's ssl.cert_time_to_seconds on generated time strings: same seconds, or the same error and message", async () => {
    const inputs = fc.sample(fc.oneof({ weight: 4, arbitrary: nearlyValid }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), fuzzParameters(1500, { cost: 0.2 }));
    const answers = await runPythonJSON<PythonAnswer[]>(ORACLE, [], JSON.stringify(inputs));
    const disagreements: unknown[] = [];
    let accepted = 0;
    inputs.forEach((input, i) => {
      const expected = answers[i]!;
      const ours = checkInput(() => certTimeToSeconds(input), isX509Error, undefined, JSON.stringify(input));
      if ("ok" in expected) {
        accepted++;
        if (!ours.ok || ours.value !== expected.ok) disagreements.push({ input, python: expected, ours: ours.ok ? ours.value : String(ours.error) });
      } else {
        const error = ours.ok ? undefined : (ours.error as X509Error);
        if (expected.error !== "ValueError" || error?.code !== codeFor(expected.message) || error.message !== expected.message) {
          disagreements.push({ input, python: expected, ours: ours.ok ? ours.value : { code: error?.code, message: error?.message } });
        }
      }
    });
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(inputs.length / 10);
  }, fuzzTimeout(60_000));
});
