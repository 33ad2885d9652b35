import { isIP } from "node:net";
import { CERT_NONE, PROTOCOL_TLS_CLIENT } from "@sslkit/context";
import { AF_INET, AF_INET6, SSLContext, Socket } from "@sslkit/socket";
import type { SSLSession, SSLSocket } from "@sslkit/socket";
import { asNetworkError } from "./network.js";

/** Where and how {@link connectTLS} connects. */
export interface TLSClientOptions {
  readonly host: string;
  readonly port: number;
  /** The SNI name; `host` when absent (no SNI for an IP address, as OpenSSL). */
  readonly serverName?: string | undefined;
  /** A configured context; by default one that verifies nothing (like `openssl s_client`). */
  readonly context?: SSLContext;
  /** Seconds for the connection and the handshake. */
  readonly timeout: number;
  /** Runs on the connected plain socket before TLS starts (STARTTLS preambles). */
  readonly beforeHandshake?: (sock: Socket) => Promise<void>;
  /** A session of `context` from an earlier connection, offered for resumption. */
  readonly session?: SSLSession | null;
}

/** A client context that completes the handshake whatever the peer's certificate. */
export function unverifiedContext(): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.checkHostname = false;
  context.verifyMode = CERT_NONE;
  return context;
}

/** The SNI name to send: `--servername`, else the host unless it is an IP address. */
export function sniName(host: string, serverName: string | undefined): string | null {
  if (serverName !== undefined) return serverName === "" ? null : serverName;
  return isIP(host) === 0 ? host : null;
}

/** Connects over TCP, runs the optional preamble, and completes a TLS handshake. */
export async function connectTLS(options: TLSClientOptions): Promise<SSLSocket> {
  const sock = new Socket(isIP(options.host) === 6 ? AF_INET6 : AF_INET);
  sock.setTimeout(options.timeout);
  const where = `${options.host}:${options.port}`;
  try {
    await sock.connect([options.host, options.port]);
    if (options.beforeHandshake !== undefined) await options.beforeHandshake(sock);
    return await (options.context ?? unverifiedContext()).wrapSocket(sock, { serverHostname: sniName(options.host, options.serverName), session: options.session ?? null });
  } catch (error) {
    await sock.close().catch(() => undefined);
    throw asNetworkError(error, where);
  }
}
