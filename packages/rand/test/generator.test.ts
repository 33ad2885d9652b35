import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_RESEED_INTERVAL, Generator, MAX_RAND_BYTES } from "@sslkit/rand";
import { createDeterministicGenerator } from "@sslkit/rand/testing";
import type { DeterministicSeed } from "@sslkit/rand/testing";

function seed(overrides: Partial<DeterministicSeed> = {}): DeterministicSeed {
  return {
    entropyInput: Uint8Array.from({ length: 32 }, (_, i) => i),
    nonce: Uint8Array.from({ length: 16 }, (_, i) => 100 + i),
    entropySource: (length) => new Uint8Array(length).fill(0xe0),
    ...overrides,
  };
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

describe("Generator", () => {
  describe("bytes", () => {
    it.each([0, 1, 15, 16, 17, 255, 256, 257, 4096, 65536, 65537, 3 * 65536 + 5])("returns exactly %i bytes", (n) => {
      expect(new Generator().bytes(n)).toHaveLength(n);
    });

    it("returns Uint8Arrays whose backing memory holds nothing but the answer (no DRBG state)", () => {
      const drbg = new Generator();
      for (const n of [32, 1000, 70000]) {
        const out = drbg.bytes(n);
        expect(out).toBeInstanceOf(Uint8Array);
        expect(out.buffer.byteLength).toBeLessThanOrEqual(n + 64);
        expect(new Uint8Array(out.buffer).subarray(n).every((byte) => byte === 0)).toBe(true);
      }
    });

    it("never repeats itself, and two generators never agree", () => {
      const a = new Generator();
      const b = new Generator();
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        for (const out of [a.bytes(16), b.bytes(16), a.bytes(1000)]) seen.add(Buffer.from(out).toString("hex"));
      }
      expect(seen.size).toBe(600);
    });

    it("serves requests of up to 256 bytes from one 4 KiB Generate call, in order", () => {
      const drbg = createDeterministicGenerator(seed());
      const twin = createDeterministicGenerator(seed());
      const served = concat(drbg.bytes(32), drbg.bytes(1), drbg.bytes(256), drbg.bytes(31));
      expect(served).toEqual(twin.generate(4096).subarray(0, 320));
    });

    it("splits requests larger than 64 KiB into Generate calls of at most 64 KiB (2^19 bits)", () => {
      const drbg = createDeterministicGenerator(seed());
      const twin = createDeterministicGenerator(seed());
      expect(drbg.bytes(65536 * 2 + 10)).toEqual(concat(twin.generate(65536), twin.generate(65536), twin.generate(10)));
    });

    // The last Generate call's length decides where the closing Update's 48 keystream bytes fall
    // relative to the 16 KiB pieces large requests are produced in: inside, straddling, after.
    it.each([16_360, 16_368, 16_384, 32_700, 65_535])("matches separate Generate calls for 65536 + %i bytes", (tail) => {
      const drbg = createDeterministicGenerator(seed());
      const twin = createDeterministicGenerator(seed());
      expect(drbg.bytes(65536 + tail)).toEqual(concat(twin.generate(65536), twin.generate(tail)));
      expect(drbg.bytes(300)).toEqual(twin.generate(300));
    });

    it("answers requests above 256 bytes with their own Generate call", () => {
      const drbg = createDeterministicGenerator(seed());
      const twin = createDeterministicGenerator(seed());
      expect(drbg.bytes(257)).toEqual(twin.generate(257));
    });

    it.each([
      [-1, "ERR_OUT_OF_RANGE"],
      [1.5, "ERR_OUT_OF_RANGE"],
      [NaN, "ERR_OUT_OF_RANGE"],
      [MAX_RAND_BYTES + 1, "ERR_OUT_OF_RANGE"],
      ["16", "ERR_INVALID_ARG_TYPE"],
      [16n, "ERR_INVALID_ARG_TYPE"],
      [undefined, "ERR_INVALID_ARG_TYPE"],
    ])("rejects n = %s with %s", (n, code) => {
      expect(() => new Generator().bytes(n as number)).toThrow(expect.objectContaining({ code }));
    });
  });

  describe("generate", () => {
    it("makes one SP 800-90A Generate call whose output depends on the additional input", () => {
      const [a, b, c] = [createDeterministicGenerator(seed()), createDeterministicGenerator(seed()), createDeterministicGenerator(seed())];
      const plain = a.generate(64);
      const withInput = b.generate(64, { additionalInput: "request 1" });
      expect(withInput).not.toEqual(plain);
      expect(c.generate(64, { additionalInput: new TextEncoder().encode("request 1") })).toEqual(withInput);
    });

    it("treats an empty additional input as none, as SP 800-90A does", () => {
      const a = createDeterministicGenerator(seed());
      const b = createDeterministicGenerator(seed());
      expect(a.generate(32, { additionalInput: new Uint8Array(0) })).toEqual(b.generate(32));
    });

    it.each([
      [65537, {}, "ERR_OUT_OF_RANGE"],
      [-1, {}, "ERR_OUT_OF_RANGE"],
      [16, { additionalInput: 5 }, "ERR_INVALID_ARG_TYPE"],
      [16, { predictionResistance: "yes" }, "ERR_INVALID_ARG_TYPE"],
      [16, null, "ERR_INVALID_ARG_TYPE"],
    ])("rejects n = %s with options %o", (n, options, code) => {
      expect(() => new Generator().generate(n, options as never)).toThrow(expect.objectContaining({ code }));
    });
  });

  describe("reseed interval", () => {
    it("reseeds from the entropy source once reseed_counter exceeds the interval", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(0xe0));
      const drbg = createDeterministicGenerator(seed({ entropySource: source, reseedInterval: 2 }));
      const twin = createDeterministicGenerator(seed({ entropySource: source, reseedInterval: 2 }));
      drbg.generate(16);
      drbg.generate(16);
      expect(source).not.toHaveBeenCalled();
      const third = drbg.generate(16);
      expect(source).toHaveBeenCalledTimes(1);
      expect(source).toHaveBeenCalledWith(32);
      twin.generate(16);
      twin.generate(16);
      twin.reseed();
      expect(third).toEqual(twin.generate(16));
    });

    it("defaults to 2^16 Generate calls", () => {
      expect(DEFAULT_RESEED_INTERVAL).toBe(65536);
      const source = vi.fn((length: number) => new Uint8Array(length).fill(1));
      const drbg = createDeterministicGenerator(seed({ entropySource: source }));
      for (let i = 0; i < 65536; i++) drbg.generate(1);
      expect(source).not.toHaveBeenCalled();
      drbg.generate(1);
      expect(source).toHaveBeenCalledTimes(1);
    });

    it("refuses to go past the interval without an entropy source (ERR_SSLKIT_RAND_RESEED_REQUIRED)", () => {
      const drbg = createDeterministicGenerator(seed({ entropySource: undefined, reseedInterval: 1 }));
      expect(drbg.status()).toBe(true);
      drbg.generate(16);
      expect(drbg.status()).toBe(false);
      expect(() => drbg.generate(16)).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_RAND_RESEED_REQUIRED", name: "RandError" }));
    });

    it.each([0, -1, 1.5, 2 ** 48 + 1])("rejects reseedInterval %s", (reseedInterval) => {
      expect(() => new Generator({ reseedInterval })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    });
  });

  describe("prediction resistance", () => {
    it("reseeds before every Generate call, with the additional input in the reseed", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(7));
      const drbg = createDeterministicGenerator(seed({ entropySource: source, predictionResistance: true }));
      const twin = createDeterministicGenerator(seed({ entropySource: source }));
      const out = drbg.generate(32, { additionalInput: "x" });
      twin.reseed("x");
      expect(out).toEqual(twin.generate(32));
      drbg.bytes(16);
      drbg.bytes(16);
      expect(source).toHaveBeenCalledTimes(4);
    });

    it("cannot be switched off per call in a generator created with it", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(7));
      const drbg = createDeterministicGenerator(seed({ entropySource: source, predictionResistance: true }));
      drbg.generate(16, { predictionResistance: false });
      expect(source).toHaveBeenCalledTimes(1);
    });

    it("can be asked for one call only", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(7));
      const drbg = createDeterministicGenerator(seed({ entropySource: source }));
      drbg.generate(16, { predictionResistance: true });
      drbg.generate(16);
      expect(source).toHaveBeenCalledTimes(1);
    });

    it("fails with ERR_SSLKIT_RAND_ENTROPY_SOURCE when the source throws or returns too little", () => {
      const throwing = createDeterministicGenerator(seed({ entropySource: () => { throw new Error("dry"); } }));
      expect(() => throwing.generate(16, { predictionResistance: true })).toThrow(
        expect.objectContaining({ code: "ERR_SSLKIT_RAND_ENTROPY_SOURCE", cause: expect.objectContaining({ message: "dry" }) }),
      );
      const short = createDeterministicGenerator(seed({ entropySource: () => new Uint8Array(31) }));
      expect(() => short.generate(16, { predictionResistance: true })).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_RAND_ENTROPY_SOURCE" }));
      const wrongType = createDeterministicGenerator(seed({ entropySource: () => "entropy" as unknown as Uint8Array }));
      expect(() => { wrongType.reseed(); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_RAND_ENTROPY_SOURCE" }));
    });
  });

  describe("add", () => {
    it("changes every later output, depending on exactly the data added", () => {
      const [a, b, c, d] = [0, 1, 2, 3].map(() => createDeterministicGenerator(seed()));
      if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error("unreachable");
      a.add("data", 1.0);
      b.add(new TextEncoder().encode("data"), 4);
      c.add("other", 1.0);
      const out = a.bytes(32);
      expect(out).toEqual(b.bytes(32));
      expect(out).not.toEqual(c.bytes(32));
      expect(out).not.toEqual(d.bytes(32));
    });

    it("is an SP 800-90A Reseed with fresh entropy and the data as additional input", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(9));
      const a = createDeterministicGenerator(seed({ entropySource: source }));
      const b = createDeterministicGenerator(seed({ entropySource: source }));
      a.add(Uint8Array.of(1, 2, 3), 3);
      b.reseed(Uint8Array.of(1, 2, 3));
      expect(source).toHaveBeenCalledTimes(2);
      expect(a.generate(48)).toEqual(b.generate(48));
    });

    it("discards output buffered before the data was added", () => {
      const a = createDeterministicGenerator(seed());
      const b = createDeterministicGenerator(seed());
      expect(a.bytes(16)).toEqual(b.bytes(16));
      a.add("a", 0);
      b.add("b", 0);
      expect(a.bytes(16)).not.toEqual(b.bytes(16));
    });

    it.each([
      ["a Buffer", Buffer.from("xyz")],
      ["a DataView", new DataView(new ArrayBuffer(8))],
      ["an ArrayBuffer", new ArrayBuffer(8)],
      ["a Float64Array", new Float64Array([1.5])],
      ["an empty string", ""],
    ])("accepts %s", (_label, data) => {
      expect(() => { new Generator().add(data, 0.5); }).not.toThrow();
    });

    it("reads typed-array views by their bytes, not the whole underlying buffer", () => {
      const backing = Uint8Array.of(9, 9, 1, 2, 3, 9);
      const a = createDeterministicGenerator(seed());
      const b = createDeterministicGenerator(seed());
      a.add(backing.subarray(2, 5), 3);
      b.add(Uint8Array.of(1, 2, 3), 3);
      expect(a.bytes(16)).toEqual(b.bytes(16));
    });

    it("needs an entropy source in a deterministic generator (ERR_SSLKIT_RAND_RESEED_REQUIRED)", () => {
      const drbg = createDeterministicGenerator(seed({ entropySource: undefined }));
      expect(() => { drbg.add("x", 1); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_RAND_RESEED_REQUIRED" }));
    });
  });

  describe("fork safety", () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    function changePid(): void {
      const pid = process.pid + 1000;
      vi.spyOn(process, "pid", "get").mockReturnValue(pid);
    }

    it("drops buffered output and reseeds when the pid changes", () => {
      const source = vi.fn((length: number) => new Uint8Array(length).fill(0xe0));
      const child = createDeterministicGenerator(seed({ entropySource: source }));
      const parent = createDeterministicGenerator(seed({ entropySource: source }));
      const first = child.bytes(16);
      const parentPool = parent.generate(4096);
      expect(first).toEqual(parentPool.subarray(0, 16));
      changePid();
      const afterFork = child.bytes(16);
      expect(source).toHaveBeenCalledTimes(1);
      expect(afterFork).not.toEqual(parentPool.subarray(16, 32));
      // The twin sees the same pid change: the same reseed, then a fresh 4 KiB Generate call.
      expect(afterFork).toEqual(parent.generate(4096).subarray(0, 16));
    });

    it("fails closed in a deterministic generator without an entropy source", () => {
      const drbg = createDeterministicGenerator(seed({ entropySource: undefined }));
      drbg.bytes(16);
      changePid();
      expect(drbg.status()).toBe(false);
      expect(() => drbg.bytes(16)).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_RAND_RESEED_REQUIRED" }));
    });
  });

  describe("status, isCryptographic and pseudoBytes", () => {
    it("reports an OS-seeded generator as seeded and cryptographic", () => {
      const drbg = new Generator({ personalization: "test" });
      expect(drbg.status()).toBe(true);
      expect(drbg.isCryptographic).toBe(true);
      const [bytes, strong] = drbg.pseudoBytes(20);
      expect(bytes).toHaveLength(20);
      expect(strong).toBe(true);
    });

    it("reports a deterministic generator as not cryptographic", () => {
      const drbg = createDeterministicGenerator(seed());
      expect(drbg.isCryptographic).toBe(false);
      expect(drbg.pseudoBytes(8)[1]).toBe(false);
    });
  });

  describe("constructor", () => {
    it("mixes the personalization string into the instantiation", () => {
      const a = createDeterministicGenerator(seed({ personalization: "a" }));
      const b = createDeterministicGenerator(seed({ personalization: "b" }));
      const a2 = createDeterministicGenerator(seed({ personalization: Buffer.from("a") }));
      const out = a.bytes(32);
      expect(out).not.toEqual(b.bytes(32));
      expect(out).toEqual(a2.bytes(32));
    });

    it.each([
      ["options that are not an object", 5, "ERR_INVALID_ARG_TYPE"],
      ["a numeric personalization", { personalization: 5 }, "ERR_INVALID_ARG_TYPE"],
      ["a string predictionResistance", { predictionResistance: "yes" }, "ERR_INVALID_ARG_TYPE"],
      ["a string reseedInterval", { reseedInterval: "10" }, "ERR_INVALID_ARG_TYPE"],
    ])("rejects %s", (_label, options, code) => {
      expect(() => new Generator(options as never)).toThrow(expect.objectContaining({ code }));
    });
  });
});
