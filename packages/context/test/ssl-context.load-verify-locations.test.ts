import { copyFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, SSLContext, getDefaultVerifyPaths } from "@sslkit/context";
import { pemToDER } from "@sslkit/pem";
import { subjectNameHash } from "@sslkit/x509";
import { SYSTEM_CA_BUNDLE_PATH, makeTestPKI, runOpenSSL, runProcess, runPythonJSON } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { connectWith, serveWith } from "./helpers/peers.js";
import type { NodeServer } from "./helpers/peers.js";

let pki: TestPKI;
let server: NodeServer;
let chainedServer: NodeServer;
const savedEnv = { SSL_CERT_FILE: process.env["SSL_CERT_FILE"], SSL_CERT_DIR: process.env["SSL_CERT_DIR"] };

beforeAll(async () => {
  pki = makeTestPKI();
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  server = await serveWith(context);
  const chained = new SSLContext(PROTOCOL_TLS_SERVER);
  chained.loadCertChain(pki.chainedServer.certPath, pki.chainedServer.keyPath);
  chainedServer = await serveWith(chained);
});
afterAll(async () => {
  await Promise.all([server.close(), chainedServer.close()]);
  pki.dir.remove();
});
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
});

function bare(): SSLContext {
  return new SSLContext(PROTOCOL_TLS_CLIENT);
}

/** A fresh OpenSSL hashed directory holding the root CA as `<hash>.0`. */
async function hashedDir(name: string): Promise<string> {
  const dir = pki.dir.file(name);
  mkdirSync(dir, { recursive: true });
  const hash = (await runOpenSSL(["x509", "-hash", "-noout", "-in", pki.ca.certPath])).toString().trim();
  copyFileSync(pki.ca.certPath, `${dir}/${hash}.0`);
  return dir;
}

const PYTHON_STORE = `
import base64, json, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
kind, value = sys.argv[1], sys.argv[2]
if kind == "cafile": ctx.load_verify_locations(cafile=value)
elif kind == "default": ctx.load_default_certs()
print(json.dumps({"stats": ctx.cert_store_stats(), "dicts": ctx.get_ca_certs(),
                  "ders": sorted(base64.b64encode(d).decode() for d in ctx.get_ca_certs(True))}))
`;

interface PythonStore {
  readonly stats: unknown;
  readonly dicts: unknown[];
  readonly ders: string[];
}

