import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodePEM, derToPEM, encodePEM, pemToDER } from "@sslkit/pem";
import { PEMError, isSSLKitError } from "@sslkit/errors";
import { FUZZ_BUDGET_MS, checkInput, fuzzParameters, fuzzTimeout } from "@sslkit/test-utils";

const labelChar = fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x2d).map((c) => String.fromCharCode(c));
const label = fc
  .array(fc.tuple(fc.constantFrom("", "-", " "), labelChar), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([sep, ch], i) => (i === 0 ? ch : sep + ch)).join(""));
const der = fc.uint8Array({ minLength: 1, maxLength: 2048 });
const lineBreak = fc.constantFrom("\n", "\r\n", "\r");

/** Runs `fn` within the per-input budget; anything thrown must be an sslkit error (a PEMError here). */
function pemOnly<T>(fn: () => T, what?: string): T | undefined {
  const outcome = checkInput(fn, (error) => isSSLKitError(error) && error instanceof PEMError, undefined, what);
  return outcome.ok ? outcome.value : undefined;
}

/** Text between blocks that cannot start an encapsulation line (no '-'). */
const explanatoryText = fc.string({ maxLength: 40, unit: fc.constantFrom("a", "Z", " ", ":", "=", "\n", "\r\n", "\t", "#", "0") });

describe("PEM codec properties", () => {
  it("decodes what it encodes, for random bytes and labels", () => {
    fc.assert(
      fc.property(der, label, (bytes, name) => {
        const [block] = decodePEM(encodePEM(bytes, name), { strict: true });
        expect(block?.label).toBe(name);
        expect(block?.der).toEqual(bytes);
      }),
      fuzzParameters(300),
    );
  });

  it("round-trips derToPEM through pemToDER, with any trailing white space", () => {
    fc.assert(
      fc.property(der, fc.string({ maxLength: 4, unit: fc.constantFrom(" ", "\n", "\r\n", "\t") }), (bytes, tail) => {
        expect(pemToDER(derToPEM(bytes) + tail)).toEqual(bytes);
      }),
      fuzzParameters(300),
    );
  });

  it("decodes a bundle into exactly its blocks, whatever text and line breaks surround them", () => {
    const block = fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), label);
    fc.assert(
      fc.property(fc.array(fc.tuple(block, explanatoryText), { minLength: 1, maxLength: 8 }), explanatoryText, lineBreak, (parts, head, newline) => {
        let text = head.length > 0 ? `${head}\n` : "";
        for (const [[bytes, name], between] of parts) text += `${encodePEM(bytes, name).replaceAll("\n", newline)}${between}\n`;
        const blocks = pemOnly(() => decodePEM(text), "a bundle");
        expect(blocks?.map((b) => [b.label, b.der])).toEqual(parts.map(([[bytes, name]]) => [name, bytes]));
        // Every block's [start, end) slice decodes on its own to the same block.
        for (const b of blocks ?? []) expect(decodePEM(text.slice(b.start, b.end))[0]?.der).toEqual(b.der);
      }),
      fuzzParameters(300),
    );
  });

  it("decodes mixed line endings line by line (LF, CRLF, CR) to the same bytes", () => {
    fc.assert(
      fc.property(der, fc.array(lineBreak, { minLength: 1, maxLength: 64 }), (bytes, breaks) => {
        let i = 0;
        const text = derToPEM(bytes).replace(/\n/g, () => breaks[i++ % breaks.length]!);
        expect(decodePEM(text)[0]?.der).toEqual(bytes);
      }),
      fuzzParameters(300),
    );
  });

  it("gives the same blocks for a text and for its Latin-1 bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(der, label), { minLength: 0, maxLength: 3 }), (parts) => {
        const text = parts.map(([bytes, name]) => encodePEM(bytes, name)).join("junk\n");
        expect(decodePEM(new TextEncoder().encode(text))).toEqual(decodePEM(text));
      }),
      fuzzParameters(200),
    );
  });

  it("throws nothing but PEMError, within the time budget, on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        pemOnly(() => decodePEM(text));
        pemOnly(() => decodePEM(text, { strict: true }));
        pemOnly(() => pemToDER(text));
        pemOnly(() => pemToDER(`-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----\n`));
      }),
      fuzzParameters(500),
    );
  });

  it("throws nothing but PEMError, within the time budget, on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        pemOnly(() => decodePEM(bytes));
        pemOnly(() => decodePEM(Uint8Array.from([...new TextEncoder().encode("-----BEGIN X-----\n"), ...bytes, ...new TextEncoder().encode("\n-----END X-----\n")])));
      }),
      fuzzParameters(500),
    );
  });

  it("throws nothing but PEMError on mutated valid PEM, and never loses a block silently", () => {
    const mutation = fc.record({
      pem: fc.tuple(der, label).map(([bytes, name]) => encodePEM(bytes, name)),
      at: fc.nat(),
      insert: fc.string({ maxLength: 6, unit: fc.constantFrom("-", "A", "=", "\n", "\r", " ", ":", "B", "E", "G", "I", "N", "$", "\u0000") }),
      remove: fc.nat({ max: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ pem, at, insert, remove }) => {
        const position = at % (pem.length + 1);
        const mutated = pem.slice(0, position) + insert + pem.slice(position + remove);
        const blocks = pemOnly(() => decodePEM(mutated)) ?? [];
        // Whatever decodes must be a whole block: BEGIN and END lines both present.
        for (const block of blocks) {
          const slice = mutated.slice(block.start, block.end);
          expect(slice.startsWith(`-----BEGIN ${block.label}-----`)).toBe(true);
          expect(slice.trimEnd().endsWith(`-----END ${block.label}-----`)).toBe(true);
        }
      }),
      fuzzParameters(1000),
    );
  });
});

