import { describe, expect, it } from "vitest";
import { PEM_FOOTER, PEM_HEADER, derToPEM, pemToDER } from "@sslkit/pem";
import { readSystemCABundle, runPythonJSON } from "@sslkit/test-utils";

const H = PEM_HEADER;
const F = PEM_FOOTER;

/** Inputs CPython accepts or rejects; we follow it except where it would return garbage. */
const cases: readonly (readonly [string, string])[] = [
  ["a block with newlines", `${H}\nAAAA\n${F}\n`],
  ["a block with no newlines at all", `${H}AAAA${F}`],
  ["CRLF line breaks", `${H}\r\nAAAA\r\n${F}\r\n`],
  ["trailing white space after the footer", `${H}\nAAAA\n${F}\n \t\n`],
  ["a tab inside the body", `${H}\nAA\tAA\n${F}`],
  ["two padding characters", `${H}\nAA==\n${F}`],
  ["one padding character", `${H}\nAAA=\n${F}`],
  ["leading white space", ` ${H}\nAAAA\n${F}`],
  ["a private key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"],
  ["text after the footer", `${H}\nAAAA\n${F}\nhello`],
  ["a missing footer", `${H}\nAAAA\n`],
  ["a body of the wrong length", `${H}\nAAA\n${F}`],
  ["a non-ASCII character", `${H}\nAAAA\u00e9\n${F}`],
  ["an empty string", ""],
];

/** Where CPython silently returns wrong bytes, we throw instead (documented in the README). */
const strictlyRejected: readonly (readonly [string, string, string])[] = [
  ["characters outside base64", `${H}\n!!AAAA\n${F}`, "ERR_SSLKIT_PEM_BAD_BASE64"],
  ["data after padding", `${H}\nAA==AAAA\n${F}`, "ERR_SSLKIT_PEM_BAD_BASE64"],
  ["excess padding", `${H}\nAAAA=\n${F}`, "ERR_SSLKIT_PEM_BAD_BASE64"],
  ["an empty body", `${H}\n${F}\n`, "ERR_SSLKIT_PEM_EMPTY_BODY"],
  ["two certificates", `${H}\nAAAA\n${F}\n${H}\nAAAA\n${F}\n`, "ERR_SSLKIT_PEM_MULTIPLE_BLOCKS"],
  ["RFC 1421 headers", `${H}\nProc-Type: 4,ENCRYPTED\n\nAAAA\n${F}\n`, "ERR_SSLKIT_PEM_BAD_BASE64"],
];

const PYTHON_PEM_TO_DER = `
import json, ssl, sys
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"ok": ssl.PEM_cert_to_DER_cert(text).hex()})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

type PythonResult = { ok: string } | { error: string };

function ourResult(text: string): PythonResult {
  try {
    return { ok: Buffer.from(pemToDER(text)).toString("hex") };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

describe("pemToDER", () => {
  it("accepts and rejects exactly what CPython's PEM_cert_to_DER_cert does", async () => {
    const expected = await runPythonJSON<PythonResult[]>(PYTHON_PEM_TO_DER, [], JSON.stringify(cases.map(([, text]) => text)));
    cases.forEach(([name, text], index) => {
      const ours = ourResult(text);
      const theirs = expected[index];
      if (theirs && "ok" in theirs) expect(ours, name).toEqual(theirs);
      else expect(ours, name).toHaveProperty("error");
    });
  });

  it.each(strictlyRejected)("rejects %s, where CPython would return garbage", (_name, text, code) => {
    expect(() => pemToDER(text)).toThrow(expect.objectContaining({ code }));
  });

  it("says where the bad character is", () => {
    expect(() => pemToDER(`${H}\nAAAA\nAA*A\n${F}`)).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_BAD_BASE64", line: 3 }));
  });

  it("names CPython's reasons for a missing header or footer", () => {
    expect(() => pemToDER("hello")).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_NO_BLOCK", message: `Invalid PEM encoding; must start with ${H}` }));
    expect(() => pemToDER(`${H}\nAAAA`)).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_MISSING_END" }));
  });

  it.each([42, null, undefined, new Uint8Array(4), {}])("throws ERR_INVALID_ARG_TYPE for %o", (value) => {
    expect(() => pemToDER(value as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("derToPEM", () => {
  it("produces byte-identical output to CPython's DER_cert_to_PEM_cert for every length up to 200", async () => {
    const inputs = Array.from({ length: 201 }, (_, n) => Buffer.from(Array.from({ length: n }, (_unused, i) => (i * 37 + n) & 0xff)).toString("hex"));
    const expected = await runPythonJSON<string[]>(
      "import json, ssl, sys; print(json.dumps([ssl.DER_cert_to_PEM_cert(bytes.fromhex(h)) for h in json.load(sys.stdin)]))",
      [],
      JSON.stringify(inputs),
    );
    inputs.forEach((hex, index) => {
      expect(derToPEM(Buffer.from(hex, "hex"))).toBe(expected[index]);
    });
  });

  it("round-trips every certificate of the system CA bundle, equal to CPython's output", async () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const pems = bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
    expect(pems.length).toBeGreaterThan(50);
    const theirs = await runPythonJSON<string[]>(
      "import json, ssl, sys; print(json.dumps([ssl.DER_cert_to_PEM_cert(ssl.PEM_cert_to_DER_cert(p)).strip() for p in json.load(sys.stdin)]))",
      [],
      JSON.stringify(pems),
    );
    pems.forEach((pem, index) => {
      const der = pemToDER(pem);
      expect(derToPEM(der).trim()).toBe(theirs[index]);
      expect(pemToDER(derToPEM(der))).toEqual(der);
    });
  });

  it("accepts an ArrayBuffer and any typed-array view, as Python accepts any bytes-like object", () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(derToPEM(bytes.buffer)).toBe(derToPEM(bytes));
    expect(derToPEM(new DataView(bytes.buffer))).toBe(derToPEM(bytes));
  });

  it.each(["text", 42, null, [1, 2, 3]])("throws ERR_INVALID_ARG_TYPE for %o", (value) => {
    expect(() => derToPEM(value as unknown as Uint8Array)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
