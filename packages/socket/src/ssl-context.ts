import { SSLContext as BaseSSLContext, createDefaultContext as createBaseDefaultContext } from "@sslkit/context";
import type { DefaultContextOptions } from "@sslkit/context";
import { invalidArgTypeError } from "@sslkit/errors";
import { MemoryBIO } from "./memory-bio.js";
import { createSSLObject } from "./ssl-object.js";
import type { SSLObject } from "./ssl-object.js";
import { checkSession } from "./ssl-session.js";
import type { Socket } from "./socket.js";
import type { SSLSession } from "./ssl-session.js";
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
  /** Client: a session of this context to offer for resumption. */
  readonly session?: SSLSession | null;
}

/** Options of {@link SSLContext.wrapBIO} (Python's `SSLContext.wrap_bio` keyword arguments). */
export interface WrapBIOOptions {
  /** Server side of the connection. @defaultValue `false` */
  readonly serverSide?: boolean;
  /** The server's name: SNI, and the name checked against its certificate. */
  readonly serverHostname?: string | null;
  /** Client: a session of this context to offer for resumption. */
  readonly session?: SSLSession | null;
}

/**
 * `@sslkit/context`'s `SSLContext` plus the methods that make connections: `wrapSocket` and
 * `wrapBIO` (DESIGN.md "Naming": `@sslkit/context` does no I/O). Everything else is inherited
 * unchanged.
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

  /**
   * Makes an {@link SSLObject}: TLS over two {@link MemoryBIO}s, synchronous, with no I/O of
   * its own (Python's `SSLContext.wrap_bio`). Nothing is written before the first
   * `doHandshake()` (or `read`/`write`), so `session` can still be set.
   *
   * @param incoming - The BIO the peer's bytes are written into.
   * @param outgoing - The BIO this side's bytes appear in.
   * @param options - {@link WrapBIOOptions}.
   * @throws `ERR_INVALID_ARG_TYPE` when a BIO is not a `MemoryBIO`; what `toTLSOptions` throws
   *   (`ERR_SSLKIT_CONTEXT_WRONG_SIDE`, `ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED`,
   *   `ERR_SSLKIT_CONTEXT_HOSTNAME_ON_SERVER`); `ERR_SSLKIT_SOCKET_SESSION_*` for a `session` on
   *   the server side or from another context.
   * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_bio | SSLContext.wrap_bio}
   * @example
   * ```ts
   * const incoming = new MemoryBIO();
   * const outgoing = new MemoryBIO();
   * const tls = context.wrapBIO(incoming, outgoing, { serverHostname: "localhost" });
   * ```
   */
  wrapBIO(incoming: MemoryBIO, outgoing: MemoryBIO, options: WrapBIOOptions = {}): SSLObject {
    if (!(incoming instanceof MemoryBIO)) throw invalidArgTypeError("incoming", "an instance of MemoryBIO", incoming);
    if (!(outgoing instanceof MemoryBIO)) throw invalidArgTypeError("outgoing", "an instance of MemoryBIO", outgoing);
    if (typeof options !== "object" || (options as WrapBIOOptions | null) === null) throw invalidArgTypeError("options", "of type object", options);
    const serverSide: unknown = options.serverSide ?? false;
    if (typeof serverSide !== "boolean") throw invalidArgTypeError("options.serverSide", "of type boolean", serverSide);
    const serverHostname = options.serverHostname ?? null;
    // The checks Python makes in wrap_bio (wrong side, hostname required, hostname on a server).
    this.toTLSOptions({ serverSide, serverHostname });
    const session = checkSession(options.session, { context: this, serverSide, started: false });
    return createSSLObject(incoming, outgoing, { context: this, serverSide, serverHostname, session });
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
