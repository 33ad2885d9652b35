import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Socket, SocketErrorCode, TimeoutError, getServerCertificate } from "@sslkit/socket";
import { runPythonJSON } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";
import { serveForever, startServer } from "./support/servers.js";

const { pki, later } = useSocketFixtures();

async function serving(): Promise<number> {
  const { server, port } = await startServer(pki);
  const loop = serveForever(server);
  later({
    close: async () => {
      await server.close();
      await loop;
    },
  });
  return port;
}

describe("getServerCertificate", () => {
  it("returns the server's certificate as PEM, exactly as CPython's get_server_certificate", async () => {
    const port = await serving();
    const pem = await getServerCertificate(["127.0.0.1", port]);
    const python = await runPythonJSON<string>(`import json, ssl, sys\nprint(json.dumps(ssl.get_server_certificate(("127.0.0.1", int(sys.argv[1])))))`, [String(port)]);
    expect(pem).toBe(python);
    const normalise = (text: string): string => text.replace(/\s+/g, "");
    expect(normalise(pem)).toBe(normalise(readFileSync(pki.server.certPath, "utf8")));
  });

  it("verifies the certificate against caCerts", async () => {
    const port = await serving();
    const pem = await getServerCertificate(["127.0.0.1", port], { caCerts: pki.ca.certPath, timeout: 10 });
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it("rejects a certificate that caCerts does not vouch for with verify code 20", async () => {
    const port = await serving();
    await expect(getServerCertificate(["127.0.0.1", port], { caCerts: pki.selfSigned.certPath })).rejects.toMatchObject({
      code: "ERR_SSLKIT_SSL_CERT_VERIFICATION",
      verifyCode: 20,
    });
  });

  it("rejects with TimeoutError when the server never answers", async () => {
    const listener = new Socket();
    await listener.listen();
    later(listener);
    const accepting = listener.accept().then(([conn]) => { later(conn); });
    const error: unknown = await getServerCertificate(listener.getsockname(), { timeout: 0.2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: SocketErrorCode.TIMEOUT });
    await accepting;
  });

  it("rejects a closed port with ECONNREFUSED and bad arguments with Node's codes", async () => {
    const listener = new Socket();
    await listener.listen();
    const address = listener.getsockname();
    await listener.close();
    await expect(getServerCertificate(address)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(getServerCertificate(["127.0.0.1", 99999])).rejects.toMatchObject({ code: "ERR_OUT_OF_RANGE" });
    await expect(getServerCertificate(["127.0.0.1", 443], { caCerts: 1 as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });
});
