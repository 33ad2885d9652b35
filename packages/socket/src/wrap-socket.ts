import { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED, PROTOCOL_TLS, SSLContext as BaseSSLContext } from "@sslkit/context";
import type { Protocol, VerifyMode } from "@sslkit/context";
import { invalidArgTypeError, invalidArgValueError } from "@sslkit/errors";
import { Socket, socketStateOf } from "./socket.js";
import { createSSLSocket } from "./ssl-socket.js";
import type { SSLSocket } from "./ssl-socket.js";
import { checkSession } from "./ssl-session.js";
import type { SSLSession } from "./ssl-session.js";

/** Options of {@link wrapSocket} (Python's `ssl.wrap_socket` keyword arguments, camelCase). */
export interface WrapSocketOptions {
  /** Use this context (Python's `SSLContext.wrap_socket`); then `keyfile`, `certfile`, `certReqs`, `sslVersion`, `caCerts` and `ciphers` must be omitted. */
  readonly context?: BaseSSLContext;
  /** Private key file (or PEM) when it is not in `certfile`. */
  readonly keyfile?: string | null;
  /** Certificate chain file (or PEM) this side presents; required on the server side. */
  readonly certfile?: string | null;
  /** Server side of the connection. @defaultValue `false` */
  readonly serverSide?: boolean;
  /** `CERT_NONE`, `CERT_OPTIONAL` or `CERT_REQUIRED`. @defaultValue `CERT_NONE` */
  readonly certReqs?: VerifyMode;
  /** The protocol of the context made. @defaultValue `PROTOCOL_TLS` (the seeds' SSLv3 does not exist any more) */
  readonly sslVersion?: Protocol;
  /** PEM file of trusted CA certificates. */
  readonly caCerts?: string | null;
  /** Handshake in `connect()`/`accept()`/`wrapSocket` itself; `false` defers it to `doHandshake()`. @defaultValue `true` */
  readonly doHandshakeOnConnect?: boolean;
  /** A TCP close without close_notify reads as EOF instead of `SSLEOFError`. @defaultValue `true` */
  readonly suppressRaggedEofs?: boolean;
  /** OpenSSL cipher string for the context made. */
  readonly ciphers?: string | null;
  /** The server's name: sent as SNI and checked against its certificate when the context checks host names. */
  readonly serverHostname?: string | null;
  /** Client: a session from an earlier connection of the same context, offered for resumption (see `sessionReused`). */
  readonly session?: SSLSession | null;
}

const CONTEXT_OWNED = ["keyfile", "certfile", "certReqs", "sslVersion", "caCerts", "ciphers"] as const;

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalidArgTypeError(`options.${name}`, "of type string", value);
  return value;
}

function optionalBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalidArgTypeError(`options.${name}`, "of type boolean", value);
  return value;
}

function contextFor(options: WrapSocketOptions, serverSide: boolean): BaseSSLContext {
  const certfile = optionalString(options.certfile, "certfile");
  const keyfile = optionalString(options.keyfile, "keyfile");
  const caCerts = optionalString(options.caCerts, "caCerts");
  const ciphers = optionalString(options.ciphers, "ciphers");
  if (serverSide && certfile === null) throw invalidArgValueError("options.certfile", certfile, "must be specified for server-side operations");
  if (keyfile !== null && certfile === null) throw invalidArgValueError("options.certfile", certfile, "must be specified when keyfile is");
  const certReqs: unknown = options.certReqs ?? CERT_NONE;
  if (certReqs !== CERT_NONE && certReqs !== CERT_OPTIONAL && certReqs !== CERT_REQUIRED) throw invalidArgValueError("options.certReqs", certReqs, "must be CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED");
  const context = new BaseSSLContext(options.sslVersion ?? PROTOCOL_TLS);
  context.checkHostname = false;
  context.verifyMode = certReqs;
  if (caCerts !== null) context.loadVerifyLocations({ caFile: caCerts });
  if (certfile !== null) context.loadCertChain(certfile, keyfile);
  if (ciphers !== null) context.setCiphers(ciphers);
  return context;
}

