import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_SERVER, SSLContext } from "@sslkit/context";
import type { PasswordInput } from "@sslkit/context";
import { SSLError } from "@sslkit/errors";
import { runOpenSSL } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith, python } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve, clientContext } = fixtures;

function write(name: string, text: string): string {
  const path = fixtures.pki.dir.file(name);
  writeFileSync(path, text);
  return path;
}

async function serveLoaded(load: (context: SSLContext) => void): Promise<number> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  load(context);
  return (await serve(context)).port;
}

const PYTHON_VERIFYING_CLIENT = `
import json, socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
    with ctx.wrap_socket(raw, server_hostname="localhost") as s:
        print(json.dumps({"subject": dict(x[0] for x in s.getpeercert()["subject"]), "data": s.recv(10).decode()}))
`;

describe("SSLContext.loadCertChain", () => {
  it.each<[string, () => [string | Uint8Array, (string | Uint8Array | null)?, PasswordInput?]]>([
    ["separate certificate and key files", () => [fixtures.pki.server.certPath, fixtures.pki.server.keyPath]],
    ["one file, certificate first", () => [write("cert-first.pem", fixtures.pki.server.cert + fixtures.pki.server.key)]],
    ["one file, key first", () => [write("key-first.pem", fixtures.pki.server.key + fixtures.pki.server.cert)]],
    ["in-memory PEM strings", () => [fixtures.pki.server.cert, fixtures.pki.server.key]],
    ["in-memory PEM bytes", () => [Buffer.from(fixtures.pki.server.cert), Buffer.from(fixtures.pki.server.key)]],
    ["a null keyfile with the key in the certificate file", () => [write("both.pem", fixtures.pki.server.cert + fixtures.pki.server.key), null]],
    ["an encrypted key with a string password", () => [fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath, fixtures.pki.password]],
    ["an encrypted key with a bytes password", () => [fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath, Buffer.from(fixtures.pki.password)]],
    ["an encrypted key with a password function", () => [fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath, () => fixtures.pki.password]],
  ])("presents the certificate loaded from %s in a real handshake", async (_label, args) => {
    const [certfile, keyfile, password] = args();
    const port = await serveLoaded((context) => {
      context.loadCertChain(certfile, keyfile, password);
    });
    await expect(connectWith(clientContext(), port, "localhost")).resolves.toMatchObject({ peerCN: "localhost", received: "hello" });
  });

  it("is verified by a python3 client", async () => {
    const port = await serveLoaded((context) => {
      context.loadCertChain(write("key-first-py.pem", fixtures.pki.server.key + fixtures.pki.server.cert));
    });
    await expect(python(PYTHON_VERIFYING_CLIENT, [port, fixtures.pki.ca.certPath])).resolves.toEqual({ subject: { commonName: "localhost" }, data: "hello" });
  });

  it("sends the intermediates of a chain file, so a client that trusts only the root verifies", async () => {
    const leafOnly = await serveLoaded((context) => {
      context.loadCertChain(fixtures.pki.chainedServer.certPath, fixtures.pki.chainedServer.keyPath);
    });
    await expect(connectWith(clientContext(), leafOnly, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
    const chained = await serveLoaded((context) => {
      context.loadCertChain(write("chain.pem", fixtures.pki.chainedServer.cert + fixtures.pki.intermediate.cert), fixtures.pki.chainedServer.keyPath);
    });
    await expect(connectWith(clientContext(), chained, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    await expect(python(PYTHON_VERIFYING_CLIENT, [chained, fixtures.pki.ca.certPath])).resolves.toMatchObject({ data: "hello" });
  });

  it("reads a legacy encrypted PEM key (Proc-Type / DEK-Info headers)", async () => {
    const legacy = (await runOpenSSL(["pkey", "-in", fixtures.pki.server.keyPath, "-traditional", "-aes128", "-passout", "pass:legacy"])).toString();
    expect(legacy).toContain("Proc-Type: 4,ENCRYPTED");
    const port = await serveLoaded((context) => {
      context.loadCertChain(fixtures.pki.server.cert, legacy, "legacy");
    });
    await expect(connectWith(clientContext(), port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("reports a missing file by name", () => {
    const missing = fixtures.pki.dir.file("nope.pem");
    expect(() => { new SSLContext().loadCertChain(missing); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND", message: expect.stringContaining(missing) as string }),
    );
    expect(() => { new SSLContext().loadCertChain(fixtures.pki.server.certPath, missing); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND", message: `keyfile '${missing}' does not exist: No such file or directory` }),
    );
  });

  it("reports a directory as unreadable", () => {
    const dir = fixtures.pki.dir.file("a-directory");
    mkdirSync(dir, { recursive: true });
    expect(() => { new SSLContext().loadCertChain(dir); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_FILE_UNREADABLE", message: expect.stringContaining("Is a directory") as string }));
  });

  it("refuses a wrong password with an SSLError naming the key file", () => {
    let error: unknown;
    try {
      new SSLContext().loadCertChain(fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath, "wrong");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect(error).toMatchObject({ code: "ERR_SSLKIT_CONTEXT_BAD_PASSWORD", library: "EVP", reason: "BAD_DECRYPT" });
    expect((error as Error).message).toContain(fixtures.pki.encryptedServerKeyPath);
  });

  it("asks for a password for an encrypted key instead of prompting", () => {
    expect(() => { new SSLContext().loadCertChain(fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_PASSWORD_REQUIRED", message: expect.stringContaining(fixtures.pki.encryptedServerKeyPath) as string }),
    );
  });

  it("refuses a key that does not belong to the certificate, naming both files", () => {
    let error: unknown;
    try {
      new SSLContext().loadCertChain(fixtures.pki.server.certPath, fixtures.pki.client.keyPath);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "ERR_SSLKIT_CONTEXT_KEY_MISMATCH", library: "X509", reason: "KEY_VALUES_MISMATCH" });
    expect((error as Error).message).toContain(fixtures.pki.server.certPath);
    expect((error as Error).message).toContain(fixtures.pki.client.keyPath);
    expect((error as Error).message).toMatch(/^\[X509: KEY_VALUES_MISMATCH\] key values mismatch/);
  });

  it("refuses a certificate file without a certificate", () => {
    expect(() => { new SSLContext().loadCertChain(fixtures.pki.server.keyPath); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_NO_CERTIFICATE" }));
  });

  it("refuses a certificate without a key", () => {
    expect(() => { new SSLContext().loadCertChain(fixtures.pki.server.certPath); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_NO_PRIVATE_KEY", message: expect.stringContaining(fixtures.pki.server.certPath) as string }),
    );
  });

  it.each([
    ["damaged base64", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"],
    ["a truncated block", "-----BEGIN CERTIFICATE-----\nMIIB\n"],
    ["a certificate block that is not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
  ])("refuses %s as BAD_CERTIFICATE", (_label, text) => {
    expect(() => { new SSLContext().loadCertChain(text, fixtures.pki.server.key); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_BAD_CERTIFICATE" }));
  });

  it.each([
    ["a number", 42, "ERR_INVALID_ARG_TYPE"],
    ["a function returning a number", () => 42, "ERR_INVALID_ARG_TYPE"],
    ["more than 1024 bytes", "x".repeat(1025), "ERR_OUT_OF_RANGE"],
  ])("rejects a password that is %s", (_label, password, code) => {
    expect(() => { new SSLContext().loadCertChain(fixtures.pki.server.certPath, fixtures.pki.encryptedServerKeyPath, password as PasswordInput); }).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it.each([[42], [""], [null]])("rejects the certfile %s", (certfile) => {
    expect(() => { new SSLContext().loadCertChain(certfile as string); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
