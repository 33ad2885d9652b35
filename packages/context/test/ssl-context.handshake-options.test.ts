import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OP_NO_TICKET, TLSVersion } from "@sslkit/context";
import type { SNICallback } from "@sslkit/context";
import { SSLError } from "@sslkit/errors";
import { runPythonJSON, startOpenSSLServer } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith, opensslClient, python } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve, serverContext, clientContext, closeAfterTest } = fixtures;

describe("SSLContext.setALPNProtocols", () => {
  it("negotiates the server's first choice that the client offers", async () => {
    const server = serverContext();
    server.setALPNProtocols(["http/1.1", "h2"]);
    const { port, events } = await serve(server);
    const client = clientContext();
    client.setALPNProtocols(["h2", "http/1.1"]);
    await expect(connectWith(client, port, "localhost")).resolves.toMatchObject({ alpn: "http/1.1" });
    expect(events[0]).toMatchObject({ alpn: "http/1.1" });
  });

  it("offers the client's protocols to openssl s_server", async () => {
    const server = closeAfterTest(await startOpenSSLServer(["-cert", fixtures.pki.server.certPath, "-key", fixtures.pki.server.keyPath, "-alpn", "spdy/3,h2"]));
    const client = clientContext();
    client.setALPNProtocols(["h2"]);
    await expect(connectWith(client, server.port, "localhost", { endAfterHandshake: true })).resolves.toMatchObject({ alpn: "h2" });
  });

  it("is chosen from by a python3 server's list", async () => {
    const script = `
import json, socket, ssl, sys, threading
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.set_alpn_protocols(["x-sslkit", "h2"])
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen()
print(json.dumps(ls.getsockname()[1]), flush=True)
conn, _ = ls.accept()
with ctx.wrap_socket(conn, server_side=True) as s:
    s.recv(1)
`;
    const { spawn } = await import("node:child_process");
    const child = spawn("python3", ["-c", script, fixtures.pki.server.certPath, fixtures.pki.server.keyPath], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve) => child.stdout.once("data", (chunk: Buffer) => { resolve(Number(chunk.toString())); }));
    const client = clientContext();
    client.setALPNProtocols(["h2", "x-sslkit"]);
    await expect(connectWith(client, port, "localhost", { endAfterHandshake: true })).resolves.toMatchObject({ alpn: "x-sslkit" });
    await new Promise((resolve) => child.once("exit", resolve));
  });

  it.each([[""], ["x".repeat(256)]])("refuses %j with Python's message", (protocol) => {
    expect(() => { clientContext().setALPNProtocols([protocol]); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_BAD_ALPN_PROTOCOL", message: "ALPN protocols must be 1 to 255 in length" }),
    );
  });

  it.each([["h2"], [[1]]])("rejects %j", (protocols) => {
    expect(() => { clientContext().setALPNProtocols(protocols as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("SSLContext.sniCallback", () => {
  it("lets the callback swap in another context for the client's server name", async () => {
    const fallback = serverContext("wrongHost");
    const localhost = serverContext("server");
    const calls: unknown[][] = [];
    fallback.sniCallback = (socket, serverName, context) => {
      calls.push([typeof socket, serverName, context === fallback]);
      return serverName === "localhost" ? localhost : undefined;
    };
    const { port } = await serve(fallback);
    await expect(connectWith(clientContext(), port, "localhost")).resolves.toMatchObject({ peerCN: "localhost" });
    await expect(connectWith(clientContext(), port, "other.example")).resolves.toMatchObject({ peerCN: "other.example" });
    expect(calls).toEqual([["object", "localhost", true], ["object", "other.example", true]]);
  });

  it("accepts an asynchronous callback and serves a python3 client", async () => {
    const fallback = serverContext("wrongHost");
    const localhost = serverContext("server");
    fallback.sniCallback = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return localhost;
    };
    const { port } = await serve(fallback);
    const result = await python<string>(
      "import json, socket, ssl, sys\nctx = ssl.create_default_context(cafile=sys.argv[2])\nwith ctx.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost') as s: print(json.dumps(s.recv(5).decode()))",
      [port, fixtures.pki.ca.certPath],
    );
    expect(result).toBe("hello");
  });

  it("aborts the handshake when the callback returns an alert number", async () => {
    const context = serverContext();
    const abort: SNICallback = () => 112;
    context.sniCallback = abort;
    const { port } = await serve(context);
    await expect(connectWith(clientContext(), port, "localhost")).rejects.toBeInstanceOf(SSLError);
  });

  it("is not called without SNI (an IP address as host)", async () => {
    const context = serverContext();
    let called = false;
    context.sniCallback = () => {
      called = true;
      return undefined;
    };
    const { port } = await serve(context);
    await connectWith(clientContext(), port, "127.0.0.1");
    expect(called).toBe(false);
  });

  it("rejects a non-function", () => {
    expect(() => { serverContext().sniCallback = "x" as never; }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("SSLContext.setEcdhCurve", () => {
  it.each([TLSVersion.TLSv1_2, TLSVersion.TLSv1_3])("makes the server use the curve (max version %i)", async (maximum) => {
    const context = serverContext();
    context.setEcdhCurve("secp384r1");
    const { port } = await serve(context);
    const client = clientContext();
    client.maximumVersion = maximum;
    await expect(connectWith(client, port, "localhost")).resolves.toMatchObject({ ephemeral: { type: "ECDH", name: "secp384r1" } });
  });

  it("is seen by openssl s_client", async () => {
    const context = serverContext();
    context.setEcdhCurve("secp521r1");
    const { port } = await serve(context);
    const { output } = await opensslClient(port, ["-groups", "X25519:secp521r1", "-CAfile", fixtures.pki.ca.certPath]);
    expect(output).toMatch(/Server Temp Key: ECDH, (secp521r1|P-521)/);
  });

  it("refuses an unknown curve with Python's message", () => {
    expect(() => { serverContext().setEcdhCurve("nope"); }).toThrow(
      expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_UNKNOWN_CURVE", message: "unknown elliptic curve name 'nope'" }),
    );
  });
});

describe("session resumption", () => {
  it.each([TLSVersion.TLSv1_2, TLSVersion.TLSv1_3])("resumes a session with a ticket (max version %i), also after the context was rebuilt", async (maximum) => {
    const server = serverContext();
    const { port } = await serve(server);
    const client = clientContext();
    client.maximumVersion = maximum;
    const first = await connectWith(client, port, "localhost");
    expect(first).toMatchObject({ reused: false });
    expect(first.session).toBeInstanceOf(Buffer);
    await expect(connectWith(client, port, "localhost", { session: first.session })).resolves.toMatchObject({ reused: true });
    // A settings change rebuilds the SecureContext; the ticket keys survive it, as in Python's one SSL_CTX.
    server.setCiphers("ECDHE+AESGCM");
    const rebuilt = await serve(server);
    await expect(connectWith(client, rebuilt.port, "localhost", { session: first.session })).resolves.toMatchObject({ reused: true });
  });

  it("does not resume a TLS 1.2 session when the server sets OP_NO_TICKET", async () => {
    const server = serverContext();
    server.options |= OP_NO_TICKET;
    const { port } = await serve(server);
    const client = clientContext();
    client.maximumVersion = TLSVersion.TLSv1_2;
    const first = await connectWith(client, port, "localhost");
    await expect(connectWith(client, port, "localhost", { session: first.session })).resolves.toMatchObject({ reused: false });
  });
});

describe("SSLContext.keylogFilename", () => {
  const SECRET_LINE = /^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET|CLIENT_TRAFFIC_SECRET_0|SERVER_TRAFFIC_SECRET_0|EXPORTER_SECRET|CLIENT_RANDOM) [0-9a-f]{64} [0-9a-f]+$/;

  it("writes Python's header and the NSS key log lines of real handshakes", async () => {
    const { port } = await serve(serverContext());
    const path = fixtures.pki.dir.file("keys.log");
    const client = clientContext();
    client.keylogFilename = path;
    expect(client.keylogFilename).toBe(path);
    await connectWith(client, port, "localhost");
    const pythonHeader = await runPythonJSON<string>(
      "import json, ssl, sys\nc = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nc.keylog_filename = sys.argv[1]\nprint(json.dumps(open(sys.argv[1]).read()))",
      [fixtures.pki.dir.file("python-keys.log")],
    );
    const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(`${header}\n`).toBe(pythonHeader);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(SECRET_LINE);
  });

  it("appends to an existing file without a second header, and stops when set to null", async () => {
    const { port } = await serve(serverContext());
    const path = fixtures.pki.dir.file("existing.log");
    writeFileSync(path, "# mine\n");
    const client = clientContext();
    client.keylogFilename = path;
    await connectWith(client, port, "localhost");
    const after = readFileSync(path, "utf8");
    expect(after.startsWith("# mine\nCLIENT") || after.startsWith("# mine\nSERVER")).toBe(true);
    client.keylogFilename = null;
    await connectWith(client, port, "localhost");
    expect(readFileSync(path, "utf8")).toBe(after);
  });

  it("refuses a path that cannot be opened", () => {
    expect(() => { clientContext().keylogFilename = fixtures.pki.dir.file("no/such/dir.log"); }).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_FILE_NOT_FOUND" }));
  });
});
