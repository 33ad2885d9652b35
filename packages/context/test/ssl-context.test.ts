import { writeFileSync } from "node:fs";
import * as tls from "node:tls";
import { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  CERT_NONE,
  CERT_OPTIONAL,
  CERT_REQUIRED,
  OP_CIPHER_SERVER_PREFERENCE,
  OP_NO_TLSv1_2,
  OP_NO_TLSv1_3,
  PROTOCOL_SSLv2,
  PROTOCOL_SSLv3,
  PROTOCOL_TLS,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  PROTOCOL_TLSv1,
  PROTOCOL_TLSv1_1,
  PROTOCOL_TLSv1_2,
  SSLContext,
  TLSVersion,
  VERIFY_ALLOW_PROXY_CERTS,
  VERIFY_CRL_CHECK_LEAF,
  VERIFY_X509_PARTIAL_CHAIN,
  VERIFY_X509_STRICT,
  VERIFY_X509_TRUSTED_FIRST,
} from "@sslkit/context";
import type { Protocol } from "@sslkit/context";
import { SSLCertVerificationError, SSLError } from "@sslkit/errors";
import { runOpenSSL, runPythonJSON, startOpenSSLServer } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith, opensslClient } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve, serverContext, clientContext, closeAfterTest } = fixtures;

const PYTHON_DEFAULTS = `
import json, ssl, sys, warnings
warnings.simplefilter("ignore")
out = {}
for p in map(int, sys.argv[1:]):
    c = ssl.SSLContext(p)
    out[p] = dict(options=c.options, verifyMode=int(c.verify_mode), checkHostname=c.check_hostname,
                  minimumVersion=int(c.minimum_version), maximumVersion=int(c.maximum_version),
                  verifyFlags=int(c.verify_flags), securityLevel=c.security_level)
print(json.dumps(out))
`;