describe("PEM decoding of hostile input", () => {
  const encapsulation = fc.constantFrom("-----BEGIN X-----", "-----END X-----", "-----BEGIN Y-----", "-----END Y-----", "-----BEGIN ", "-----", "-----END ");
  const piece = fc.oneof(encapsulation, fc.constantFrom("\n", "\r\n", "\r", "\u0000", "AAAA", "QUJD", "=", "Proc-Type: 4,ENCRYPTED", " ", ""));

  it("reports nested and unbalanced BEGIN/END lines with a PEMError, never a crash", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        pemOnly(() => decodePEM(text), JSON.stringify(text));
      }),
      fuzzParameters(2000),
    );
  });

  it("decodes or rejects huge single-line bodies within the time budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1024 * 1024 }), fc.constantFrom("", "\u0000", "!", "-", "="), fc.nat(), (length, poison, at) => {
        const body = Buffer.alloc(length, 0x41).toString("latin1");
        const where = at % (body.length + 1);
        const text = `-----BEGIN X-----\n${body.slice(0, where)}${poison}${body.slice(where)}\n-----END X-----\n`;
        // Up to a megabyte per input: linear work, but a lot of it on a loaded machine, so 4 budgets.
        const outcome = checkInput(() => decodePEM(text), (error) => error instanceof PEMError, 4 * FUZZ_BUDGET_MS, `a ${length}-character line`);
        const blocks = outcome.ok ? outcome.value : undefined;
        if (poison === "" && length % 4 === 0) expect(blocks?.[0]?.der.length).toBe((length / 4) * 3);
      }),
      fuzzParameters(20, { cost: 0.01 }),
    );
  }, fuzzTimeout(60_000));

  it("handles many thousand repeated encapsulation lines within the time budget", () => {
    fc.assert(
      fc.property(fc.array(encapsulation, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1000, max: 30_000 }), lineBreak, (unit, times, newline) => {
        const text = `${unit.join(newline)}${newline}`.repeat(times);
        pemOnly(() => decodePEM(text), `${unit.join("|")} × ${times}`);
      }),
      fuzzParameters(30, { cost: 0.01 }),
    );
  }, fuzzTimeout(60_000));

  it("handles 50,000 header lines, 20,000 blocks and 20,000 blocks on one line in linear time", () => {
    // Megabytes of input: a larger budget, still far below what quadratic work would take (minutes).
    const budget = 4 * FUZZ_BUDGET_MS;
    const pemOnlyBig = <T>(fn: () => T, what: string): T | undefined => {
      const outcome = checkInput(fn, (error) => error instanceof PEMError, budget, what);
      return outcome.ok ? outcome.value : undefined;
    };
    const headers = `-----BEGIN X-----\n${Array.from({ length: 50_000 }, (_, i) => `Name-${i}: value\n`).join("")}\nAAAA\n-----END X-----\n`;
    expect(pemOnlyBig(() => decodePEM(headers), "50,000 header lines")?.[0]?.der).toEqual(new Uint8Array(3));
    const many = encodePEM(new Uint8Array([1, 2, 3]), "X").repeat(20_000);
    expect(pemOnlyBig(() => decodePEM(many), "20,000 blocks")).toHaveLength(20_000);
    const noBreaks = encodePEM(new Uint8Array([1, 2, 3]), "X").replaceAll("\n", "").repeat(20_000);
    // One line of 20,000 blocks: OpenSSL needs line breaks too, so it is a damaged BEGIN line.
    const outcome = checkInput(() => decodePEM(noBreaks), (error) => error instanceof PEMError, budget, "20,000 blocks on one line");
    expect(outcome).toMatchObject({ ok: false, error: { code: "ERR_SSLKIT_PEM_BAD_LABEL" } });
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
        const decoded = pemOnly(() => decodePEM(`-----BEGIN X-----\n${text}\n-----END X-----\n`)[0]!.der);
        expect(decoded ?? "invalid").toEqual(expected);
      }),
      fuzzParameters(3000),
    );
  });
});
