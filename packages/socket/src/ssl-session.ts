import type { SSLContext } from "@sslkit/context";
import { SSLKitError, invalidArgTypeError } from "@sslkit/errors";
import { SocketErrorCode } from "./error-codes.js";
import { parseSession } from "./internal/session-der.js";
import type { SessionFields } from "./internal/session-der.js";

/** Internal: makes an SSLSession from Node's serialized session and the context it belongs to. */
export let createSSLSession: (data: Buffer, context: SSLContext) => SSLSession;
/** Internal: the serialized session Node takes back (`tls.connect({ session })`). */
export let sessionData: (session: SSLSession) => Buffer;
/** Internal: the context whose connection made the session. */
let sessionContext: (session: SSLSession) => SSLContext;

/**
 * A TLS session a client can offer again to skip the full handshake (Python's
 * `ssl.SSLSession`): read it from `SSLSocket.session` / `SSLObject.session` after a handshake,
 * pass it as the `session` option (or set `session` before the handshake) of the next
 * connection to the same server with the same context, and check `sessionReused`.
 *
 * With TLS 1.3 the server sends its tickets after the handshake: `session` is resumable
 * (`hasTicket`) only once they were read — after the first `recv()`/`read()` that processed
 * them, as in Python.
 *
 * @example
 * ```ts
 * const first = await context.wrapSocket(new Socket(), { serverHostname: "localhost" });
 * await first.connect(["127.0.0.1", port]);
 * await first.recv(1024); // TLS 1.3: the tickets come with the first data
 * const session = first.session;
 * const second = await context.wrapSocket(new Socket(), { serverHostname: "localhost", session });
 * await second.connect(["127.0.0.1", port]);
 * console.log(second.sessionReused); // true
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSession | ssl.SSLSession}
 */
export class SSLSession {
  readonly #data: Buffer;
  readonly #fields: SessionFields;
  readonly #context: SSLContext;

  static {
    createSSLSession = (data, context) => new SSLSession(data, context);
    sessionData = (session) => session.#data;
    sessionContext = (session) => session.#context;
  }

  private constructor(data: Buffer, context: SSLContext) {
    this.#data = data;
    this.#fields = parseSession(data);
    this.#context = context;
  }

  /** The session id (Python's `SSLSession.id`); for a ticket, OpenSSL's SHA-256 of it. */
  get id(): Uint8Array {
    return this.#fields.id.slice();
  }

  /** When the session was made, in seconds since the epoch (Python's `SSLSession.time`). */
  get time(): number {
    return this.#fields.time;
  }

  /** How long the session is valid, in seconds (Python's `SSLSession.timeout`). */
  get timeout(): number {
    return this.#fields.timeout;
  }

  /** The server's hint of its ticket's lifetime, in seconds (Python's `SSLSession.ticket_lifetime_hint`). */
  get ticketLifetimeHint(): number {
    return this.#fields.ticketLifetimeHint;
  }

  /** Whether the session carries a ticket (Python's `SSLSession.has_ticket`). */
  get hasTicket(): boolean {
    return this.#fields.hasTicket;
  }

  /**
   * Returns `true` when `other` is a session with the same id (Python's `==` on sessions).
   *
   * @param other - Anything.
   * @see Python `SSLSession.__eq__`
   * @example
   * ```ts
   * if (sock.session?.equals(saved)) console.log("same session");
   * ```
   */
  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof SSLSession)) return false;
    const a = this.#fields.id;
    const b = other.#fields.id;
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
}

/**
 * Checks a session about to be offered by a connection of `context` (Python's checks in the
 * `session` setter): `null`/`undefined` clear it.
 */
export function checkSession(
  session: unknown,
  state: { readonly context: SSLContext; readonly serverSide: boolean; readonly started: boolean },
): SSLSession | null {
  if (session === undefined || session === null) return null;
  if (!(session instanceof SSLSession)) throw invalidArgTypeError("session", "an instance of SSLSession", session);
  if (state.serverSide) throw new SSLKitError(SocketErrorCode.SESSION_SERVER_SIDE, "Cannot set session for server-side SSLSocket.");
  if (state.started) throw new SSLKitError(SocketErrorCode.SESSION_AFTER_HANDSHAKE, "Cannot set session after handshake.");
  if (sessionContext(session) !== state.context) {
    throw new SSLKitError(SocketErrorCode.SESSION_CONTEXT_MISMATCH, "Session refers to a different SSLContext.");
  }
  return session;
}
