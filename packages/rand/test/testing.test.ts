import { describe, expect, it } from "vitest";
import { Generator } from "@sslkit/rand";
import { createDeterministicGenerator } from "@sslkit/rand/testing";

const entropyInput = new Uint8Array(32).fill(1);
const nonce = new Uint8Array(16).fill(2);

describe("createDeterministicGenerator", () => {
  it("returns a Generator whose output is fixed by its seed", () => {
    const a = createDeterministicGenerator({ entropyInput, nonce });
    const b = createDeterministicGenerator({ entropyInput, nonce });
    expect(a).toBeInstanceOf(Generator);
    expect([a.bytes(16), a.bytes(100_000)]).toEqual([b.bytes(16), b.bytes(100_000)]);
    expect(createDeterministicGenerator({ entropyInput, nonce: new Uint8Array(16).fill(3) }).bytes(16)).not.toEqual(
      createDeterministicGenerator({ entropyInput, nonce }).bytes(16),
    );
  });

  it.each([
    ["a missing seed", undefined, "ERR_INVALID_ARG_TYPE"],
    ["a string entropy input", { entropyInput: "x".repeat(32), nonce }, "ERR_INVALID_ARG_TYPE"],
    ["an entropy input of 31 bytes", { entropyInput: new Uint8Array(31), nonce }, "ERR_OUT_OF_RANGE"],
    ["a nonce of 15 bytes", { entropyInput, nonce: new Uint8Array(15) }, "ERR_OUT_OF_RANGE"],
    ["an entropy source that is not a function", { entropyInput, nonce, entropySource: new Uint8Array(32) }, "ERR_INVALID_ARG_TYPE"],
    ["a reseed interval of 0", { entropyInput, nonce, reseedInterval: 0 }, "ERR_OUT_OF_RANGE"],
  ])("rejects %s", (_label, seed, code) => {
    expect(() => createDeterministicGenerator(seed as never)).toThrow(expect.objectContaining({ code }));
  });
});
