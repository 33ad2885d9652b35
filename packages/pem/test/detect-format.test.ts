import { describe, expect, it } from "vitest";
import { derToPEM, detectFormat, pemToDER } from "@sslkit/pem";
import { readSystemCABundle } from "@sslkit/test-utils";

const bundle = readSystemCABundle();
const firstPEM = bundle?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/)?.[0];

describe("detectFormat", () => {
  it("recognises a PEM file as text or bytes, even after a preamble", () => {
    const pem = `# comment\n${derToPEM(new Uint8Array([0x30, 0x00]))}`;
    expect(detectFormat(pem)).toBe("pem");
    expect(detectFormat(new TextEncoder().encode(pem))).toBe("pem");
  });

  it("recognises one DER certificate and several concatenated", () => {
    if (firstPEM === undefined) return;
    const der = pemToDER(firstPEM);
    expect(detectFormat(der)).toBe("der");
    expect(detectFormat(new Uint8Array([...der, ...der]))).toBe("der");
  });

  it.each([
    ["an empty input", new Uint8Array(0)],
    ["a SEQUENCE whose length runs past the end", new Uint8Array([0x30, 0x05, 0x01])],
    ["a SEQUENCE followed by junk", new Uint8Array([0x30, 0x00, 0xff])],
    ["a non-minimal long-form length", new Uint8Array([0x30, 0x81, 0x01, 0x00])],
    ["an indefinite (BER) length", new Uint8Array([0x30, 0x80, 0x00, 0x00])],
    ["an INTEGER, not a SEQUENCE", new Uint8Array([0x02, 0x01, 0x00])],
    ["random text", new TextEncoder().encode("hello world")],
  ])("answers unknown for %s", (_name, bytes) => {
    expect(detectFormat(bytes)).toBe("unknown");
  });

  it("answers unknown for text without a BEGIN line", () => {
    expect(detectFormat("hello")).toBe("unknown");
  });

  it("throws ERR_INVALID_ARG_TYPE for other values", () => {
    expect(() => detectFormat(42 as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
