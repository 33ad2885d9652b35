/** Python's `session_stats()` dict: OpenSSL's `SSL_CTX_sess_*` counters under their Python keys. */
export interface SessionStats {
  /** Sessions in the server-side internal cache (`SSL_CTX_sess_number`); always 0 on Node (see the README). */
  readonly number: number;
  /** Client handshakes started. */
  readonly connect: number;
  /** Client handshakes that succeeded. */
  readonly connect_good: number;
  /** Client renegotiations: OpenSSL ≥ 1.1 never counts them here (it counts them in `connect`), so always 0. */
  readonly connect_renegotiate: number;
  /** Server handshakes started. */
  readonly accept: number;
  /** Server handshakes that succeeded (the client certificate verified when one was asked for). */
  readonly accept_good: number;
  /** Server renegotiations (counted when they succeed: `node:tls` shows no start). */
  readonly accept_renegotiate: number;
  /** Handshakes that resumed a session, client and server side. */
  readonly hits: number;
  /** Client: a session was offered and the server did not resume it. Server: session-ID cache misses (none on Node). */
  readonly misses: number;
  /** Server: offered sessions found but expired; not observable through `node:tls` (see the README). */
  readonly timeouts: number;
  /** Sessions evicted from a full internal cache; Node's SSL_CTX has no internal cache. */
  readonly cache_full: number;
}

/**
 * A handshake event for `SSLContext.recordHandshake`: `start` when the TLS engine of a socket
 * is made (client: the ClientHello goes out; server: it waits for one), `done` when the
 * handshake succeeded — after the peer's certificate passed every check of the context —
 * and `renegotiated` when a later handshake on the same connection succeeded.
 */
export type HandshakeEvent =
  | {
      /** The TLS engine of a socket was made; counts as `connect` (client) or `accept` (server). */
      readonly phase: "start";
      /** Whether the socket is the server side of the connection. */
      readonly serverSide: boolean;
    }
  | {
      /** A later handshake on the same connection succeeded. */
      readonly phase: "renegotiated";
      /** Whether the socket is the server side of the connection. */
      readonly serverSide: boolean;
    }
  | {
      /** The handshake succeeded and the peer's certificate passed every check of the context. */
      readonly phase: "done";
      /** Whether the socket is the server side of the connection. */
      readonly serverSide: boolean;
      /** `tls.TLSSocket#isSessionReused()`. */
      readonly resumed: boolean;
      /** Client: a saved session was given to the handshake (Node's `session` option). */
      readonly sessionOffered: boolean;
    };

/** The mutable counters behind {@link SessionStats}, kept for the context's lifetime. */
export class SessionCounters {
  #connect = 0;
  #connectGood = 0;
  #accept = 0;
  #acceptGood = 0;
  #hits = 0;
  #misses = 0;
  #acceptRenegotiate = 0;

  record(event: HandshakeEvent): void {
    if (event.phase === "start") {
      if (event.serverSide) this.#accept += 1;
      else this.#connect += 1;
      return;
    }
    // OpenSSL counts a finished renegotiation in *_good too; it counts a client's renegotiation
    // as one more `connect`, a server's in `accept_renegotiate` (both when it starts, which
    // node:tls does not show: sslkit counts them when they finish).
    if (event.serverSide) this.#acceptGood += 1;
    else this.#connectGood += 1;
    if (event.phase === "renegotiated") {
      if (event.serverSide) this.#acceptRenegotiate += 1;
      else this.#connect += 1;
      return;
    }
    if (event.resumed) this.#hits += 1;
    // OpenSSL counts a client-side miss when the server answers an offered session with a new
    // one; a server-side miss only on an internal session-ID cache lookup, which Node disables.
    else if (!event.serverSide && event.sessionOffered) this.#misses += 1;
  }

  snapshot(): SessionStats {
    return {
      number: 0,
      connect: this.#connect,
      connect_good: this.#connectGood,
      connect_renegotiate: 0,
      accept: this.#accept,
      accept_good: this.#acceptGood,
      accept_renegotiate: this.#acceptRenegotiate,
      hits: this.#hits,
      misses: this.#misses,
      timeouts: 0,
      cache_full: 0,
    };
  }
}
