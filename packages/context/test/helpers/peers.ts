import * as tls from "node:tls";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { mapTLSError } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";
import { runProcess } from "@sslkit/test-utils";

/** What a client saw after a successful handshake. */
export interface ClientResult {
  readonly protocol: string | null;
  readonly cipher: string;
  readonly alpn: string | false;
  readonly peerCN: unknown;
  readonly ephemeral: tls.EphemeralKeyInfo | object;
  readonly received: string;
  /** Whether the server resumed the session given in `session`. */
  readonly reused: boolean;
  /** The last session (ticket) the server sent, for a later `session` option. */
  readonly session: Buffer | undefined;
}

/**
 * Connects to 127.0.0.1:port with the options `context.toTLSOptions()` gives, reads until
 * the server closes, and resolves what was negotiated; rejects with `mapTLSError(error)`.
 */
export function connectWith(
  context: SSLContext,
  port: number,
  serverHostname?: string | null,
  { endAfterHandshake = false, session }: { readonly endAfterHandshake?: boolean; readonly session?: Buffer | undefined } = {},
): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    let options;
    try {
      options = context.toTLSOptions(serverHostname === undefined ? {} : { serverHostname });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // Report the handshake to the context as @sslkit/socket does, so sessionStats() counts it.
    context.recordHandshake({ phase: "start", serverSide: false });
    const socket = tls.connect({ host: "127.0.0.1", port, ...options, ...(session === undefined ? {} : { session }) });
    let received = "";
    let lastSession: Buffer | undefined;
    socket.on("session", (ticket: Buffer) => (lastSession = ticket));
    let failure: Error | undefined;
    let verification: Promise<Omit<ClientResult, "received" | "session"> | undefined> = Promise.resolve(undefined);
    socket.setEncoding("utf8");
    socket.on("keylog", (line) => { context.appendKeylogLine(line); });
    socket.on("data", (chunk: string) => (received += chunk));
    socket.once("secureConnect", () => {
      const negotiated = {
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
        alpn: socket.alpnProtocol ?? false,
        peerCN: (socket.getPeerCertificate().subject as tls.Certificate | undefined)?.CN,
        ephemeral: socket.getEphemeralKeyInfo() ?? {},
        reused: socket.isSessionReused(),
      };
      verification = context.verifyPeer(socket, false).then((error) => {
        if (error !== undefined) {
          failure ??= error;
          socket.destroy();
          return undefined;
        }
        context.recordHandshake({ phase: "done", serverSide: false, resumed: negotiated.reused, sessionOffered: session !== undefined });
        // A Node server greets and closes; openssl and python3 servers wait for the client.
        if (endAfterHandshake) socket.end();
        return negotiated;
      });
    });
    socket.once("error", (error) => {
      failure ??= mapTLSError(error);
      socket.destroy();
    });
    socket.once("close", () => {
      void verification.then((negotiated) => {
        if (failure !== undefined) reject(failure);
        else if (negotiated !== undefined) resolve({ ...negotiated, received, session: lastSession });
        else reject(new Error("closed before the handshake finished"));
      });
    });
  });
}

/** What a Node server saw from one client. */
export interface ServerEvent {
  readonly ok: boolean;
  readonly error?: Error;
  readonly protocol?: string | null;
  readonly peerCN?: unknown;
  readonly servername?: string | false;
  readonly alpn?: string | false;
}

/** A node:tls server made from `context.toTLSOptions({ serverSide: true })`. */
export interface NodeServer {
  readonly port: number;
  readonly events: ServerEvent[];
  close(): Promise<void>;
}

/**
 * Starts a TCP server on 127.0.0.1:0 that wraps each connection with
 * `new tls.TLSSocket(raw, context.toTLSOptions({ serverSide: true }))` — what
 * `@sslkit/socket` does — greets each verified client with "hello" and closes.
 */
export async function serveWith(context: SSLContext): Promise<NodeServer> {
  const events: ServerEvent[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on("error", () => undefined);
    const socket = new tls.TLSSocket(raw, { ...context.toTLSOptions({ serverSide: true, socket: raw }) });
    context.recordHandshake({ phase: "start", serverSide: true });
    socket.on("keylog", (line) => { context.appendKeylogLine(line); });
    socket.once("error", (error) => {
      events.push({ ok: false, error: mapTLSError(error) });
      socket.destroy();
    });
    socket.once("secure", () => {
      const seen: ServerEvent = {
        ok: true,
        protocol: socket.getProtocol(),
        peerCN: (socket.getPeerCertificate().subject as tls.Certificate | undefined)?.CN,
        servername: (socket as tls.TLSSocket & { servername: string | false }).servername,
        alpn: socket.alpnProtocol ?? false,
      };
      void context.verifyPeer(socket, true).then((error) => {
        if (error !== undefined) {
          events.push({ ok: false, error });
          socket.destroy();
          return;
        }
        context.recordHandshake({ phase: "done", serverSide: true, resumed: socket.isSessionReused(), sessionOffered: false });
        events.push(seen);
        socket.end("hello");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => { resolve(); });
      }),
  };
}

/** Runs `openssl s_client` against 127.0.0.1:port with stdin closed; returns its output. */
export async function opensslClient(port: number, args: readonly string[]): Promise<{ status: number | null; output: string }> {
  const result = await runProcess("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, ...args], { input: "", timeoutMs: 10_000 });
  return { status: result.status, output: result.stdout.toString("utf8") + result.stderr };
}

/** Runs a python3 script with `args`; resolves its stdout parsed as JSON (rejects on failure). */
export async function python<T>(script: string, args: readonly (string | number)[]): Promise<T> {
  const result = await runProcess("python3", ["-c", script, ...args.map(String)], { timeoutMs: 15_000 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout.toString("utf8")) as T;
}
