import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLEOFError } from "@sslkit/errors";
import { SSLContext, Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { useSocketFixtures } from "./support/fixtures.js";
import { startPython } from "./support/python-peer.js";

// A peer that closes its TCP connection without a close_notify (a "ragged EOF"): after the
// bytes it sent, recv() reads EOF (an empty buffer) when suppressRaggedEofs is on (the
// default) and rejects with SSLEOFError when it is off — as CPython does. The peers are
// openssl s_server / s_client (killed, so the kernel closes their socket) and CPython
// (whose SSLSocket.close() sends no close_notify), with sslkit in both roles.

const { pki, later } = useSocketFixtures();

/** An `openssl` child with its stdin open: what it prints, and how to make it vanish (SIGKILL). */
interface OpenSSLPeer {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  close(): Promise<void>;
}

function startOpenSSL(args: readonly string[]): OpenSSLPeer {
  const child = spawn("openssl", args, { stdio: ["pipe", "pipe", "pipe"] });
  let text = "";
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer): void => {
    text += chunk.toString("utf8");
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("close", () => { resolve(); }));
  return {
    child,
    output: () => text,
    waitFor: async (pattern) => {
      for (;;) {
        const match = pattern.exec(text);
        if (match !== null) return match;
        if (child.exitCode !== null) throw new Error(`openssl exited with ${child.exitCode}: ${text}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

async function readLine(sock: SSLSocket): Promise<string> {
  let text = "";
  while (!text.includes("\n")) {
    const chunk = await sock.recv(1024);
    if (chunk.length === 0) break;
    text += chunk.toString();
  }
  return text;
}

/** recv() after the peer vanished: the empty read or the error, whichever it gives. */
async function afterRaggedEOF(sock: SSLSocket): Promise<unknown> {
  try {
    return await sock.recv(1024);
  } catch (error) {
    return error;
  }
}

function expectRaggedEOF(outcome: unknown, suppressRaggedEofs: boolean): void {
  if (suppressRaggedEofs) {
    expect(outcome).toEqual(Buffer.alloc(0));
  } else {
    expect(outcome).toBeInstanceOf(SSLEOFError);
    expect((outcome as SSLEOFError).message).toMatch(/EOF occurred in violation of protocol/);
  }
}

async function client(port: number, suppressRaggedEofs: boolean): Promise<SSLSocket> {
  const context = createDefaultContext({ caFile: pki.ca.certPath });
  const sock = later(await context.wrapSocket(new Socket(), { serverHostname: "localhost", suppressRaggedEofs }));
  await sock.connect(["127.0.0.1", port]);
  return sock;
}

async function server(suppressRaggedEofs: boolean): Promise<[SSLSocket, number]> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  context.loadCertChain(pki.server.certPath, pki.server.keyPath);
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen();
  const wrapped = later(await context.wrapSocket(listener, { serverSide: true, suppressRaggedEofs }));
  return [wrapped, wrapped.getsockname()[1]];
}

const RAGGED_PYTHON_SERVER = `
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print(srv.getsockname()[1])
conn, _ = srv.accept()
tls = ctx.wrap_socket(conn, server_side=True)
tls.sendall(b"partial\\n")
tls.close()  # CPython's close() sends no close_notify
srv.close()
`;

const RAGGED_PYTHON_CLIENT = `
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
print("ready")
tls = ctx.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))), server_hostname="localhost")
tls.sendall(b"partial\\n")
reply = b""
while not reply.endswith(b"\\n"):
    reply += tls.recv(1024)  # also reads the session tickets, so close() sends a FIN, not a reset
tls.close()  # CPython's close() sends no close_notify
`;

describe.each([true, false])("a peer that closes without close_notify (suppressRaggedEofs: %s)", (suppressRaggedEofs) => {
  it("reads as Python says when openssl s_server vanishes after sending data", async () => {
    const peer = later(startOpenSSL(["s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-cert", pki.server.certPath, "-key", pki.server.keyPath]));
    const port = Number((await peer.waitFor(/ACCEPT 127\.0\.0\.1:(\d+)/))[1]);
    const sock = await client(port, suppressRaggedEofs);
    peer.child.stdin.write("partial\n");
    expect(await readLine(sock)).toBe("partial\n");
    await peer.close();
    expectRaggedEOF(await afterRaggedEOF(sock), suppressRaggedEofs);
  });

  it("reads as Python says when openssl s_client vanishes after sending data", async () => {
    const [listening, port] = await server(suppressRaggedEofs);
    const accepted = listening.accept();
    const peer = later(startOpenSSL(["s_client", "-connect", `127.0.0.1:${port}`, "-CAfile", pki.ca.certPath, "-servername", "localhost", "-verify_return_error", "-quiet"]));
    const [conn] = await accepted;
    later(conn);
    peer.child.stdin.write("partial\n");
    expect(await readLine(conn)).toBe("partial\n");
    // Once s_client printed this it has read everything before it (the session tickets
    // included), so its socket closes with a FIN, not a reset.
    await conn.sendall(Buffer.from("ack\n"));
    await peer.waitFor(/ack/);
    await peer.close();
    expectRaggedEOF(await afterRaggedEOF(conn), suppressRaggedEofs);
  });

  it("reads as Python says when a CPython server closes without unwrap()", async () => {
    const peer = later(await startPython(RAGGED_PYTHON_SERVER, [pki.server.certPath, pki.server.keyPath]));
    const sock = await client(Number(peer.firstLine), suppressRaggedEofs);
    expect(await readLine(sock)).toBe("partial\n");
    expectRaggedEOF(await afterRaggedEOF(sock), suppressRaggedEofs);
    await peer.finished();
  });

  it("reads as Python says when a CPython client closes without unwrap()", async () => {
    const [listening, port] = await server(suppressRaggedEofs);
    const accepted = listening.accept();
    const peer = later(await startPython(RAGGED_PYTHON_CLIENT, [String(port), pki.ca.certPath]));
    const [conn] = await accepted;
    later(conn);
    expect(await readLine(conn)).toBe("partial\n");
    await conn.sendall(Buffer.from("ack\n"));
    await peer.finished();
    expectRaggedEOF(await afterRaggedEOF(conn), suppressRaggedEofs);
  });
});
