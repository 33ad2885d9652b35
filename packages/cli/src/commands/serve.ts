import type { TLSSocket } from "node:tls";
import { isIP } from "node:net";
import { defineCommand } from "citty";
import { CERT_OPTIONAL, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { AF_INET, AF_INET6, SSLContext, Socket } from "@sslkit/socket";
import type { Address, SSLSocket } from "@sslkit/socket";
import { Certificate } from "@sslkit/x509";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { warnOnKeyPermissions } from "../lib/key-permissions.js";
import { bad, dim, good } from "../lib/style.js";

/** What `serve` prints for each client that completed a handshake. */
interface HandshakeEvent {
  readonly event: "handshake";
  readonly client: string;
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly bits: number | null;
  readonly sni: string | null;
  readonly alpn: string | null;
  readonly clientCertificate: string | null;
}

function describeHandshake(conn: SSLSocket, address: Address): HandshakeEvent {
  const stream = conn.stream as TLSSocket | null;
  const servername: unknown = stream === null ? undefined : (stream as TLSSocket & { servername?: unknown }).servername;
  const der = conn.getPeerCert(true);
  const cipher = conn.cipher();
  return {
    event: "handshake",
    client: formatAddress(address),
    protocol: conn.version(),
    cipher: cipher?.[0] ?? null,
    bits: cipher?.[2] ?? null,
    sni: typeof servername === "string" && servername !== "" ? servername : null,
    alpn: conn.selectedALPNProtocol(),
    clientCertificate: der === null ? null : new Certificate(der).subjectString,
  };
}

function formatAddress([host, port]: Address): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new CLIError(`--port must be 0-65535, not ${JSON.stringify(text)}`, ExitCode.USAGE);
  return port;
}

/** Reads an HTTP request head (up to 64 KiB), then answers with the handshake as JSON. */
async function answerHTTP(conn: SSLSocket, event: HandshakeEvent): Promise<void> {
  let head = "";
  while (!head.includes("\r\n\r\n") && head.length < 65_536) {
    const chunk = await conn.recv(16_384);
    if (chunk.length === 0) return;
    head += chunk.toString("latin1");
  }
  const body = `${JSON.stringify(event, null, 2)}\n`;
  await conn.sendall(Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`));
}

async function echo(conn: SSLSocket): Promise<void> {
  for (;;) {
    const chunk = await conn.recv(65_536);
    if (chunk.length === 0) return;
    await conn.sendall(chunk);
  }
}

export default defineCommand({
  meta: { name: "serve", description: "Run a TLS test server that prints each client's handshake" },
  args: {
    cert: { type: "string", description: "Server certificate chain (PEM)", required: true },
    key: { type: "string", description: "Private key (PEM; default: in --cert)" },
    host: { type: "string", description: "Address to listen on (default 127.0.0.1)" },
    port: { type: "string", description: "Port to listen on (default 0: any free port, printed)" },
    echo: { type: "boolean", description: "Echo what each client sends" },
    http: { type: "boolean", description: "Answer HTTP requests with the handshake as JSON" },
    "client-ca": { type: "string", description: "Ask clients for a certificate and verify it against these CAs" },
    alpn: { type: "string", description: "ALPN protocols to accept, comma-separated" },
    json: { type: "boolean", description: "Print one JSON document per line (events)" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    const print = (event: Record<string, unknown>, text: string): void => {
      process.stdout.write(args.json ? `${JSON.stringify(event)}\n` : `${text}\n`);
    };
    try {
      if (args.echo && args.http) throw new CLIError("--echo and --http cannot be combined", ExitCode.USAGE);
      const host = args.host ?? "127.0.0.1";
      const port = parsePort(args.port);
      const context = new SSLContext(PROTOCOL_TLS_SERVER);
      context.loadCertChain(args.cert, args.key ?? null);
      warnOnKeyPermissions(args.key ?? args.cert);
      if (args["client-ca"] !== undefined) {
        context.verifyMode = CERT_OPTIONAL;
        context.loadVerifyLocations({ caFile: args["client-ca"] });
      }
      if (args.alpn !== undefined) context.setALPNProtocols(args.alpn.split(",").map((name) => name.trim()).filter((name) => name !== ""));
      const listener = new Socket(isIP(host) === 6 ? AF_INET6 : AF_INET);
      listener.bind([host, port]);
      await listener.listen();
      const server = await context.wrapSocket(listener, { serverSide: true, doHandshakeOnConnect: false });
      const bound = server.getsockname();
      print({ event: "listening", host: bound[0], port: bound[1] }, `listening on ${formatAddress(bound)} ${dim("(Ctrl-C to stop)")}`);

      const open = new Set<SSLSocket>();
      const state: { stopping: boolean } = { stopping: false };
      const isStopping = (): boolean => state.stopping;
      const stop = (): void => {
        if (state.stopping) return;
        state.stopping = true;
        void server.close();
        for (const conn of open) void conn.close();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);

      const serve = async (conn: SSLSocket, address: Address): Promise<void> => {
        open.add(conn);
        try {
          await conn.doHandshake();
          const event = describeHandshake(conn, address);
          print({ ...event }, good(`${event.client} ${event.protocol ?? "?"} ${event.cipher ?? "?"} ${dim(`SNI ${event.sni ?? "none"}, ALPN ${event.alpn ?? "none"}, client certificate ${event.clientCertificate ?? "none"}`)}`));
          if (args.http) await answerHTTP(conn, event);
          else if (args.echo) await echo(conn);
        } catch (error) {
          if (!state.stopping) {
            const message = error instanceof Error ? error.message : String(error);
            const code = (error as { code?: unknown }).code;
            print({ event: "error", client: formatAddress(address), code: typeof code === "string" ? code : null, message }, bad(`${formatAddress(address)} ${message}`));
          }
        } finally {
          open.delete(conn);
          await conn.close().catch(() => undefined);
        }
      };

      while (!isStopping()) {
        let accepted: [SSLSocket, Address];
        try {
          accepted = await server.accept();
        } catch (error) {
          if (isStopping()) break;
          throw error;
        }
        void serve(...accepted);
      }
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      print({ event: "stopped" }, dim("stopped"));
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
