import { describe, expect, it } from "vitest";
import { CERT_REQUIRED, PROTOCOL_TLSv1_2, PROTOCOL_TLS_CLIENT, SSLContext as BaseSSLContext } from "@sslkit/context";
import { SSLContext, Socket, createDefaultContext, wrapSocket } from "@sslkit/socket";
import { decodeCert } from "@sslkit/x509";
import { useSocketFixtures } from "./support/fixtures.js";
import { derOf } from "./support/pki.js";

const { pki, later } = useSocketFixtures();

async function listener(): Promise<Socket> {
  const sock = later(new Socket());
  sock.bind(["127.0.0.1", 0]);
  await sock.listen();
  return sock;
}

describe("wrapSocket", () => {
  it("speaks the 3.2 API: certfile/keyfile on the server, certReqs/caCerts on the client", async () => {
    const server = later(await wrapSocket(await listener(), { serverSide: true, certfile: pki.server.certPath, keyfile: pki.server.keyPath }));
    const accepted = server.accept();
    const client = later(await wrapSocket(new Socket(), { certReqs: CERT_REQUIRED, caCerts: pki.ca.certPath }));
    await client.connect(["127.0.0.1", server.getsockname()[1]]);
    const [conn] = await accepted;
    later(conn);
    expect(client.getPeerCert()).toEqual(decodeCert(derOf(pki.server.certPath)));
    expect(client.context).toBeInstanceOf(BaseSSLContext);
    expect(client.context.verifyMode).toBe(CERT_REQUIRED);
    expect(client.context.checkHostname).toBe(false);
  });

  it("pins a cipher with ciphers and a protocol with sslVersion", async () => {
    const server = later(await wrapSocket(await listener(), { serverSide: true, certfile: pki.server.certPath, keyfile: pki.server.keyPath }));
    const accepted = server.accept();
    const client = later(await wrapSocket(new Socket(), { sslVersion: PROTOCOL_TLSv1_2, ciphers: "ECDHE-ECDSA-CHACHA20-POLY1305" }));
    await client.connect(["127.0.0.1", server.getsockname()[1]]);
    later((await accepted)[0]);
    expect(client.cipher()).toEqual(["ECDHE-ECDSA-CHACHA20-POLY1305", "TLSv1.2", 256]);
  });

  it("returns an SSLSocket bound to the given context, which SSLContext.wrapSocket and createDefaultContext provide", async () => {
    const context = createDefaultContext({ caFile: pki.ca.certPath });
    expect(context).toBeInstanceOf(SSLContext);
    expect(context).toBeInstanceOf(BaseSSLContext);
    expect(context.checkHostname).toBe(true);
    const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
    expect(sock.context).toBe(context);
    const plainContext = new BaseSSLContext(PROTOCOL_TLS_CLIENT);
    const other = later(await wrapSocket(new Socket(), { context: plainContext, serverHostname: "localhost" }));
    expect(other.context).toBe(plainContext);
  });

  it("requires a certfile on the server side (Python's ValueError)", async () => {
    await expect(wrapSocket(await listener(), { serverSide: true })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  it("refuses context options together with a context", async () => {
    const context = createDefaultContext({ caFile: pki.ca.certPath });
    await expect(wrapSocket(later(new Socket()), { context, certfile: pki.client.certPath, serverHostname: "localhost" })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  it("requires serverHostname when the context checks host names", async () => {
    const context = createDefaultContext({ caFile: pki.ca.certPath });
    await expect(context.wrapSocket(later(new Socket()))).rejects.toMatchObject({ code: "ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED" });
  });

  it("refuses serverHostname on the server side", async () => {
    await expect(wrapSocket(await listener(), { serverSide: true, certfile: pki.server.certPath, keyfile: pki.server.keyPath, serverHostname: "x" })).rejects.toMatchObject({
      code: "ERR_SSLKIT_CONTEXT_HOSTNAME_ON_SERVER",
    });
  });

  it("names a missing certificate file", async () => {
    await expect(wrapSocket(await listener(), { serverSide: true, certfile: pki.dir.file("missing.pem") })).rejects.toMatchObject({ code: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND" });
  });

  it.each([
    ["a non-socket", "socket", {}],
    ["a non-object options", new Socket(), 5],
    ["a non-boolean serverSide", new Socket(), { serverSide: "yes" }],
    ["a non-string certfile", new Socket(), { certfile: 5 }],
    ["a non-context context", new Socket(), { context: {} }],
  ])("rejects %s with ERR_INVALID_ARG_TYPE", async (_label, sock, options) => {
    await expect(wrapSocket(sock as Socket, options as never)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });

  it("rejects an unknown certReqs with ERR_INVALID_ARG_VALUE", async () => {
    await expect(wrapSocket(later(new Socket()), { certReqs: 7 as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  it("refuses a closed socket", async () => {
    const sock = new Socket();
    await sock.close();
    await expect(wrapSocket(sock)).rejects.toMatchObject({ code: "ERR_SSLKIT_SOCKET_CLOSED" });
  });
});
