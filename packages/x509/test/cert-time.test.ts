import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { certTimeToSeconds } from "@sslkit/x509";
import { pythonOracle } from "./support/python-oracle.js";

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

/** [why the case is interesting, input]; CPython decides the expected answer live. */
const CASES: readonly (readonly [string, string])[] = [
  ["the documented example", "May  9 00:00:00 2007 GMT"],
  ["a space-padded day", "Jan  5 09:34:43 2018 GMT"],
  ["a zero-padded day", "Jan 05 09:34:43 2018 GMT"],
  ["a one-space one-digit day", "Jan 5 09:34:43 2018 GMT"],
  ["an upper-case month", "JAN  5 09:34:43 2018 GMT"],
  ["lower-case month and zone", "jan  5 09:34:43 2018 gmt"],
  ["mixed-case month", "sEP 10 01:02:03 2001 gMt"],
  ["the last representable second", "Dec 31 23:59:59 9999 GMT"],
  ["the first representable day", "Jan  1 00:00:00 0001 GMT"],
  ["the Epoch", "Jan  1 00:00:00 1970 GMT"],
  ["one second before the Epoch", "Dec 31 23:59:59 1969 GMT"],
  ["a leap day", "Feb 29 12:00:00 2020 GMT"],
  ["Feb 29 of a common year (rolls over)", "Feb 29 12:00:00 2021 GMT"],
  ["Feb 31 (day checked against January only)", "Feb 31 00:00:00 2020 GMT"],
  ["Apr 31", "Apr 31 00:00:00 2020 GMT"],
  ["a leap second", "Jun 30 23:59:60 2015 GMT"],
  ["second 61", "Jun 30 23:59:61 2015 GMT"],
  ["one-digit hour, minute and second", "Jan 1 0:0:0 2000 GMT"],
  ["tabs as separators", "Jan\t1\t00:00:00\t2000\tGMT"],
  ["runs of spaces", "Jan    1   00:00:00    2000     GMT"],
  ["an ideographic space", "Jan\u3000 1 00:00:00 2000 GMT"],
  ["a no-break space before GMT", "Jan  1 00:00:00 2000\u00a0GMT"],
  ["U+001C, white space to Python", "Jan\u001c1 00:00:00 2000 GMT"],
  ["Arabic-Indic digits", "Jan \u0661 00:00:00 \u0662\u0660\u0660\u0660 GMT"],
  ["mathematical bold digits (astral)", "Jan 1 00:00:00 \u{1d7d0}\u{1d7ce}\u{1d7d0}\u{1d7ce} GMT"],
  ["a long s whose title case is S", "\u017fep 10 00:00:00 2000 GMT"],
  ["two spaces before GMT", "Jan  1 00:00:00 2000  GMT"],
  ["the year 1899", "Mar  1 00:00:00 1899 GMT"],
  ["the year 2050", "Mar  1 00:00:00 2050 GMT"],
  ["an empty string", ""],
  ["a month only", "Jan"],
  ["an unknown month", "Foo  1 00:00:00 2000 GMT"],
  ["a full month name", "January  1 00:00:00 2000 GMT"],
  ["a leading space", " Jan  1 00:00:00 2000 GMT"],
  ["UTC instead of GMT", "Jan  1 00:00:00 2000 UTC"],
  ["a trailing space", "Jan  1 00:00:00 2000 GMT "],
  ["a trailing newline", "Jan  1 00:00:00 2000 GMT\n"],
  ["a trailing NUL", "Jan  1 00:00:00 2000 GMT\u0000"],
  ["letters after GMT", "Jan  1 00:00:00 2000 GMTX"],
  ["no zone", "Jan  1 00:00:00 2000"],
  ["a truncated zone", "Jan  1 00:00:00 2000 GM"],
  ["no space before GMT", "Jan 31 00:00:00 2000GMT"],
  ["day 32", "Jan 32 00:00:00 2000 GMT"],
  ["day 0", "Jan  0 00:00:00 2000 GMT"],
  ["day 00", "Jan 00 00:00:00 2000 GMT"],
  ["a negative day", "Jan -1 00:00:00 2000 GMT"],
  ["hour 24", "Jan  1 24:00:00 2000 GMT"],
  ["minute 60", "Jan  1 00:60:00 2000 GMT"],
  ["second 62", "Jan  1 00:00:62 2000 GMT"],
  ["the year 0000", "Jan  1 00:00:00 0000 GMT"],
  ["a five-digit year", "Jan  1 00:00:00 20000 GMT"],
  ["a three-digit year", "Jan  1 00:00:00 200 GMT"],
  ["a signed year", "Jan  1 00:00:00 +2000 GMT"],
  ["no seconds", "Jan  1 00:00 2000 GMT"],
  ["no space after the month", "Jan1 00:00:00 2000 GMT"],
  ["ISO 8601", "2000-01-01T00:00:00Z"],
  ["a zero-width space (not white space)", "Jan\u200b1 00:00:00 2000 GMT"],
  ["a byte order mark (not white space)", "Jan\ufeff1 00:00:00 2000 GMT"],
  ["Kawi digits (Unicode 15, unknown to Python 3.11)", "Jan 1 00:00:00 \u{11f52}\u{11f50}\u{11f52}\u{11f50} GMT"],
  ["an apostrophe (repr switches quotes)", "Jan  1 00:00:00 2000 it's"],
  ["a control character in the month", "J\u0001n  1 00:00:00 2000 GMT"],
];