/**
 * Wraps a {@link Socket} in TLS (Python's `ssl.wrap_socket` and, with `context`,
 * `SSLContext.wrap_socket`). The plain socket is detached: use the returned {@link SSLSocket}.
 *
 * - a connected socket: the handshake runs now when `doHandshakeOnConnect` (the default);
 * - an unconnected client socket: TLS starts after `await ssl.connect(address)`;
 * - a listening server-side socket: `accept()` resolves already-wrapped SSLSockets.
 *
 * @param sock - A plain socket (unconnected, connected or listening).
 * @param options - {@link WrapSocketOptions}.
 * @throws `ERR_INVALID_ARG_VALUE` for a server side without `certfile`, a `context` together with
 *   `keyfile`/`certfile`/`certReqs`/`sslVersion`/`caCerts`/`ciphers`, or `doHandshakeOnConnect`
 *   on a non-blocking socket (Python's `ValueError`s).
 * @throws `ERR_SSLKIT_SOCKET_SESSION_*` for a `session` on the server side or from another context.
 * @throws What `SSLContext.loadCertChain`, `loadVerifyLocations`, `setCiphers` and
 *   `toTLSOptions` throw (`ERR_SSLKIT_CONTEXT_*`), and what {@link SSLSocket.doHandshake} throws.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_socket | ssl.wrap_socket / SSLContext.wrap_socket}
 * @example
 * ```ts
 * const sock = new Socket();
 * await sock.connect(["127.0.0.1", port]);
 * const ssl = await wrapSocket(sock, { certReqs: CERT_REQUIRED, caCerts: "ca.pem" });
 * console.log(ssl.getPeerCert());
 * ```
 */
export async function wrapSocket(sock: Socket, options: WrapSocketOptions = {}): Promise<SSLSocket> {
  if (!(sock instanceof Socket)) throw invalidArgTypeError("sock", "an instance of Socket", sock);
  if (typeof options !== "object" || (options as WrapSocketOptions | null) === null) throw invalidArgTypeError("options", "of type object", options);
  const serverSide = optionalBoolean(options.serverSide, "serverSide", false);
  const doHandshakeOnConnect = optionalBoolean(options.doHandshakeOnConnect, "doHandshakeOnConnect", true);
  const suppressRaggedEofs = optionalBoolean(options.suppressRaggedEofs, "suppressRaggedEofs", true);
  const serverHostname = optionalString(options.serverHostname, "serverHostname");
  let context: BaseSSLContext;
  if (options.context !== undefined) {
    if (!(options.context instanceof BaseSSLContext)) throw invalidArgTypeError("options.context", "an instance of SSLContext", options.context);
    for (const name of CONTEXT_OWNED) {
      if (options[name] !== undefined && options[name] !== null) throw invalidArgValueError(`options.${name}`, options[name], "cannot be combined with options.context (set it on the context)");
    }
    context = options.context;
  } else {
    context = contextFor(options, serverSide);
  }
  // The checks Python makes before any I/O (wrong side, hostname required, hostname on a server).
  context.toTLSOptions({ serverSide, serverHostname });
  const session = checkSession(options.session, { context, serverSide, started: false });
  const state = socketStateOf(sock);
  if (doHandshakeOnConnect && sock.getTimeout() === 0 && state === "connected") {
    throw invalidArgValueError("options.doHandshakeOnConnect", true, "should not be specified for non-blocking sockets");
  }
  const ssl = createSSLSocket({ context, serverSide, serverHostname, doHandshakeOnConnect, suppressRaggedEofs, session }, sock, sock.family, sock.getTimeout());
  if (state === "connected" && doHandshakeOnConnect) {
    try {
      await ssl.doHandshake();
    } catch (error) {
      await ssl.close();
      throw error;
    }
  }
  return ssl;
}
