import * as tls from "node:tls";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, SSLContext, TLSVersion, mapTLSError } from "@sslkit/context";
import { SSLCertVerificationError, SSLEOFError, SSLError, SSLKitError } from "@sslkit/errors";
import { startTCPServer } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import type { ServerIdentity } from "./helpers/fixtures.js";
import { connectWith, python } from "./helpers/peers.js";
import type { NodeServer } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { closeAfterTest, serverContext } = fixtures;

async function serve(identity: ServerIdentity, configure?: (context: SSLContext) => void): Promise<NodeServer> {
  const context = serverContext(identity);
  configure?.(context);
  return fixtures.serve(context);
}

interface PythonError {
  readonly type: string;
  readonly library: string | null;
  readonly reason: string | null;
  readonly verify_code: number | null;
  readonly verify_message: string | null;
  readonly message: string;
}

/** A python3 client with create_default_context(cafile=…); reports the exception it got. */
const PYTHON_CLIENT = `
import json, re, socket, ssl, sys
port, host, cafile, minimum = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=cafile)
if minimum != "-": ctx.minimum_version = ssl.TLSVersion[minimum]
try:
    with socket.create_connection(("127.0.0.1", port)) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as s:
            s.recv(10)
    print(json.dumps(None))
except ssl.SSLError as e:
    print(json.dumps(dict(type=type(e).__name__, library=e.library, reason=e.reason,
        verify_code=getattr(e, "verify_code", None), verify_message=getattr(e, "verify_message", None),
        message=re.sub(r" \\(_ssl\\.c:\\d+\\)$", "", str(e.args[1])))))
`;

function ourClient(minimum?: TLSVersion): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
  if (minimum !== undefined) context.minimumVersion = minimum;
  return context;
}

async function compareWithPython(port: number, host: string, minimum?: keyof typeof TLSVersion): Promise<void> {
  const expected = await python<PythonError | null>(PYTHON_CLIENT, [port, host, fixtures.pki.ca.certPath, minimum ?? "-"]);
  expect(expected).not.toBeNull();
  const error = await connectWith(ourClient(minimum === undefined ? undefined : TLSVersion[minimum]), port, host).then(
    () => undefined,
    (caught: unknown) => caught as SSLError,
  );
  expect(error).toBeInstanceOf(SSLError);
  expect({
    type: error?.constructor.name,
    library: error?.library ?? null,
    reason: error?.reason ?? null,
    verify_code: error instanceof SSLCertVerificationError ? error.verifyCode : null,
    verify_message: error instanceof SSLCertVerificationError ? error.verifyMessage : null,
    message: error?.message,
  }).toEqual(expected);
}

