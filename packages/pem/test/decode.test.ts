import { describe, expect, it } from "vitest";
import { decodePEM, encodePEM } from "@sslkit/pem";
import { makeTempDir, readSystemCABundle, runOpenSSL } from "@sslkit/test-utils";

const cert = (body = "AAAA", label = "CERTIFICATE") => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

describe("decodePEM", () => {
  it("splits the system CA bundle into the same DER that openssl produces", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const blocks = decodePEM(bundle);
    expect(blocks.length).toBe((bundle.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length);
    expect(new Set(blocks.map((b) => b.label))).toEqual(new Set(["CERTIFICATE"]));
    const dir = makeTempDir();
    try {
      const last = blocks.at(-1)!;
      const der = await runOpenSSL(["x509", "-outform", "der"], bundle.slice(last.start, last.end));
      expect(last.der).toEqual(new Uint8Array(der));
    } finally {
      dir.remove();
    }
  });

  it("returns labels, headers and offsets of every block, in order, ignoring text between them", () => {
    const text =
      "Subject: example\n" +
      cert("AQID") +
      "some explanatory text\n" +
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nBAUG\n-----END RSA PRIVATE KEY-----\n" +
      "trailer";
    const blocks = decodePEM(text);
    expect(blocks.map((b) => b.label)).toEqual(["CERTIFICATE", "RSA PRIVATE KEY"]);
    expect(blocks[0]!.der).toEqual(new Uint8Array([1, 2, 3]));
    expect(blocks[0]!.headers).toEqual({});
    expect(blocks[1]!.headers).toEqual({ "Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF" });
    expect(blocks[1]!.der).toEqual(new Uint8Array([4, 5, 6]));
    expect(text.slice(blocks[0]!.start, blocks[0]!.end)).toBe(cert("AQID"));
    expect(text.slice(blocks[1]!.start).startsWith("-----BEGIN RSA PRIVATE KEY-----")).toBe(true);
    expect(text.slice(blocks[1]!.end)).toBe("trailer");
  });

  it("joins folded header lines as RFC 1421 allows", () => {
    const [block] = decodePEM("-----BEGIN X-----\nComment: first\n  second\n\nAAAA\n-----END X-----\n");
    expect(block!.headers).toEqual({ Comment: "firstsecond" });
  });

  it.each([
    ["CRLF line breaks", "-----BEGIN CERTIFICATE-----\r\nAQID\r\n-----END CERTIFICATE-----\r\n"],
    ["CR-only line breaks", "-----BEGIN CERTIFICATE-----\rAQID\r-----END CERTIFICATE-----\r"],
    ["no final newline", "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----"],
    ["trailing spaces on lines", "-----BEGIN CERTIFICATE-----  \nAQID  \n-----END CERTIFICATE-----  \n"],
    ["76-column MIME lines", `-----BEGIN CERTIFICATE-----\n${"AQID".repeat(19)}\nAQID\n-----END CERTIFICATE-----\n`],
  ])("tolerates %s as OpenSSL does", (_name, text) => {
    const [block] = decodePEM(text);
    expect(block!.der.subarray(0, 3)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("reads bytes as Latin-1 so offsets are byte offsets", () => {
    const bytes = new Uint8Array([0xe9, 0x0a, ...new TextEncoder().encode(cert("AQID"))]);
    const [block] = decodePEM(bytes);
    expect(block!.start).toBe(2);
    expect(block!.end).toBe(bytes.length);
  });

  it("returns an empty list for text without blocks", () => {
    expect(decodePEM("just some text\n")).toEqual([]);
    expect(decodePEM("")).toEqual([]);
  });

  it.each([
    ["mismatched BEGIN/END labels", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n", "ERR_SSLKIT_PEM_LABEL_MISMATCH", 3],
    ["a truncated block", "-----BEGIN CERTIFICATE-----\nAAAA\nAAAA\n", "ERR_SSLKIT_PEM_MISSING_END", 1],
    ["a nested BEGIN", "-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_NESTED_BEGIN", 3],
    ["an END without BEGIN", "text\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_UNMATCHED_END", 2],
    ["a damaged BEGIN line", "-----BEGIN CERTIFICATE----\nAAAA\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_BAD_LABEL", 1],
    ["a label with a double space", "-----BEGIN A  B-----\nAAAA\n-----END A  B-----\n", "ERR_SSLKIT_PEM_BAD_LABEL", 1],
    ["a non-base64 body", "-----BEGIN CERTIFICATE-----\nAAAA\nAA$A\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_BAD_BASE64", 3],
    ["a truncated base64 body", "-----BEGIN CERTIFICATE-----\nAAAAA\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_BAD_BASE64", 3],
    ["data after padding", "-----BEGIN CERTIFICATE-----\nAA==\nAAAA\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_BAD_BASE64", 3],
    ["an empty body", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "ERR_SSLKIT_PEM_EMPTY_BODY", 1],
    ["a header line without a colon", "-----BEGIN X-----\nProc-Type: 4\nbroken\nAAAA\n-----END X-----\n", "ERR_SSLKIT_PEM_BAD_HEADER", 3],
    ["duplicate headers", "-----BEGIN X-----\nA: 1\nA: 2\n\nAAAA\n-----END X-----\n", "ERR_SSLKIT_PEM_BAD_HEADER", 3],
    ["a good block followed by a broken one", `${cert()}-----BEGIN CERTIFICATE-----\nAA\n`, "ERR_SSLKIT_PEM_MISSING_END", 4],
  ])("rejects %s", (_name, text, code, line) => {
    expect(() => decodePEM(text)).toThrow(expect.objectContaining({ code, line, name: "PEMError" }));
  });

  it("rejects input larger than maxLength before reading it", () => {
    expect(() => decodePEM(cert(), { maxLength: 10 })).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_TOO_LARGE" }));
  });

  it("decodes a 16 MiB block", () => {
    const der = new Uint8Array(16 * 1024 * 1024).map((_, i) => i & 0xff);
    const [block] = decodePEM(encodePEM(der, "BLOB"));
    // Compared natively: a deep equality over 16M elements is needlessly slow.
    expect(Buffer.compare(block!.der, der)).toBe(0);
  });

  it.each([42, null, {}, ["text"]])("throws ERR_INVALID_ARG_TYPE for %o", (value) => {
    expect(() => decodePEM(value as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("rejects a negative maxLength with ERR_OUT_OF_RANGE", () => {
    expect(() => decodePEM("", { maxLength: -1 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});

describe("decodePEM in strict RFC 7468 mode", () => {
  const strictBody = `${"A".repeat(64)}\n${"A".repeat(8)}\n`;

  it("accepts what encodePEM writes", () => {
    expect(decodePEM(`text before\n-----BEGIN X-----\n${strictBody}-----END X-----\n`, { strict: true })).toHaveLength(1);
  });

  it.each([
    ["76-column lines", `-----BEGIN X-----\n${"A".repeat(76)}\n-----END X-----\n`],
    ["white space in a line", "-----BEGIN X-----\nAA AA\n-----END X-----\n"],
    ["headers", `-----BEGIN X-----\nA: b\n\n${strictBody}-----END X-----\n`],
    ["a BEGIN line that does not start a line", `x -----BEGIN X-----\n${strictBody}-----END X-----\n`],
    ["an END line that does not start a line", `-----BEGIN X-----\n${"A".repeat(8)}-----END X-----\n`],
    ["trailing white space after the BEGIN line", `-----BEGIN X----- \n${strictBody}-----END X-----\n`],
  ])("rejects %s", (_name, text) => {
    expect(() => decodePEM(text, { strict: true })).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_NOT_STRICT" }));
  });
});
