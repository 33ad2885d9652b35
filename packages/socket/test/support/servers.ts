import { CERT_OPTIONAL, CERT_REQUIRED, PROTOCOL_TLS_SERVER } from "@sslkit/context";
import type { VerifyMode } from "@sslkit/context";
import { SSLContext, Socket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import type { TestIdentity, TestPKI } from "@sslkit/test-utils";

/** A listening server-side SSLSocket on 127.0.0.1 and the port it got. */
export interface TestServer {
  readonly server: SSLSocket;
  readonly port: number;
  readonly context: SSLContext;
  close(): Promise<void>;
}

/** Starts a server-side SSLSocket presenting `identity` (the PKI's `server` by default). */
export async function startServer(
  pki: TestPKI,
  options: { identity?: TestIdentity; verifyMode?: VerifyMode; alpn?: string[]; doHandshakeOnConnect?: boolean } = {},
): Promise<TestServer> {
  const context = new SSLContext(PROTOCOL_TLS_SERVER);
  const identity = options.identity ?? pki.server;
  context.loadCertChain(identity.certPath, identity.keyPath);
  if (options.verifyMode === CERT_REQUIRED || options.verifyMode === CERT_OPTIONAL) {
    context.verifyMode = options.verifyMode;
    context.loadVerifyLocations({ caFile: pki.ca.certPath });
  }
  if (options.alpn !== undefined) context.setALPNProtocols(options.alpn);
  const listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  await listener.listen();
  const server = await context.wrapSocket(listener, { serverSide: true, doHandshakeOnConnect: options.doHandshakeOnConnect ?? true });
  return { server, port: server.getsockname()[1], context, close: () => server.close() };
}

/**
 * Accepts connections until the server is closed; each is handed to `handle` (default: read
 * until EOF, then close). Handshake failures of single connections are ignored.
 */
export function serveForever(server: SSLSocket, handle?: (conn: SSLSocket) => Promise<void>): Promise<void> {
  return (async () => {
    for (;;) {
      let conn: SSLSocket;
      try {
        [conn] = await server.accept();
      } catch (error) {
        if (server.getTimeout() !== 0 && isClosed(error)) return;
        continue;
      }
      void (async () => {
        try {
          if (handle !== undefined) await handle(conn);
          else while ((await conn.recv(65536)).length > 0);
        } catch {
          // the client went away
        } finally {
          await conn.close();
        }
      })();
    }
  })();
}

function isClosed(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ERR_SSLKIT_SOCKET_CLOSED";
}