describe("SSLContext.loadVerifyLocations", () => {
  it("trusts the CAs of a caFile in a real handshake, which fails without them", async () => {
    await expect(connectWith(bare(), server.port, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
    const context = bare();
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("trusts caData given as PEM text", async () => {
    const context = bare();
    context.loadVerifyLocations({ caData: pki.ca.cert });
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("trusts caData given as concatenated DER certificates", async () => {
    const context = bare();
    context.loadVerifyLocations({ caData: Buffer.concat([pemToDER(pki.intermediate.cert), pemToDER(pki.ca.cert)]) });
    expect(context.certStoreStats()).toEqual({ x509: 2, crl: 0, x509_ca: 2 });
    await expect(connectWith(context, chainedServer.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("finds a CA in an OpenSSL hashed directory (caPath)", async () => {
    const context = bare();
    context.loadVerifyLocations({ caPath: await hashedDir("hashed") });
    expect(context.certStoreStats()).toEqual({ x509: 0, crl: 0, x509_ca: 0 });
    expect(context.getCaCerts()).toEqual([]);
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("trusts a caPath entry only under its OpenSSL subject-name hash, as OpenSSL's lookup", async () => {
    const dir = pki.dir.file("misnamed");
    mkdirSync(dir, { recursive: true });
    copyFileSync(pki.ca.certPath, `${dir}/00000000.0`);
    const context = bare();
    context.loadVerifyLocations({ caPath: dir });
    await expect(connectWith(context, server.port, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
  });

  it("would find every CA of /etc/ssl/certs: each <hash>.<n> name is the subject-name hash it is looked up by", () => {
    const names = readdirSync("/etc/ssl/certs").filter((name) => /^[0-9a-f]{8}\.\d+$/.test(name));
    expect(names.length).toBeGreaterThan(100);
    const mismatched = names.filter((name) => {
      const pem = readFileSync(`/etc/ssl/certs/${name}`, "utf8");
      return subjectNameHash(pem).toString(16).padStart(8, "0") !== name.slice(0, 8);
    });
    expect(mismatched).toEqual([]);
  });

  it("uses /etc/ssl/certs as a caPath: the system CAs do not vouch for the test CA", async () => {
    const context = bare();
    context.loadVerifyLocations({ caPath: "/etc/ssl/certs" });
    await expect(connectWith(context, server.port, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
    context.loadVerifyLocations({ caPath: await hashedDir("hashed-2") });
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("counts and lists the store like Python's cert_store_stats() and get_ca_certs()", async () => {
    const mixed = pki.dir.file("mixed.pem");
    copyFileSync(pki.ca.certPath, mixed);
    const context = bare();
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
    context.loadVerifyLocations({ caData: pki.server.cert });
    expect(context.certStoreStats()).toEqual({ x509: 2, crl: 0, x509_ca: 1 });
    const python = await runPythonJSON<PythonStore>(PYTHON_STORE, ["cafile", pki.ca.certPath]);
    expect(context.getCaCerts()).toEqual(python.dicts);
    expect(context.getCaCerts(true).map((der) => Buffer.from(der).toString("base64"))).toEqual(python.ders);
  });

  it("loads the system bundle exactly as Python does", async () => {
    const context = bare();
    context.loadVerifyLocations({ caFile: SYSTEM_CA_BUNDLE_PATH });
    const python = await runPythonJSON<PythonStore>(PYTHON_STORE, ["cafile", SYSTEM_CA_BUNDLE_PATH]);
    expect(context.certStoreStats()).toEqual(python.stats);
    expect(context.getCaCerts(true).map((der) => Buffer.from(der).toString("base64")).sort()).toEqual(python.ders);
  });

  it("loads a CRL from a caFile", () => {
    pki.revoke(pki.expired.certPath);
    const context = bare();
    context.loadVerifyLocations({ caFile: pki.dir.file("revoked.crl") });
    expect(context.certStoreStats()).toEqual({ x509: 0, crl: 1, x509_ca: 0 });
  });

  it("requires at least one location", () => {
    expect(() => { bare().loadVerifyLocations({}); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it.each([
    ["a missing caFile", () => ({ caFile: pki.dir.file("missing.pem") }), "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND", /missing\.pem/],
    ["a missing caPath", () => ({ caPath: pki.dir.file("missing-dir") }), "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND", /missing-dir/],
    ["a caFile without certificates", () => ({ caFile: pki.server.keyPath }), "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE", /^\[X509: NO_CERTIFICATE_OR_CRL_FOUND\] no certificate or crl found/],
    ["caData text without certificates", () => ({ caData: "garbage" }), "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE", /no start line: cadata does not contain a certificate/],
    ["caData bytes that are not DER", () => ({ caData: Buffer.from("garbage") }), "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE", /not enough data: cadata does not contain a certificate/],
    ["caData with truncated DER", () => ({ caData: pemToDER(pki.ca.cert).subarray(0, 100) }), "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE", /not enough data/],
    ["caData with DER after a certificate that is cut", () => ({ caData: Buffer.concat([pemToDER(pki.ca.cert), Buffer.from([0x30, 0x82, 0x01])]) }), "ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE", /at byte \d+/],
    ["caData DER that is not a certificate", () => ({ caData: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) }), "ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE", /not an X\.509 certificate/],
  ] as const)("refuses %s with a clear error", (_label, locations, code, message) => {
    expect(() => { bare().loadVerifyLocations(locations()); }).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) as string }));
  });

  it.each([[{ caFile: 1 }], [{ caPath: true }], [{ caData: 5 }], [null]])("rejects %j", (locations) => {
    expect(() => { bare().loadVerifyLocations(locations as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("SSLContext.setDefaultVerifyPaths", () => {
  it("honours SSL_CERT_FILE and SSL_CERT_DIR", async () => {
    process.env["SSL_CERT_FILE"] = pki.ca.certPath;
    process.env["SSL_CERT_DIR"] = pki.dir.file("no-such-dir");
    const byFile = bare();
    byFile.setDefaultVerifyPaths();
    expect(byFile.certStoreStats()).toEqual({ x509: 1, crl: 0, x509_ca: 1 });
    await expect(connectWith(byFile, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });

    process.env["SSL_CERT_FILE"] = pki.dir.file("no-such-file");
    process.env["SSL_CERT_DIR"] = await hashedDir("env-dir");
    const byDir = bare();
    byDir.setDefaultVerifyPaths();
    expect(byDir.certStoreStats()).toEqual({ x509: 0, crl: 0, x509_ca: 0 });
    await expect(connectWith(byDir, server.port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });
});

describe("SSLContext.loadDefaultCerts", () => {
  it("loads the same system store as Python's load_default_certs()", async () => {
    const context = bare();
    context.loadDefaultCerts();
    const python = await runPythonJSON<PythonStore>(PYTHON_STORE, ["default", "-"]);
    expect(context.certStoreStats()).toEqual(python.stats);
  });
});

describe("getDefaultVerifyPaths", () => {
  const PYTHON_PATHS = "import json, ssl; p = ssl.get_default_verify_paths(); print(json.dumps(list(p)))";

  it.each([
    ["the inherited environment", {}],
    ["SSL_CERT_FILE and SSL_CERT_DIR pointing nowhere", { SSL_CERT_FILE: "/nonexistent/file.pem", SSL_CERT_DIR: "/nonexistent" }],
    ["SSL_CERT_FILE and SSL_CERT_DIR unset", { SSL_CERT_FILE: undefined, SSL_CERT_DIR: undefined }],
  ] as const)("equals Python's with %s", async (_label, overrides: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
    const result = await runProcess("python3", ["-c", PYTHON_PATHS], { env: { ...process.env } });
    const python = JSON.parse(result.stdout.toString()) as unknown[];
    const ours = getDefaultVerifyPaths();
    expect([ours.caFile, ours.caPath, ours.opensslCAFileEnv, ours.opensslCAFile, ours.opensslCAPathEnv, ours.opensslCAPath]).toEqual(python);
  });
});