describe("SSLContext", () => {
  it("starts with CPython 3.11's defaults for every protocol", async () => {
    const protocols = [PROTOCOL_TLS, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, PROTOCOL_TLSv1_2];
    const python = await runPythonJSON<Record<string, unknown>>(PYTHON_DEFAULTS, protocols.map(String));
    for (const protocol of protocols) {
      const context = new SSLContext(protocol as Protocol);
      expect({
        options: context.options,
        verifyMode: context.verifyMode,
        checkHostname: context.checkHostname,
        minimumVersion: context.minimumVersion,
        maximumVersion: context.maximumVersion,
        verifyFlags: context.verifyFlags,
        securityLevel: context.securityLevel,
      }).toEqual(python[protocol]);
      expect(context.protocol).toBe(protocol);
    }
  });

  it("defaults to PROTOCOL_TLS", () => {
    expect(new SSLContext().protocol).toBe(PROTOCOL_TLS);
  });

  it.each([
    [PROTOCOL_SSLv2, "SSLv2"],
    [PROTOCOL_SSLv3, "SSLv3"],
  ])("refuses protocol %i with an SSLError saying %s is not supported", (protocol, name) => {
    let error: unknown;
    try {
      new SSLContext(protocol as Protocol);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect(error).toMatchObject({ code: "ERR_SSLKIT_CONTEXT_PROTOCOL_UNSUPPORTED", reason: "UNSUPPORTED_PROTOCOL" });
    expect((error as Error).message).toContain(`built without ${name}`);
  });

  it.each([6, -1, 99, 1.5, "2"])("rejects the unknown protocol %s", (protocol) => {
    expect(() => new SSLContext(protocol as Protocol)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });
});

describe("SSLContext.verifyMode and checkHostname", () => {
  it("refuses CERT_NONE while checkHostname is on, with Python's message", () => {
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    expect(() => (context.verifyMode = CERT_NONE)).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_CHECK_HOSTNAME_ENABLED", message: "Cannot set verifyMode to CERT_NONE when checkHostname is enabled." }),
    );
    expect(context.verifyMode).toBe(CERT_REQUIRED);
  });

  it("turns CERT_NONE into CERT_REQUIRED when checkHostname is switched on", () => {
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    expect(context.verifyMode).toBe(CERT_NONE);
    context.checkHostname = true;
    expect(context.verifyMode).toBe(CERT_REQUIRED);
  });

  it.each([3, -1, "2", null])("rejects verifyMode %s", (value) => {
    expect(() => ((new SSLContext()).verifyMode = value as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("verifies the server by default on PROTOCOL_TLS_CLIENT (self-signed server refused)", async () => {
    const server = await serve(serverContext("selfSigned"));
    await expect(connectWith(clientContext(), server.port, "localhost")).rejects.toMatchObject({
      constructor: SSLCertVerificationError,
      verifyCode: 18,
      message: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate",
    });
  });

  it("connects to a server signed by a loaded CA and checks its host name", async () => {
    const server = await serve(serverContext());
    const result = await connectWith(clientContext(), server.port, "localhost");
    expect(result).toMatchObject({ peerCN: "localhost", received: "hello", protocol: "TLSv1.3" });
    await expect(connectWith(clientContext(), server.port, "127.0.0.1")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("refuses a certificate for another host while checkHostname is on, and accepts it when off", async () => {
    const server = await serve(serverContext("wrongHost"));
    await expect(connectWith(clientContext(), server.port, "localhost")).rejects.toMatchObject({
      verifyCode: 62,
      message: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'localhost'.",
    });
    const lax = clientContext();
    lax.checkHostname = false;
    await expect(connectWith(lax, server.port, "localhost")).resolves.toMatchObject({ peerCN: "other.example" });
  });

  it("matches the subject CN only without DNS SANs and while hostnameChecksCommonName is on, as Python", async () => {
    const dir = fixtures.pki.dir.path;
    await runOpenSSL(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${dir}/cn-only.key`, "-out", `${dir}/cn-only.csr`, "-subj", "/CN=localhost"]);
    writeFileSync(`${dir}/cn-only.ext`, "basicConstraints=CA:FALSE\n");
    await runOpenSSL(["x509", "-req", "-in", `${dir}/cn-only.csr`, "-CA", fixtures.pki.ca.certPath, "-CAkey", fixtures.pki.ca.keyPath, "-set_serial", "9", "-days", "30", "-out", `${dir}/cn-only.pem`, "-extfile", `${dir}/cn-only.ext`]);
    const server = new SSLContext(PROTOCOL_TLS_SERVER);
    server.loadCertChain(`${dir}/cn-only.pem`, `${dir}/cn-only.key`);
    const { port } = await serve(server);
    const python = await runPythonJSON<(number | null)[]>(
      "import json, socket, ssl, sys\nout = []\nfor flag in (True, False):\n  c = ssl.create_default_context(cafile=sys.argv[2]); c.hostname_checks_common_name = flag\n  try: c.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost').close(); out.append(None)\n  except ssl.SSLCertVerificationError as e: out.append(e.verify_code)\nprint(json.dumps(out))",
      [String(port), fixtures.pki.ca.certPath],
    );
    expect(python).toEqual([null, 62]);
    const context = clientContext();
    expect(context.hostnameChecksCommonName).toBe(true);
    await expect(connectWith(context, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    await expect(connectWith(context, port, "127.0.0.1")).rejects.toMatchObject({ verifyCode: 64 });
    context.hostnameChecksCommonName = false;
    await expect(connectWith(context, port, "localhost")).rejects.toMatchObject({ verifyCode: 62 });
  });

  it("ignores the subject CN when the certificate has DNS SANs", async () => {
    const dir = fixtures.pki.dir.path;
    await runOpenSSL(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${dir}/cn-san.key`, "-out", `${dir}/cn-san.csr`, "-subj", "/CN=localhost"]);
    writeFileSync(`${dir}/cn-san.ext`, "subjectAltName=DNS:other.example\n");
    await runOpenSSL(["x509", "-req", "-in", `${dir}/cn-san.csr`, "-CA", fixtures.pki.ca.certPath, "-CAkey", fixtures.pki.ca.keyPath, "-set_serial", "10", "-days", "30", "-out", `${dir}/cn-san.pem`, "-extfile", `${dir}/cn-san.ext`]);
    const server = new SSLContext(PROTOCOL_TLS_SERVER);
    server.loadCertChain(`${dir}/cn-san.pem`, `${dir}/cn-san.key`);
    const { port } = await serve(server);
    await expect(connectWith(clientContext(), port, "localhost")).rejects.toMatchObject({ verifyCode: 62 });
    await expect(connectWith(clientContext(), port, "other.example")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("connects to anyone with CERT_NONE", async () => {
    const server = await serve(serverContext("selfSigned"));
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.checkHostname = false;
    context.verifyMode = CERT_NONE;
    await expect(connectWith(context, server.port)).resolves.toMatchObject({ received: "hello" });
  });

  it("requires serverHostname while checkHostname is on", () => {
    expect(() => clientContext().toTLSOptions({})).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED" }));
  });

  it("makes a server with CERT_REQUIRED refuse a client without a certificate", async () => {
    const context = serverContext();
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    const server = await serve(context);
    const outcome = await connectWith(clientContext(), server.port, "localhost").catch((error: unknown) => error);
    expect(outcome).toMatchObject({ reason: "TLSV13_ALERT_CERTIFICATE_REQUIRED" });
    await expect.poll(() => server.events.length).toBeGreaterThan(0);
    expect(server.events[0]).toMatchObject({ ok: false });
    expect((server.events[0]?.error as SSLError).reason).toBe("PEER_DID_NOT_RETURN_A_CERTIFICATE");
  });

  it("makes a server with CERT_REQUIRED accept a client certificate signed by a loaded CA", async () => {
    const context = serverContext();
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    const server = await serve(context);
    const client = clientContext();
    client.loadCertChain(fixtures.pki.client.certPath, fixtures.pki.client.keyPath);
    await expect(connectWith(client, server.port, "localhost")).resolves.toMatchObject({ received: "hello" });
    expect(server.events).toEqual([expect.objectContaining({ ok: true, peerCN: "sslkit client" })]);
  });

  it("makes a server with CERT_OPTIONAL accept a client without a certificate but refuse an unverifiable one", async () => {
    const context = serverContext();
    context.verifyMode = CERT_OPTIONAL;
    context.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    const server = await serve(context);
    await expect(connectWith(clientContext(), server.port, "localhost")).resolves.toMatchObject({ received: "hello" });
    const stranger = clientContext();
    stranger.loadCertChain(fixtures.pki.selfSigned.certPath, fixtures.pki.selfSigned.keyPath);
    await connectWith(stranger, server.port, "localhost").catch(() => undefined);
    await expect.poll(() => server.events.length).toBe(2);
    expect(server.events[1]).toMatchObject({ ok: false, error: expect.objectContaining({ verifyCode: 18 }) });
  });
});

describe("SSLContext.toTLSOptions", () => {
  it("refuses the wrong side like Python's wrap_socket", () => {
    expect(() => new SSLContext(PROTOCOL_TLS_CLIENT).toTLSOptions({ serverSide: true })).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_WRONG_SIDE", message: "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context" }),
    );
    expect(() => new SSLContext(PROTOCOL_TLS_SERVER).toTLSOptions({})).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_WRONG_SIDE" }));
    expect(() => new SSLContext(PROTOCOL_TLS).toTLSOptions({ serverSide: true, serverHostname: "x" })).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_HOSTNAME_ON_SERVER" }),
    );
  });

  it.each(["", ".example", `${"a".repeat(64)}.example`])("rejects the server host name %j like Python", (serverHostname) => {
    expect(() => clientContext().toTLSOptions({ serverHostname })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("sends an internationalised host name IDNA-encoded, as Python", async () => {
    const server = await serve(serverContext());
    const context = clientContext();
    context.checkHostname = false;
    await connectWith(context, server.port, "bücher.example");
    expect(server.events.map((event) => event.servername)).toEqual(["xn--bcher-kva.example"]);
  });

  it("sends SNI for a host name but not for an IP address", async () => {
    const server = await serve(serverContext());
    await connectWith(clientContext(), server.port, "localhost");
    await connectWith(clientContext(), server.port, "127.0.0.1");
    expect(server.events.map((event) => event.servername)).toEqual(["localhost", false]);
  });
});

describe("SSLContext.options", () => {
  it("normalises a negative mask from JavaScript's | operator", () => {
    const context = new SSLContext();
    context.options |= OP_NO_TLSv1_3;
    expect(context.options).toBeGreaterThan(0);
    expect(context.options & OP_NO_TLSv1_3).not.toBe(0);
  });

  it("excludes TLS 1.3 with OP_NO_TLSv1_3 in a real handshake", async () => {
    const server = await serve(serverContext());
    const context = clientContext();
    context.options |= OP_NO_TLSv1_3;
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ protocol: "TLSv1.2" });
  });

  it("fails like OpenSSL when OP_NO_TLSv1_2 and OP_NO_TLSv1_3 leave nothing", async () => {
    const server = await serve(serverContext());
    const context = clientContext();
    context.options |= OP_NO_TLSv1_2 | OP_NO_TLSv1_3;
    await expect(connectWith(context, server.port, "localhost")).rejects.toMatchObject({ constructor: SSLError, library: "SSL", reason: "NO_PROTOCOLS_AVAILABLE" });
  });

  it("lets the server pick the cipher by its own order with OP_CIPHER_SERVER_PREFERENCE (on by default), the client's without", async () => {
    const server = serverContext();
    server.setCiphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384");
    const preferring = await serve(server);
    const client = clientContext();
    client.maximumVersion = TLSVersion.TLSv1_2;
    client.setCiphers("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256");
    await expect(connectWith(client, preferring.port, "localhost")).resolves.toMatchObject({ cipher: "ECDHE-ECDSA-AES128-GCM-SHA256" });
    server.options &= ~OP_CIPHER_SERVER_PREFERENCE;
    const following = await serve(server);
    await expect(connectWith(client, following.port, "localhost")).resolves.toMatchObject({ cipher: "ECDHE-ECDSA-AES256-GCM-SHA384" });
  });

  it.each([1.5, "1", 2 ** 33])("rejects %s", (value) => {
    expect(() => ((new SSLContext()).options = value as number)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^ERR_(INVALID_ARG_TYPE|OUT_OF_RANGE)$/) }));
  });
});

describe("SSLContext.minimumVersion and maximumVersion", () => {
  it("caps the negotiated version with maximumVersion", async () => {
    const server = await serve(serverContext());
    const context = clientContext();
    context.maximumVersion = TLSVersion.TLSv1_2;
    await expect(connectWith(context, server.port, "localhost")).resolves.toMatchObject({ protocol: "TLSv1.2" });
  });

  it("fails with the server's protocol_version alert when minimumVersion is above the server's maximum", async () => {
    const server = serverContext();
    server.maximumVersion = TLSVersion.TLSv1_2;
    const { port } = await serve(server);
    const context = clientContext();
    context.minimumVersion = TLSVersion.TLSv1_3;
    await expect(connectWith(context, port, "localhost")).rejects.toMatchObject({ constructor: SSLError, reason: "TLSV1_ALERT_PROTOCOL_VERSION" });
  });

  it("is fixed on PROTOCOL_TLSv1* contexts, with Python's message", () => {
    const context = new SSLContext(PROTOCOL_TLSv1_2);
    expect(() => (context.minimumVersion = TLSVersion.TLSv1_3)).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_VERSION_FIXED", message: "The context's protocol doesn't support modification of highest and lowest version." }),
    );
  });

  it("rejects a number that is not a TLSVersion", () => {
    expect(() => ((new SSLContext()).maximumVersion = 0x3039 as TLSVersion)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("negotiates TLS 1.0 with openssl s_server -tls1 when minimumVersion is TLSv1", async () => {
    const server = closeAfterTest(await startOpenSSLServer(["-cert", fixtures.pki.server.certPath, "-key", fixtures.pki.server.keyPath, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]));
    const context = clientContext();
    await expect(connectWith(context, server.port, "localhost", { endAfterHandshake: true })).rejects.toMatchObject({ constructor: SSLError });
    context.minimumVersion = TLSVersion.TLSv1;
    expect(context.securityLevel).toBe(0);
    await expect(connectWith(context, server.port, "localhost", { endAfterHandshake: true })).resolves.toMatchObject({ protocol: "TLSv1" });
  });
});

describe("PROTOCOL_TLSv1 and PROTOCOL_TLSv1_1", () => {
  it.each([
    [PROTOCOL_TLSv1, "-tls1", "TLSv1"],
    [PROTOCOL_TLSv1_1, "-tls1_1", "TLSv1.1"],
  ])("protocol %i really negotiates against openssl s_server %s", async (protocol, flag, expected) => {
    const server = closeAfterTest(await startOpenSSLServer(["-cert", fixtures.pki.server.certPath, "-key", fixtures.pki.server.keyPath, flag, "-cipher", "DEFAULT:@SECLEVEL=0"]));
    await expect(connectWith(clientContext(protocol as Protocol), server.port, "localhost", { endAfterHandshake: true })).resolves.toMatchObject({ protocol: expected });
  });

  it.each([
    [PROTOCOL_TLSv1, "-tls1", "TLSv1"],
    [PROTOCOL_TLSv1_1, "-tls1_1", "TLSv1.1"],
  ])("protocol %i serves openssl s_client %s", async (protocol, flag, expected) => {
    const server = await serve(serverContext("server", protocol as Protocol));
    const { output } = await opensslClient(server.port, [flag, "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", fixtures.pki.ca.certPath]);
    expect(output).toMatch(new RegExp(`Protocol\\s*:\\s*${expected.replace(".", "\\.")}\\b`));
    expect(output).toContain("Verify return code: 0 (ok)");
  });

  const RANGES: Record<string, readonly string[]> = {
    [PROTOCOL_TLSv1]: ["TLSv1"],
    [PROTOCOL_TLSv1_1]: ["TLSv1.1"],
    [PROTOCOL_TLSv1_2]: ["TLSv1.2"],
    [PROTOCOL_TLS]: ["TLSv1.2", "TLSv1.3"],
  };
  const protocols = [PROTOCOL_TLSv1, PROTOCOL_TLSv1_1, PROTOCOL_TLSv1_2, PROTOCOL_TLS] as const;
  const pairs = protocols.flatMap((client) => protocols.map((server) => [client, server] as const));

  it.each(pairs)("client %i × server %i connect exactly when their versions overlap, or fail with OpenSSL's error (the seeds' table)", async (clientProtocol, serverProtocol) => {
    const server = await serve(serverContext("server", serverProtocol));
    const common = (RANGES[clientProtocol] ?? []).filter((version) => (RANGES[serverProtocol] ?? []).includes(version));
    const attempt = connectWith(clientContext(clientProtocol), server.port, "localhost");
    if (common.length === 0) {
      // The server's alert when the client's versions are all above or below its own; a TLS 1.2
      // client reaching a TLS 1.0/1.1 server finds no common cipher first.
      const reason =
        clientProtocol === PROTOCOL_TLSv1_2 && serverProtocol !== PROTOCOL_TLS
          ? "SSLV3_ALERT_HANDSHAKE_FAILURE"
          : clientProtocol === PROTOCOL_TLSv1_1 && serverProtocol === PROTOCOL_TLSv1
            ? "UNSUPPORTED_PROTOCOL"
            : "TLSV1_ALERT_PROTOCOL_VERSION";
      await expect(attempt).rejects.toMatchObject({ constructor: SSLError, library: "SSL", reason });
    }
    else await expect(attempt).resolves.toMatchObject({ protocol: common.at(-1) });
  });
});

describe("SSLContext.verifyFlags", () => {
  it("trusts a loaded intermediate as an anchor only with VERIFY_X509_PARTIAL_CHAIN", async () => {
    const server = new SSLContext(PROTOCOL_TLS_SERVER);
    server.loadCertChain(fixtures.pki.chainedServer.cert + fixtures.pki.intermediate.cert, fixtures.pki.chainedServer.key);
    const { port } = await serve(server);
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.loadVerifyLocations({ caData: fixtures.pki.intermediate.cert });
    await expect(connectWith(context, port, "localhost")).rejects.toMatchObject({ verifyCode: 2 });
    context.verifyFlags |= VERIFY_X509_PARTIAL_CHAIN;
    await expect(connectWith(context, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
  });

  it("refuses VERIFY_ALLOW_PROXY_CERTS, which Node cannot enforce", () => {
    const context = new SSLContext();
    expect(() => (context.verifyFlags |= VERIFY_ALLOW_PROXY_CERTS)).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_VERIFY_FLAG_UNSUPPORTED" }));
    expect(context.verifyFlags).toBe(VERIFY_X509_TRUSTED_FIRST);
  });

  it("refuses, with VERIFY_X509_STRICT only, a chain whose CA has a non-critical basicConstraints (as Python)", async () => {
    const dir = fixtures.pki.dir.path;
    await runOpenSSL(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${dir}/lax.key`, "-out", `${dir}/lax.pem`, "-days", "30", "-subj", "/CN=lax CA", "-addext", "basicConstraints=CA:TRUE", "-addext", "keyUsage=keyCertSign,cRLSign"]);
    await runOpenSSL(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${dir}/lax-leaf.key`, "-out", `${dir}/lax-leaf.csr`, "-subj", "/CN=localhost"]);
    writeFileSync(`${dir}/lax-leaf.ext`, "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n");
    await runOpenSSL(["x509", "-req", "-in", `${dir}/lax-leaf.csr`, "-CA", `${dir}/lax.pem`, "-CAkey", `${dir}/lax.key`, "-set_serial", "7", "-days", "30", "-out", `${dir}/lax-leaf.pem`, "-extfile", `${dir}/lax-leaf.ext`]);
    const server = new SSLContext(PROTOCOL_TLS_SERVER);
    server.loadCertChain(`${dir}/lax-leaf.pem`, `${dir}/lax-leaf.key`);
    const { port } = await serve(server);
    const python = await runPythonJSON<{ code: number; message: string } | null>(
      "import json, socket, ssl, sys\nc = ssl.create_default_context(cafile=sys.argv[2])\nc.verify_flags |= ssl.VERIFY_X509_STRICT\ntry:\n  c.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost').close(); print('null')\nexcept ssl.SSLCertVerificationError as e: print(json.dumps({'code': e.verify_code, 'message': e.verify_message}))",
      [String(port), `${dir}/lax.pem`],
    );
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.loadVerifyLocations({ caFile: `${dir}/lax.pem` });
    await expect(connectWith(context, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    context.verifyFlags |= VERIFY_X509_STRICT;
    expect(python).not.toBeNull();
    await expect(connectWith(context, port, "localhost")).rejects.toMatchObject({ constructor: SSLCertVerificationError, verifyCode: python?.code, verifyMessage: python?.message });
  });

  it("accepts the well-formed test PKI under VERIFY_X509_STRICT, on both sides", async () => {
    const server = serverContext();
    server.verifyMode = CERT_REQUIRED;
    server.verifyFlags |= VERIFY_X509_STRICT;
    server.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    const { port, events } = await serve(server);
    const client = clientContext();
    client.verifyFlags |= VERIFY_X509_STRICT;
    client.loadCertChain(fixtures.pki.client.certPath, fixtures.pki.client.keyPath);
    await expect(connectWith(client, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost", received: "hello" });
    expect(events).toEqual([expect.objectContaining({ ok: true, peerCN: "sslkit client" })]);
  });

  it("rejects bits that are not verify flags", () => {
    expect(() => ((new SSLContext()).verifyFlags = 0x2)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("checks loaded CRLs only with VERIFY_CRL_CHECK_LEAF", async () => {
    const { port } = await serve(serverContext());
    const crl = fixtures.pki.revoke(fixtures.pki.server.certPath);
    const context = clientContext();
    expect(() => { context.loadVerifyLocations({ caData: crl }); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_NO_CA_CERTIFICATE" }));
    context.loadVerifyLocations({ caFile: fixtures.pki.dir.file("revoked.crl") });
    expect(context.certStoreStats()).toMatchObject({ crl: 1 });
    await expect(connectWith(context, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    context.verifyFlags |= VERIFY_CRL_CHECK_LEAF;
    await expect(connectWith(context, port, "localhost")).rejects.toMatchObject({
      verifyCode: 23,
      message: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate revoked",
    });
  });
});

describe("SSLContext.getSecureContext", () => {
  it("is built once and shared by 10,000 wraps, then rebuilt after a change", { timeout: 120_000 }, () => {
    const context = clientContext();
    const first = context.toTLSOptions({ serverHostname: "localhost" }).secureContext;
    let shared = 0;
    for (let i = 0; i < 10_000; i++) {
      const options = context.toTLSOptions({ serverHostname: "localhost" });
      const transport = new Duplex({ read() {}, write(_chunk, _encoding, callback) { callback(); } });
      // A TLSSocket creates its OpenSSL SSL object from the SecureContext at construction.
      const socket = new tls.TLSSocket(transport, options);
      socket.on("error", () => undefined);
      if (options.secureContext === first) shared++;
      socket.destroy();
      transport.destroy();
    }
    expect(shared).toBe(10_000);
    // verifyMode, checkHostname, ALPN and SNI live in the per-socket options, not the SecureContext.
    context.checkHostname = false;
    context.verifyMode = CERT_OPTIONAL;
    context.setALPNProtocols(["h2"]);
    expect(context.getSecureContext()).toBe(first);
    context.maximumVersion = TLSVersion.TLSv1_2;
    const rebuilt = context.getSecureContext();
    expect(rebuilt).not.toBe(first);
    expect(context.getSecureContext()).toBe(rebuilt);
  });
});
