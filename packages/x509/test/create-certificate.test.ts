import { writeFileSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import * as tls from "node:tls";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createCertificate, createKeyPair, matchHostname } from "@sslkit/x509";
import type { CreateCertificateOptions, CreateCertificateResult, HostnameCertDict, KeyType } from "@sslkit/x509";
import { makeTempDir, runOpenSSL, runProcess, runPythonJSON } from "@sslkit/test-utils";

const KEY_TYPES: readonly KeyType[] = ["ec-p256", "ec-p384", "ed25519", "rsa-2048", "rsa-3072", "rsa-4096"];
const dir = makeTempDir("sslkit-x509-create-");
let fileCounter = 0;

/** Writes PEM text to a fresh file and returns its path. */
function file(text: string): string {
  const path = dir.file(`f${fileCounter++}.pem`);
  writeFileSync(path, text);
  return path;
}

interface Chain {
  readonly root: CreateCertificateResult;
  readonly intermediate: CreateCertificateResult;
  readonly leaf: CreateCertificateResult;
}

const chains = new Map<KeyType, Promise<Chain>>();

/** A root → intermediate (pathLength 0) → leaf chain whose keys are all of one type, made once. */
function chainOf(keyType: KeyType): Promise<Chain> {
  let chain = chains.get(keyType);
  if (chain === undefined) {
    chain = (async () => {
      const root = await createCertificate({ subject: { commonName: `sslkit ${keyType} root`, organizationName: "sslkit" }, isCA: true, keyType });
      const intermediate = await createCertificate({
        subject: { commonName: `sslkit ${keyType} intermediate` },
        issuer: root,
        isCA: true,
        pathLength: 0,
        keyType,
      });
      const leaf = await createCertificate({
        subject: { commonName: "localhost" },
        issuer: intermediate,
        keyType,
        subjectAltNames: [
          { type: "dns", value: "localhost" },
          { type: "ip", value: "127.0.0.1" },
          { type: "ip", value: "::1" },
        ],
      });
      return { root, intermediate, leaf };
    })();
    chains.set(keyType, chain);
  }
  return chain;
}

/** Runs `openssl verify -x509_strict` (plain `openssl verify` with `strict: false`). */
async function opensslVerify(args: readonly string[], strict = true): Promise<{ ok: boolean; output: string }> {
  const result = await runProcess("openssl", ["verify", ...(strict ? ["-x509_strict"] : []), ...args]);
  return { ok: result.status === 0, output: result.stdout.toString() + result.stderr };
}

type PythonDict = HostnameCertDict & Record<string, unknown>;

async function pythonDecode(pem: string): Promise<PythonDict> {
  return runPythonJSON<PythonDict>("import json, ssl, sys; print(json.dumps(ssl._ssl._test_decode_cert(sys.argv[1])))", [file(pem)]);
}

const servers: tls.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(() => {
  dir.remove();
});

