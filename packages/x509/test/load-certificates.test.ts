import { describe, expect, it } from "vitest";
import { loadCertificates } from "@sslkit/x509";
import { readSystemCABundle } from "@sslkit/test-utils";
import { buildCertificate, cn, toPEM } from "./support/der-builder.js";

const first = buildCertificate({ subject: cn("first") });
const second = buildCertificate({ subject: cn("second") });

describe("loadCertificates", () => {
  it("loads every certificate of the system CA bundle", () => {
    const bundle = readSystemCABundle();
    if (bundle === undefined) return;
    const certs = loadCertificates(bundle);
    expect(certs.length).toBe(bundle.split("-----BEGIN CERTIFICATE-----").length - 1);
  });

  it("reads PEM with text between blocks and skips other block types", () => {
    const text = `Bag Attributes: junk\n${toPEM(first)}some words\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${toPEM(second)}trailing`;
    expect(loadCertificates(text).map((c) => c.subjectString)).toEqual(["CN=first", "CN=second"]);
    expect(loadCertificates(new TextEncoder().encode(text))).toHaveLength(2);
  });

  it("reads PEM bytes whose text starts with the SEQUENCE tag byte (\"0\")", () => {
    const text = `0 certificates follow\n${toPEM(first)}${toPEM(second)}`;
    expect(loadCertificates(new TextEncoder().encode(text)).map((c) => c.subjectString)).toEqual(["CN=first", "CN=second"]);
  });

  it("reads concatenated DER", () => {
    const der = new Uint8Array([...first, ...second, ...first]);
    expect(loadCertificates(der).map((c) => c.subjectString)).toEqual(["CN=first", "CN=second", "CN=first"]);
  });

  it("returns an empty list for empty input or PEM without certificates", () => {
    expect(loadCertificates("")).toEqual([]);
    expect(loadCertificates("no pem here")).toEqual([]);
  });

  it("rejects truncated DER and garbage after the last certificate", () => {
    expect(() => loadCertificates(new Uint8Array([...first, ...second.subarray(0, 20)]))).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_TRUNCATED", offset: first.length }));
    expect(() => loadCertificates(new Uint8Array([...first, 0x30]))).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_X509_TRUNCATED" }));
  });

  it("rejects a damaged PEM block with the PEM error", () => {
    expect(() => loadCertificates("-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n")).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_PEM_BAD_BASE64" }));
  });

  it("rejects arguments that are neither strings nor bytes", () => {
    expect(() => loadCertificates(null as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