describe("mapTLSError", () => {
  it.each([
    ["an expired certificate", "expired", "localhost"],
    ["a self-signed certificate", "selfSigned", "localhost"],
    ["a certificate from an unknown CA (leaf without its intermediate)", "chainedServer", "localhost"],
    ["a certificate for another host name", "wrongHost", "localhost"],
    ["a certificate without the IP address", "wrongHost", "127.0.0.1"],
  ] as const)("maps %s to what Python raises (class, library, reason, verify code and message, text)", async (_label, identity, host) => {
    const { port } = await serve(identity);
    await compareWithPython(port, host);
  });

  it("maps a protocol_version alert from the server to Python's SSLError", async () => {
    const { port } = await serve("server", (context) => {
      context.maximumVersion = TLSVersion.TLSv1_2;
    });
    await compareWithPython(port, "localhost", "TLSv1_3");
  });

  it("maps a TCP close during the handshake to SSLEOFError, as Python", async () => {
    const { port } = closeAfterTest(await startTCPServer((socket) => socket.once("data", () => socket.end())));
    await compareWithPython(port, "localhost");
    await expect(connectWith(ourClient(), port, "localhost")).rejects.toBeInstanceOf(SSLEOFError);
  });

  it("maps the alert a server receives from a client that rejects its certificate as a Python server sees it", async () => {
    const pythonServer = `
import json, re, socket, ssl, sys, threading
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen()
def client():
    try: ssl.create_default_context().wrap_socket(socket.create_connection(ls.getsockname()), server_hostname="localhost")
    except ssl.SSLError: pass
threading.Thread(target=client).start()
conn, _ = ls.accept()
try:
    ctx.wrap_socket(conn, server_side=True)
    print("null")
except ssl.SSLError as e:
    print(json.dumps(dict(type=type(e).__name__, library=e.library, reason=e.reason, message=re.sub(r" \\(_ssl\\.c:\\d+\\)$", "", str(e.args[1])))))
`;
    const expected = await python<Record<string, string> | null>(pythonServer, [fixtures.pki.server.certPath, fixtures.pki.server.keyPath]);
    expect(expected).toMatchObject({ type: "SSLError", reason: "TLSV1_ALERT_UNKNOWN_CA" });
    const server = await serve("server");
    await python<null>(
      "import socket, ssl, sys\ntry: ssl.create_default_context().wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost')\nexcept ssl.SSLError: pass\nprint('null')",
      [server.port],
    );
    await expect.poll(() => server.events.length).toBe(1);
    const error = server.events[0]?.error as SSLError;
    expect({ type: error.constructor.name, library: error.library, reason: error.reason, message: error.message }).toEqual(expected);
  });

  it("maps OpenSSL errors from tls.createSecureContext with library and reason", () => {
    let thrown: unknown;
    try {
      tls.createSecureContext({ cert: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" });
    } catch (error) {
      thrown = error;
    }
    const mapped = mapTLSError(thrown);
    if (!(mapped instanceof SSLError)) throw new Error("not an SSLError");
    expect(mapped).toMatchObject({ errno: 1, cause: thrown });
    expect(mapped.library).toMatch(/^[A-Z0-9_]+$/);
    expect(mapped.message).toMatch(/^\[[A-Z0-9_]+: [A-Z0-9_]+\] /);
  });

  it("maps Node's renegotiation-flood error (ERR_TLS_SESSION_ATTACK) to SSLError", () => {
    const attack = Object.assign(new Error("TLS session renegotiation attack detected"), { code: "ERR_TLS_SESSION_ATTACK" });
    expect(mapTLSError(attack)).toMatchObject({ constructor: SSLError, message: "TLS session renegotiation attack detected", cause: attack });
  });

  it("maps ERR_SSL_NO_CIPHER_MATCH to Python's message", () => {
    let thrown: unknown;
    try {
      tls.createSecureContext({ ciphers: "NOPE" });
    } catch (error) {
      thrown = error;
    }
    expect(mapTLSError(thrown)).toMatchObject({ constructor: SSLError, message: "No cipher can be selected." });
  });

  it.each([
    ["CERT_HAS_EXPIRED", 10, "certificate has expired"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", 18, "self-signed certificate"],
    ["SELF_SIGNED_CERT_IN_CHAIN", 19, "self-signed certificate in certificate chain"],
    ["CERT_REVOKED", 23, "certificate revoked"],
    // Node's last error for an unknown issuer; Python reports OpenSSL's first one.
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", 20, "unable to get local issuer certificate"],
  ])("maps Node's verify code %s to verifyCode %i", (code, verifyCode, verifyMessage) => {
    const error = Object.assign(new Error(verifyMessage), { code });
    expect(mapTLSError(error)).toMatchObject({
      constructor: SSLCertVerificationError,
      verifyCode,
      verifyMessage,
      message: `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${verifyMessage}`,
      cause: error,
    });
  });

  it("returns system errors, sslkit errors and plain errors unchanged", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect" });
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
    const ours = new SSLKitError("ERR_SSLKIT_TEST", "x");
    const plain = new Error("plain");
    for (const error of [refused, reset, ours, plain]) expect(mapTLSError(error)).toBe(error);
    expect(mapTLSError("text")).toMatchObject({ message: "text" });
  });
});
