import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { connect as netConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { ConnectionOptions, TLSSocket } from "node:tls";
import { fileURLToPath } from "node:url";
import { makeTestPKI, runProcess } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

interface ServeEvent {
  event: string;
  port?: number;
  client?: string;
  protocol?: string | null;
  cipher?: string | null;
  sni?: string | null;
  alpn?: string | null;
  clientCertificate?: string | null;
  code?: string | null;
}

/** `sslkit serve` running as a child process, and the JSON lines it printed. */
interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** Resolves the first printed event (from the start) that `match` accepts. */
  waitFor(match: (event: ServeEvent) => boolean): Promise<ServeEvent>;
  stderr(): string;
}

let pki: TestPKI;
let served: Served | undefined;

beforeAll(() => {
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

afterEach(async () => {
  const child = served?.child;
  served = undefined;
  if (child !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
});

async function serve(extra: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [bin, "serve", "--cert", pki.server.certPath, "--key", pki.server.keyPath, "--json", ...extra]);
  const events: ServeEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffered = "";
  let errors = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) events.push(JSON.parse(line) as ServeEvent);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => { errors += chunk; });
  child.once("exit", () => { for (const wake of waiters.splice(0)) wake(); });
  const waitFor = async (match: (event: ServeEvent) => boolean): Promise<ServeEvent> => {
    for (;;) {
      const found = events.find(match);
      if (found !== undefined) return found;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sslkit serve exited: ${errors}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const listening = await waitFor((event) => event.event === "listening");
  served = { child, port: listening.port ?? 0, waitFor, stderr: () => errors };
  return served;
}

function connectTLS(port: number, options: ConnectionOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, ca: pki.ca.cert, ...options }, () => { resolve(socket); });
    socket.once("error", reject);
  });
}

function readAll(socket: TLSSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => { text += chunk; });
    socket.once("end", () => { resolve(text); });
    socket.once("error", reject);
  });
}

describe("sslkit serve", () => {
  it("prints each client's protocol, cipher, SNI and ALPN, and stops cleanly on SIGTERM", async () => {
    const server = await serve(["--alpn", "h2,http/1.1"]);
    const client = await connectTLS(server.port, { servername: "localhost", ALPNProtocols: ["h2"] });
    const event = await server.waitFor((e) => e.event === "handshake");
    expect(event).toMatchObject({ protocol: "TLSv1.3", sni: "localhost", alpn: "h2", clientCertificate: null });
    expect(event.cipher).toBe(client.getCipher().name);
    expect(event.client).toBe(`127.0.0.1:${client.localPort ?? 0}`);
    client.destroy();
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => { resolve(code); }));
    server.child.kill("SIGTERM");
    await server.waitFor((e) => e.event === "stopped");
    expect(await exited).toBe(0);
    expect(server.stderr()).toBe("");
  });

  it("echoes what a client sends with --echo", async () => {
    const server = await serve(["--echo"]);
    const client = await connectTLS(server.port, { servername: "localhost" });
    const received = readAll(client);
    client.end("ping over TLS");
    expect(await received).toBe("ping over TLS");
  });

  it("answers HTTP requests with the handshake as JSON with --http", async () => {
    const server = await serve(["--http"]);
    const client = await connectTLS(server.port, { servername: "localhost" });
    const received = readAll(client);
    client.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const response = await received;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const body = JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4)) as ServeEvent;
    expect(body).toMatchObject({ event: "handshake", sni: "localhost", protocol: "TLSv1.3" });
  });

  it("shows the subject of openssl s_client's certificate with --client-ca", async () => {
    const server = await serve(["--client-ca", pki.ca.certPath]);
    const result = await runProcess("openssl", ["s_client", "-connect", `127.0.0.1:${server.port}`, "-servername", "localhost", "-cert", pki.client.certPath, "-key", pki.client.keyPath, "-CAfile", pki.ca.certPath], { input: "" });
    expect(result.status).toBe(0);
    const event = await server.waitFor((e) => e.event === "handshake");
    expect(event.clientCertificate).toBe("CN=sslkit client");
    expect(event.sni).toBe("localhost");
  });

  it("reports a failed handshake and keeps serving", async () => {
    const server = await serve([]);
    await new Promise<void>((resolve) => {
      const plain = netConnect(server.port, "127.0.0.1", () => { plain.end("GET / HTTP/1.0\r\n\r\n"); });
      plain.on("close", () => { resolve(); });
      plain.on("error", () => { resolve(); });
    });
    const failure = await server.waitFor((e) => e.event === "error");
    expect(failure.client).toMatch(/^127\.0\.0\.1:\d+$/);
    const client = await connectTLS(server.port, { servername: "localhost" });
    expect((await server.waitFor((e) => e.event === "handshake")).sni).toBe("localhost");
    client.destroy();
  });

  it("exits 2 when --echo and --http are combined", async () => {
    const { stderr, exitCode } = await runCLI(["serve", "--cert", pki.server.certPath, "--key", pki.server.keyPath, "--echo", "--http"]);
    expect(stderr).toContain("--echo and --http cannot be combined");
    expect(exitCode).toBe(2);
  });

  it("exits 2 on a port out of range", async () => {
    const { stderr, exitCode } = await runCLI(["serve", "--cert", pki.server.certPath, "--key", pki.server.keyPath, "--port", "70000"]);
    expect(stderr).toContain("--port must be 0-65535");
    expect(exitCode).toBe(2);
  });

  it("fails with one line and no stack when the key does not match the certificate", async () => {
    const { stderr, exitCode } = await runCLI(["serve", "--cert", pki.server.certPath, "--key", pki.client.keyPath]);
    expect(stderr).toMatch(/^sslkit: \w+/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(exitCode).toBe(1);
  });
});