/**
 * Node knows Unicode 17, Python 3.11 Unicode 14: characters assigned since are printable in our
 * message's repr but escaped in CPython's. Only the message text can differ, never the outcome.
 */
const NEWER_UNICODE = new Set(["Kawi digits (Unicode 15, unknown to Python 3.11)"]);

function codeFor(message: string): string {
  if (message.startsWith("unconverted data remains")) return "ERR_SSLKIT_X509_TIME_TRAILING_DATA";
  if (message.startsWith("time data")) return "ERR_SSLKIT_X509_TIME_FORMAT";
  return "ERR_SSLKIT_X509_TIME_OUT_OF_RANGE";
}

describe("certTimeToSeconds", async () => {
  const inputs = CASES.map(([, input]) => input);
  const { answers, live, stored } = await pythonOracle<PythonAnswer[]>("cert-time", ORACLE, inputs);

  it.runIf(live !== undefined)("keeps committed CPython answers equal to python3's live ones (UPDATE_PYTHON_FIXTURES=1 rewrites them)", () => {
    expect(stored).toEqual({ input: inputs, answers: live });
  });

  it("has a CPython answer for every case and covers both outcomes", () => {
    expect(answers).toHaveLength(CASES.length);
    expect(answers.filter((a) => "ok" in a).length).toBeGreaterThanOrEqual(15);
    expect(answers.filter((a) => "error" in a).length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES.map(([why, input], i) => [why, input, i] as const))(
    "agrees with python3's ssl.cert_time_to_seconds on %s",
    (why, input, i) => {
      const expected = answers[i]!;
      if ("ok" in expected) {
        expect(certTimeToSeconds(input)).toBe(expected.ok);
      } else {
        expect(expected.error).toBe("ValueError");
        const message = NEWER_UNICODE.has(why) ? expect.any(String) : expected.message;
        expect(() => certTimeToSeconds(input)).toThrow(
          expect.objectContaining({ name: "X509Error", code: codeFor(expected.message), message }),
        );
      }
    },
  );

  it("inverts OpenSSL's time format for any second of years 1..9999", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const first = new Date(0);
    first.setUTCFullYear(1, 0, 1);
    const min = first.getTime();
    fc.assert(
      fc.property(fc.integer({ min: min / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 }), (seconds) => {
        const d = new Date(seconds * 1000);
        const pad = (n: number): string => String(n).padStart(2, "0");
        const text = `${months[d.getUTCMonth()]!} ${String(d.getUTCDate()).padStart(2, " ")} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${String(d.getUTCFullYear()).padStart(4, "0")} GMT`;
        expect(certTimeToSeconds(text)).toBe(seconds);
      }),
    );
  });

  it.each([[123], [null], [undefined], [new Date(0)]])("rejects %s with ERR_INVALID_ARG_TYPE", (value) => {
    expect(() => certTimeToSeconds(value as unknown as string)).toThrow(
      expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE" }),
    );
  });
});
