import { describe, expect, it } from "vitest";
import { SSLCertVerificationError } from "@sslkit/errors";
import { Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLContext, SSLSocket } from "@sslkit/socket";
import { startOpenSSLServer } from "@sslkit/test-utils";
import type { TestIdentity } from "@sslkit/test-utils";
import { useSocketFixtures } from "./support/fixtures.js";
import { pinVersion } from "./support/versions.js";
import type { VersionName } from "./support/versions.js";
import { startPython } from "./support/python-peer.js";

// When an sslkit client rejects the server's certificate, the server must hear about it
// during the handshake, as with CPython/OpenSSL clients — not only when the client closes.
// Every check below runs while the rejecting SSLSocket is still open.

const { pki, later } = useSocketFixtures();

function clientContext(version: VersionName): SSLContext {
  return pinVersion(createDefaultContext({ caFile: pki.ca.certPath }), version);
}

/** Connects and expects the certificate to be rejected; the socket stays open. */
async function rejectServer(context: SSLContext, port: number, verifyCode: number): Promise<SSLSocket> {
  const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost" }));
  const error: unknown = await sock.connect(["127.0.0.1", port]).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SSLCertVerificationError);
  expect((error as SSLCertVerificationError).verifyCode).toBe(verifyCode);
  return sock;
}

const REJECTED: readonly [string, () => TestIdentity, number, string][] = [
  ["a self-signed certificate", () => pki.selfSigned, 18, "unknown CA"],
  ["a certificate for another host", () => pki.wrongHost, 62, "bad certificate"],
  ["an expired certificate", () => pki.expired, 10, "certificate expired"],
];

describe("an sslkit client that rejects the server's certificate", () => {
  it.each(REJECTED)("sends openssl s_server the alert OpenSSL would for %s (TLS 1.3)", async (_name, identity, verifyCode, alert) => {
    const { certPath, keyPath } = identity();
    const server = later(await startOpenSSLServer(["-cert", certPath, "-key", keyPath, "-state", "-tls1_3"]));
    await rejectServer(clientContext("TLSv1.3"), server.port, verifyCode);
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain(`SSL3 alert read:fatal:${alert}`);
  });

  // The suites a client offers by default (Python has no API for TLS 1.3 suites): the server picks.
  it.each(["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])(
    "encrypts the alert correctly with %s",
    async (suite) => {
      const server = later(await startOpenSSLServer(["-cert", pki.selfSigned.certPath, "-key", pki.selfSigned.keyPath, "-state", "-tls1_3", "-ciphersuites", suite]));
      await rejectServer(clientContext("TLSv1.3"), server.port, 18);
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain("SSL3 alert read:fatal:unknown CA");
    },
  );

  it("makes a CPython server's handshake fail with TLSV1_ALERT_UNKNOWN_CA", async () => {
    const peer = later(await startPython(
      `
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
try:
    ctx.wrap_socket(conn, server_side=True)
    print("handshake completed")
except ssl.SSLError as e:
    print(e.reason)
`,
      [pki.selfSigned.certPath, pki.selfSigned.keyPath],
    ));
    await rejectServer(clientContext("TLSv1.3"), Number(peer.firstLine), 18);
    expect((await peer.finished()).trim()).toBe("TLSV1_ALERT_UNKNOWN_CA");
  });

  it("ends the TCP stream at once on TLS 1.2, where Node already sent its Finished", async () => {
    const server = later(await startOpenSSLServer(["-cert", pki.selfSigned.certPath, "-key", pki.selfSigned.keyPath, "-tls1_2"]));
    await rejectServer(clientContext("TLSv1.2"), server.port, 18);
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/unexpected eof while reading/);
  });
});
