import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodePEM, derToPEM, encodePEM, pemToDER } from "@sslkit/pem";
import { PEMError } from "@sslkit/errors";

const labelChar = fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x2d).map((c) => String.fromCharCode(c));
const label = fc
  .array(fc.tuple(fc.constantFrom("", "-", " "), labelChar), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([sep, ch], i) => (i === 0 ? ch : sep + ch)).join(""));
const der = fc.uint8Array({ minLength: 1, maxLength: 2048 });

/** Runs `fn` and fails the property if it throws anything but a PEMError. */
function onlyPEMErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof PEMError)) throw error;
  }
}

describe("PEM codec properties", () => {
  it("decodes what it encodes, for random bytes and labels", () => {
    fc.assert(
      fc.property(der, label, (bytes, name) => {
        const [block] = decodePEM(encodePEM(bytes, name), { strict: true });
        expect(block?.label).toBe(name);
        expect(block?.der).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips derToPEM through pemToDER", () => {
    fc.assert(
      fc.property(der, (bytes) => {
        expect(pemToDER(derToPEM(bytes))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("throws nothing but PEMError on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        onlyPEMErrors(() => decodePEM(text));
        onlyPEMErrors(() => pemToDER(text));
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but PEMError on mutated valid PEM, and never loses a block silently", () => {
    const mutation = fc.record({
      pem: fc.tuple(der, label).map(([bytes, name]) => encodePEM(bytes, name)),
      at: fc.nat(),
      insert: fc.string({ maxLength: 6, unit: fc.constantFrom("-", "A", "=", "\n", "\r", " ", ":", "B", "E", "G", "I", "N", "$") }),
      remove: fc.nat({ max: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ pem, at, insert, remove }) => {
        const position = at % (pem.length + 1);
        const mutated = pem.slice(0, position) + insert + pem.slice(position + remove);
        onlyPEMErrors(() => {
          const blocks = decodePEM(mutated);
          // Whatever decodes must be a whole block: BEGIN and END lines both present.
          for (const block of blocks) {
            const slice = mutated.slice(block.start, block.end);
            expect(slice.startsWith(`-----BEGIN ${block.label}-----`)).toBe(true);
            expect(slice.trimEnd().endsWith(`-----END ${block.label}-----`)).toBe(true);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });
});

/** The reference model of a valid body: base64 and white space only, '=' only at the end, length a multiple of 4. */
function referenceDecode(body: string): Uint8Array | "invalid" {
  const compact = body.replace(/[ \t\r\n\v\f]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0 || compact.length === 0) return "invalid";
  return new Uint8Array(Buffer.from(compact, "base64"));
}

describe("the validated base64 fast path", () => {
  it("accepts exactly the bodies the reference model accepts, with the same bytes", () => {
    const unit = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split(""), "=", "\n", "\r\n", " ", "\t", "_", "-", "$", "é", "\u0100", "\u0000");
    const body = fc.oneof(
      fc.array(unit, { maxLength: 120 }).map((parts) => parts.join("")),
      // Mostly-valid bodies: real base64 in 64-column lines with one character changed.
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), unit).map(([bytes, at, replacement]) => {
        const text = (Buffer.from(bytes).toString("base64").match(/.{1,64}/g) ?? []).join("\n") + "\n";
        const position = at % text.length;
        return text.slice(0, position) + replacement + text.slice(position + 1);
      }),
    );
    fc.assert(
      fc.property(body, (text) => {
        const expected = referenceDecode(text);
        let actual: Uint8Array | "invalid";
        try {
          actual = decodePEM(`-----BEGIN X-----\n${text}\n-----END X-----\n`)[0]!.der;
        } catch (error) {
          if (!(error instanceof PEMError)) throw error;
          actual = "invalid";
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
