import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { CERT_NONE, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, Purpose, SSLContext, createDefaultContext } from "@sslkit/context";
import type { PurposeObject } from "@sslkit/context";
import { runPythonJSON } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith, python } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve, serverContext } = fixtures;
const savedKeylog = process.env["SSLKEYLOGFILE"];

afterEach(() => {
  if (savedKeylog === undefined) Reflect.deleteProperty(process.env, "SSLKEYLOGFILE");
  else process.env["SSLKEYLOGFILE"] = savedKeylog;
});

function describeContext(context: SSLContext): Record<string, unknown> {
  return {
    protocol: context.protocol,
    options: context.options,
    verifyMode: context.verifyMode,
    checkHostname: context.checkHostname,
    minimumVersion: context.minimumVersion,
    maximumVersion: context.maximumVersion,
    verifyFlags: context.verifyFlags,
    stats: context.certStoreStats(),
  };
}

const PYTHON_DEFAULT = `
import json, ssl, sys
purpose = ssl.Purpose.SERVER_AUTH if sys.argv[1] == "server" else ssl.Purpose.CLIENT_AUTH
kwargs = {"cafile": sys.argv[2]} if len(sys.argv) > 2 else {}
c = ssl.create_default_context(purpose, **kwargs)
print(json.dumps(dict(protocol=int(c.protocol), options=c.options, verifyMode=int(c.verify_mode), checkHostname=c.check_hostname,
    minimumVersion=int(c.minimum_version), maximumVersion=int(c.maximum_version), verifyFlags=int(c.verify_flags),
    stats=c.cert_store_stats())))
`;

describe("createDefaultContext", () => {
  it("makes the same client context as Python's create_default_context(), system CAs included", async () => {
    const python = await runPythonJSON<Record<string, unknown>>(PYTHON_DEFAULT, ["server"]);
    expect(describeContext(createDefaultContext())).toEqual(python);
  });

  it("makes the same server context as Python's for Purpose.CLIENT_AUTH", async () => {
    const python = await runPythonJSON<Record<string, unknown>>(PYTHON_DEFAULT, ["client"]);
    const context = createDefaultContext({ purpose: Purpose.CLIENT_AUTH });
    expect(describeContext(context)).toEqual(python);
    expect(context.protocol).toBe(PROTOCOL_TLS_SERVER);
    expect(context.verifyMode).toBe(CERT_NONE);
  });

  it("trusts only caFile when given, and checks the host name in a real handshake", async () => {
    const python = await runPythonJSON<Record<string, unknown>>(PYTHON_DEFAULT, ["server", fixtures.pki.ca.certPath]);
    const context = createDefaultContext({ caFile: fixtures.pki.ca.certPath });
    expect(describeContext(context)).toEqual(python);
    expect(context.protocol).toBe(PROTOCOL_TLS_CLIENT);
    const { port } = await serve(serverContext());
    await expect(connectWith(context, port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    await expect(connectWith(context, port, "other.example")).rejects.toMatchObject({ verifyCode: 62 });
    await expect(connectWith(createDefaultContext(), port, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
  });

  it("accepts caData and caPath", async () => {
    const { port } = await serve(serverContext());
    await expect(connectWith(createDefaultContext({ caData: fixtures.pki.ca.cert }), port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    expect(() => createDefaultContext({ caPath: fixtures.pki.dir.file("missing") })).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND" }));
  });

  it("serves a python3 client with a CLIENT_AUTH context", async () => {
    const context = createDefaultContext({ purpose: Purpose.CLIENT_AUTH });
    context.loadCertChain(fixtures.pki.server.certPath, fixtures.pki.server.keyPath);
    const server = await serve(context);
    await expect(
      python<string>(
        "import json, socket, ssl, sys\nctx = ssl.create_default_context(cafile=sys.argv[2])\nwith ctx.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost') as s: print(json.dumps(s.recv(5).decode()))",
        [server.port, fixtures.pki.ca.certPath],
      ),
    ).resolves.toBe("hello");
  });

  it("honours SSLKEYLOGFILE, as Python does", async () => {
    const path = fixtures.pki.dir.file("env-keys.log");
    process.env["SSLKEYLOGFILE"] = path;
    const context = createDefaultContext({ caFile: fixtures.pki.ca.certPath });
    expect(context.keylogFilename).toBe(path);
    await connectWith(context, (await serve(serverContext())).port, "localhost");
    expect(readFileSync(path, "utf8")).toMatch(/\nCLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} /);
  });

  it("instantiates a given SSLContext subclass (how @sslkit/socket adds wrapSocket)", () => {
    class WrappingContext extends SSLContext {
      wrapSocket(): string {
        return `wrapped with ${this.verifyMode}`;
      }
    }
    const context = createDefaultContext({ caFile: fixtures.pki.ca.certPath }, WrappingContext);
    expect(context).toBeInstanceOf(WrappingContext);
    expect(context.wrapSocket()).toBe("wrapped with 2");
    expect(context.certStoreStats()).toEqual({ x509: 1, crl: 0, x509_ca: 1 });
  });

  it("rejects an unknown purpose", () => {
    const purpose: PurposeObject = { nid: 1, shortname: "x", longname: "x", oid: "1.2.3" };
    expect(() => createDefaultContext({ purpose })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });
});