/** Serves `serverOptions` on 127.0.0.1:0 and connects with full verification; resolves what the client saw. */
async function handshake(serverOptions: tls.TlsOptions, clientOptions: tls.ConnectionOptions): Promise<{ authorized: boolean; data: string; peerCN: unknown; serverSawClient: boolean }> {
  let serverSawClient = false;
  const server = tls.createServer(serverOptions, (socket) => {
    serverSawClient = socket.authorized;
    socket.end("hello");
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const socket = tls.connect({ host: "127.0.0.1", port, rejectUnauthorized: true, ...clientOptions });
  await once(socket, "secureConnect");
  const peerCN = socket.getPeerCertificate().subject.CN;
  let data = "";
  socket.setEncoding("utf8");
  for await (const chunk of socket) data += chunk as string;
  return { authorized: socket.authorized, data, peerCN, serverSawClient };
}

describe("createCertificate", () => {
  it.each(KEY_TYPES)("makes a %s root → intermediate → leaf chain that `openssl verify -x509_strict` accepts", async (keyType) => {
    const { root, intermediate, leaf } = await chainOf(keyType);
    const result = await opensslVerify(["-CAfile", file(root.certificate), "-untrusted", file(intermediate.certificate), file(leaf.certificate)]);
    expect(result.output).toMatch(/: OK\n$/);
    expect(result.ok).toBe(true);
  }, 60_000);

  it.each(KEY_TYPES)("makes a %s chain that node:tls verifies in a real handshake, by name and by IP", async (keyType) => {
    const { root, intermediate, leaf } = await chainOf(keyType);
    const serverOptions = { cert: leaf.certificate + intermediate.certificate, key: leaf.privateKey };
    const byName = await handshake(serverOptions, { ca: root.certificate, servername: "localhost" });
    expect(byName).toMatchObject({ authorized: true, data: "hello", peerCN: "localhost" });
    const byIP = await handshake(serverOptions, { ca: root.certificate });
    expect(byIP).toMatchObject({ authorized: true, data: "hello" });
  }, 60_000);

  it("makes client certificates that a server requiring them accepts (mutual TLS)", async () => {
    const { root, intermediate, leaf } = await chainOf("ec-p256");
    const client = await createCertificate({ subject: { commonName: "sslkit client" }, issuer: root, extendedKeyUsage: ["clientAuth"] });
    const result = await handshake(
      { cert: leaf.certificate + intermediate.certificate, key: leaf.privateKey, ca: root.certificate, requestCert: true, rejectUnauthorized: true },
      { ca: root.certificate, servername: "localhost", cert: client.certificate, key: client.privateKey },
    );
    expect(result).toMatchObject({ authorized: true, serverSawClient: true, data: "hello" });
  });

  it("signs across key types (an RSA root over an Ed25519 intermediate over a P-384 leaf)", async () => {
    const root = await createCertificate({ subject: { commonName: "rsa root" }, isCA: true, keyType: "rsa-2048" });
    const intermediate = await createCertificate({ subject: { commonName: "ed intermediate" }, isCA: true, issuer: root, keyType: "ed25519" });
    const leaf = await createCertificate({ subject: { commonName: "p384 leaf" }, issuer: intermediate, keyType: "ec-p384" });
    const result = await opensslVerify(["-CAfile", file(root.certificate), "-untrusted", file(intermediate.certificate), file(leaf.certificate)]);
    expect(result.output).toMatch(/: OK\n$/);
    const text = (await runOpenSSL(["x509", "-noout", "-text"], intermediate.certificate)).toString();
    expect(text).toContain("Signature Algorithm: sha256WithRSAEncryption");
    expect((await runOpenSSL(["x509", "-noout", "-text"], leaf.certificate)).toString()).toContain("Signature Algorithm: ED25519");
  });

  it("writes names, SANs, EKUs, validity and serial that CPython decodes as given", async () => {
    const { root } = await chainOf("ec-p256");
    const notBefore = new Date("2001-02-03T04:05:06.789Z");
    const notAfter = new Date("2051-06-07T08:09:10Z");
    const leaf = await createCertificate({
      subject: { countryName: "DE", stateOrProvinceName: "Berlin", localityName: "Berlin", organizationName: "Bücher & Co", organizationalUnitName: "QA", commonName: "www.example.org", emailAddress: "qa@example.org" },
      issuer: root,
      serialNumber: 0x0123456789abcdefn,
      validity: { notBefore, notAfter },
      subjectAltNames: [
        { type: "dns", value: "www.example.org" },
        { type: "dns", value: "*.example.net" },
        { type: "ip", value: "192.0.2.7" },
        { type: "ip", value: "2001:db8::1" },
        { type: "email", value: "admin@example.org" },
        { type: "uri", value: "https://example.org/" },
      ],
    });
    expect(leaf.serialNumber).toBe("0123456789ABCDEF");
    expect(leaf.notBefore).toEqual(new Date("2001-02-03T04:05:06Z"));
    const dict = await pythonDecode(leaf.certificate);
    expect(dict).toMatchObject({
      subject: [
        [["countryName", "DE"]],
        [["stateOrProvinceName", "Berlin"]],
        [["localityName", "Berlin"]],
        [["organizationName", "Bücher & Co"]],
        [["organizationalUnitName", "QA"]],
        [["commonName", "www.example.org"]],
        [["emailAddress", "qa@example.org"]],
      ],
      issuer: [[["organizationName", "sslkit"]], [["commonName", "sslkit ec-p256 root"]]],
      version: 3,
      serialNumber: "0123456789ABCDEF",
      notBefore: "Feb  3 04:05:06 2001 GMT",
      notAfter: "Jun  7 08:09:10 2051 GMT",
      subjectAltName: [
        ["DNS", "www.example.org"],
        ["DNS", "*.example.net"],
        ["IP Address", "192.0.2.7"],
        ["IP Address", "2001:DB8:0:0:0:0:0:1"],
        ["email", "admin@example.org"],
        ["URI", "https://example.org/"],
      ],
    });
    // The dict CPython returns is what matchHostname takes.
    expect(() => { matchHostname(dict, "a.example.net"); }).not.toThrow();
    expect(() => { matchHostname(dict, "2001:db8:0::1"); }).not.toThrow();
    expect(() => { matchHostname(dict, "example.org"); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_HOSTNAME_MISMATCH" }));
    const text = (await runOpenSSL(["x509", "-noout", "-text"], leaf.certificate)).toString();
    expect(text).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature\n/);
    expect(text).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toContain("X509v3 Subject Key Identifier");
    expect(text).toContain("X509v3 Authority Key Identifier");
  });

  it("marks CAs with a critical basicConstraints, pathlen and certificate-signing key usage", async () => {
    const { intermediate } = await chainOf("ec-p256");
    const text = (await runOpenSSL(["x509", "-noout", "-text"], intermediate.certificate)).toString();
    expect(text).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, Certificate Sign, CRL Sign/);
    expect(text).not.toContain("Extended Key Usage");
  });

  it("enforces the pathLength it writes: openssl rejects a CA under a pathLength-0 intermediate", async () => {
    const { root, intermediate } = await chainOf("ec-p256");
    const sub = await createCertificate({ subject: { commonName: "too deep" }, issuer: intermediate, isCA: true });
    const leaf = await createCertificate({ subject: { commonName: "leaf" }, issuer: sub });
    const result = await opensslVerify(["-CAfile", file(root.certificate), "-untrusted", file(intermediate.certificate + sub.certificate), file(leaf.certificate)]);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("path length constraint exceeded");
  });

  it("honours validity: openssl reports an expired and a not-yet-valid certificate", async () => {
    const { root } = await chainOf("ec-p256");
    const expired = await createCertificate({ subject: { commonName: "old" }, issuer: root, validity: { notBefore: new Date("2010-01-01T00:00:00Z"), notAfter: new Date("2011-01-01T00:00:00Z") } });
    const future = await createCertificate({ subject: { commonName: "new" }, issuer: root, validity: { notBefore: new Date("2090-01-01T00:00:00Z") } });
    expect((await opensslVerify(["-CAfile", file(root.certificate), file(expired.certificate)])).output).toContain("certificate has expired");
    expect((await opensslVerify(["-CAfile", file(root.certificate), file(future.certificate)])).output).toContain("certificate is not yet valid");
    expect(future.notAfter.getTime() - future.notBefore.getTime()).toBe(365 * 86_400_000);
  });

  it("signs with an issuer given only as PEM text, even one made by openssl", async () => {
    const key = dir.file("openssl-ca.key");
    const cert = dir.file("openssl-ca.pem");
    await runOpenSSL(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=openssl CA", "-days", "2"]);
    const { readFileSync } = await import("node:fs");
    const issuer = { certificate: readFileSync(cert, "utf8"), privateKey: readFileSync(key, "utf8") };
    const leaf = await createCertificate({ subject: { commonName: "leaf" }, issuer });
    // openssl req writes no keyUsage into its CA, which -x509_strict would reject.
    expect((await opensslVerify(["-CAfile", cert, file(leaf.certificate)], false)).output).toMatch(/: OK\n$/);
    expect((await runOpenSSL(["x509", "-noout", "-text"], leaf.certificate)).toString()).toContain("ecdsa-with-SHA384");
    const { root } = await chainOf("rsa-2048");
    const fromPEM = await createCertificate({ subject: { commonName: "leaf" }, issuer: { certificate: root.certificate, privateKey: root.privateKey } });
    expect((await opensslVerify(["-CAfile", file(root.certificate), file(fromPEM.certificate)])).output).toMatch(/: OK\n$/);
  });

  it("reuses a given key pair, and makes a unique positive 16-byte serial otherwise", async () => {
    const keyPair = await createKeyPair("ed25519");
    const a = await createCertificate({ subject: { commonName: "a" }, keyPair });
    const b = await createCertificate({ subject: { commonName: "b" }, keyPair });
    expect(a.privateKey).toBe(keyPair.privateKeyPEM);
    expect(b.keyPair).toBe(keyPair);
    expect(a.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    const serial = (await runOpenSSL(["x509", "-noout", "-serial"], a.certificate)).toString();
    expect(serial).toBe(`serial=${a.serialNumber}\n`);
  });

  it("rejects an issuer private key that does not belong to the issuer certificate", async () => {
    const { root } = await chainOf("ec-p256");
    const other = await createKeyPair("ec-p256");
    await expect(createCertificate({ subject: { commonName: "x" }, issuer: { certificate: root.certificate, privateKey: other.privateKeyPEM } })).rejects.toMatchObject({
      name: "TypeError",
      code: "ERR_INVALID_ARG_VALUE",
      message: expect.stringContaining("does not match options.issuer.certificate"),
    });
    const ed = await createKeyPair("ed25519");
    await expect(createCertificate({ subject: { commonName: "x" }, issuer: { certificate: root.certificate, privateKey: ed.privateKey } })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  const subject = { commonName: "x" };
  const BAD: readonly (readonly [string, unknown, string])[] = [
    ["no options", undefined, "ERR_INVALID_ARG_TYPE"],
    ["no subject", {}, "ERR_INVALID_ARG_TYPE"],
    ["an empty subject", { subject: {} }, "ERR_INVALID_ARG_VALUE"],
    ["an unknown subject attribute", { subject: { CN: "x" } }, "ERR_INVALID_ARG_VALUE"],
    ["a non-string commonName", { subject: { commonName: 1 } }, "ERR_INVALID_ARG_TYPE"],
    ["an empty commonName", { subject: { commonName: "" } }, "ERR_INVALID_ARG_VALUE"],
    ["a NUL in a name", { subject: { commonName: "a\u0000b" } }, "ERR_INVALID_ARG_VALUE"],
    ["a three-letter country", { subject: { countryName: "DEU" } }, "ERR_INVALID_ARG_VALUE"],
    ["an unknown key type", { subject, keyType: "dsa" }, "ERR_INVALID_ARG_VALUE"],
    ["a non-boolean isCA", { subject, isCA: "yes" }, "ERR_INVALID_ARG_TYPE"],
    ["a pathLength without isCA", { subject, pathLength: 1 }, "ERR_INVALID_ARG_VALUE"],
    ["a negative pathLength", { subject, isCA: true, pathLength: -1 }, "ERR_OUT_OF_RANGE"],
    ["a fractional pathLength", { subject, isCA: true, pathLength: 0.5 }, "ERR_OUT_OF_RANGE"],
    ["a string pathLength", { subject, isCA: true, pathLength: "1" }, "ERR_INVALID_ARG_TYPE"],
    ["SANs that are not an array", { subject, subjectAltNames: { type: "dns", value: "x" } }, "ERR_INVALID_ARG_TYPE"],
    ["an unknown SAN type", { subject, subjectAltNames: [{ type: "dirName", value: "x" }] }, "ERR_INVALID_ARG_VALUE"],
    ["an invalid IPv4 SAN", { subject, subjectAltNames: [{ type: "ip", value: "256.0.0.1" }] }, "ERR_INVALID_ARG_VALUE"],
    ["a short-form IPv4 SAN", { subject, subjectAltNames: [{ type: "ip", value: "127.1" }] }, "ERR_INVALID_ARG_VALUE"],
    ["an invalid IPv6 SAN", { subject, subjectAltNames: [{ type: "ip", value: "1::2::3" }] }, "ERR_INVALID_ARG_VALUE"],
    ["a non-ASCII DNS SAN", { subject, subjectAltNames: [{ type: "dns", value: "bücher.example" }] }, "ERR_INVALID_ARG_VALUE"],
    ["an empty DNS SAN", { subject, subjectAltNames: [{ type: "dns", value: "" }] }, "ERR_INVALID_ARG_VALUE"],
    ["a SAN value that is not a string", { subject, subjectAltNames: [{ type: "dns", value: 1 }] }, "ERR_INVALID_ARG_TYPE"],
    ["a string date", { subject, validity: { notBefore: "2020-01-01" } }, "ERR_INVALID_ARG_TYPE"],
    ["an invalid date", { subject, validity: { notAfter: new Date(Number.NaN) } }, "ERR_OUT_OF_RANGE"],
    ["a date before 1950", { subject, validity: { notBefore: new Date("1949-12-31T23:59:59Z") } }, "ERR_OUT_OF_RANGE"],
    ["a date after 9999", { subject, validity: { notAfter: new Date("+010000-01-01T00:00:00Z") } }, "ERR_OUT_OF_RANGE"],
    ["notAfter before notBefore", { subject, validity: { notBefore: new Date("2020-01-02"), notAfter: new Date("2020-01-01") } }, "ERR_OUT_OF_RANGE"],
    ["a zero serial", { subject, serialNumber: 0n }, "ERR_OUT_OF_RANGE"],
    ["a negative serial", { subject, serialNumber: -5 }, "ERR_OUT_OF_RANGE"],
    ["a 21-octet serial", { subject, serialNumber: 2n ** 159n }, "ERR_OUT_OF_RANGE"],
    ["an unsafe-integer serial", { subject, serialNumber: 2 ** 60 }, "ERR_OUT_OF_RANGE"],
    ["a string serial", { subject, serialNumber: "01" }, "ERR_INVALID_ARG_TYPE"],
    ["an unknown EKU", { subject, extendedKeyUsage: ["webServer"] }, "ERR_INVALID_ARG_VALUE"],
    ["an unknown key usage", { subject, keyUsage: ["sign"] }, "ERR_INVALID_ARG_VALUE"],
    ["an issuer that is not an object", { subject, issuer: "ca.pem" }, "ERR_INVALID_ARG_TYPE"],
    ["an issuer certificate that is not PEM", { subject, issuer: { certificate: "hello", privateKey: "x" } }, "ERR_INVALID_ARG_VALUE"],
    ["an issuer certificate of garbage DER", { subject, issuer: { certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]), privateKey: "x" } }, "ERR_INVALID_ARG_VALUE"],
    ["a keyPair that is not one", { subject, keyPair: { keyType: "ec-p256" } }, "ERR_INVALID_ARG_TYPE"],
  ];

  it.each(BAD)("rejects %s", async (_why, options, code) => {
    await expect(createCertificate(options as CreateCertificateOptions)).rejects.toMatchObject({ code });
  });

  it("accepts a dotted-OID EKU and explicit key usages", async () => {
    const cert = await createCertificate({ subject, extendedKeyUsage: ["codeSigning", "1.3.6.1.4.1.55555.1"], keyUsage: ["digitalSignature", "nonRepudiation"] });
    const text = (await runOpenSSL(["x509", "-noout", "-text"], cert.certificate)).toString();
    expect(text).toMatch(/Code Signing, 1\.3\.6\.1\.4\.1\.55555\.1/);
    expect(text).toMatch(/Digital Signature, Non Repudiation\n/);
  });
});
