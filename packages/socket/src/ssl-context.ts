import { SSLContext as BaseSSLContext, createDefaultContext as createBaseDefaultContext } from "@sslkit/context";
import type { DefaultContextOptions } from "@sslkit/context";
import type { Socket } from "./socket.js";
import type { SSLSocket } from "./ssl-socket.js";
import { wrapSocket } from "./wrap-socket.js";

/** Options of {@link SSLContext.wrapSocket} (Python's `SSLContext.wrap_socket` keyword arguments). */
export interface ContextWrapOptions {
  /** Server side of the connection. @defaultValue `false` */
  readonly serverSide?: boolean;
  /** Handshake in `connect()`/`accept()`/`wrapSocket`; `false` defers it to `doHandshake()`. @defaultValue `true` */
  readonly doHandshakeOnConnect?: boolean;
  /** A TCP close without close_notify reads as EOF instead of `SSLEOFError`. @defaultValue `true` */
  readonly suppressRaggedEofs?: boolean;
  /** The server's name: SNI, and the name checked against its certificate. */
  readonly serverHostname?: string | null;
}

/**
 * `@sslkit/context`'s `SSLContext` plus the one method that does I/O, `wrapSocket` (DESIGN.md
 * "Naming": `@sslkit/context` does no I/O). Everything else is inherited unchanged.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS_SERVER);
 * context.loadCertChain("server.pem", "server.key");
 * const server = await context.wrapSocket(listener, { serverSide: true });
 * const [conn] = await server.accept();
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLContext | ssl.SSLContext}
 */
export class SSLContext extends BaseSSLContext {
  /**
   * Wraps a socket with this context (Python's `SSLContext.wrap_socket`): see {@link wrapSocket}.
   *
   * @param sock - A plain socket (unconnected, connected or listening).
   * @param options - {@link ContextWrapOptions}.
   * @throws As {@link wrapSocket}; `ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED` when `checkHostname` is on and no `serverHostname` is given.
   * @see Python `SSLContext.wrap_socket`
   * @example
   * ```ts
   * const ssl = await createDefaultContext().wrapSocket(sock, { serverHostname: "example.org" });
   * ```
   */
  wrapSocket(sock: Socket, options: ContextWrapOptions = {}): Promise<SSLSocket> {
    return wrapSocket(sock, { ...options, context: this });
  }
}

/**
 * `@sslkit/context`'s `createDefaultContext` returning this package's {@link SSLContext} (with
 * `wrapSocket`): Python's secure defaults, host name checking on for clients.
 *
 * @param options - Purpose and trust anchors, as in `@sslkit/context`.
 * @throws As `@sslkit/context`'s `createDefaultContext`.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.create_default_context | ssl.create_default_context}
 * @example
 * ```ts
 * const context = createDefaultContext({ caFile: "ca.pem" });
 * const ssl = await context.wrapSocket(new Socket(), { serverHostname: "localhost" });
 * await ssl.connect(["127.0.0.1", port]);
 * ```
 */
export function createDefaultContext(options: DefaultContextOptions = {}): SSLContext {
  // @sslkit/context builds the subclass itself, so the result has wrapSocket from the start.
  return createBaseDefaultContext(options, SSLContext);
}
