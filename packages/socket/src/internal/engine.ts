import { Duplex } from "node:stream";
import type * as tls from "node:tls";
import { mapTLSError } from "@sslkit/context";
import { SSLCertVerificationError } from "@sslkit/errors";
import type { SSLContext } from "@sslkit/context";
import { Signal } from "./deadline.js";
import { RecordFramer } from "./record-framer.js";
import { RejectAlert, verifiesServer } from "./reject-alert.js";
import { createTLSLayer, peerCertificateDER, readableEnded } from "./tls-layer.js";
import type { Transport, TransportSink } from "./transport.js";

/** What an {@link Engine} is made from. */
export interface EngineConfig {
  readonly context: SSLContext;
  readonly serverSide: boolean;
  readonly serverHostname: string | null;
  /** The SSLSocket (what `sniCallback` receives). */
  readonly owner: unknown;
  readonly transport: Transport;
  /** Client: a session to offer for resumption (Node's serialized `SSL_SESSION`). */
  readonly session?: Buffer | null;
}

/** Stop reading from the kernel while this many TLS bytes wait for the engine. */
const PENDING_HIGH_WATER = 1024 * 1024;
/**
 * Buffer sizes of the TLS stream: larger than Node's 16 KiB default, so a 64 KiB `sendall`
 * rarely waits for `drain` and a bulk reader rarely stops the engine (measured in bench/).
 */
const STREAM_HIGH_WATER = 256 * 1024;

/**
 * The sans-IO TLS engine (Python's `SSLObject` over two `MemoryBIO`s): a `tls.TLSSocket` over
 * an in-memory Duplex. TLS bytes from the transport are pushed into the Duplex (Node processes
 * a pushed record synchronously); the TLS layer's output arrives through the Duplex's
 * `write()` and goes to the transport. Feeding piece by piece lets the engine stop exactly
 * after the peer's close_notify (`unwrap()`).
 */
export class Engine {
  readonly tls: tls.TLSSocket;
  readonly changed: Signal = new Signal();
  readonly framer: RecordFramer = new RecordFramer();
  readonly #transport: Transport;
  readonly #duplex: Duplex;
  readonly #serverSide: boolean;
  /** TLS bytes not yet given to the engine (`null` = transport EOF). */
  #pending: (Buffer | null)[] = [];
  #pendingBytes = 0;
  /** Bytes that followed the peer's close_notify: plaintext for the socket after `unwrap()`. */
  #after: Buffer[] = [];
  #afterEOF = false;
  #secure = false;
  #error: Error | null = null;
  #peerClosed = false;
  #ragged = false;
  #sentClose = false;
  #detached = false;
  #firstRecord: Buffer | undefined;
  #pumpScheduled = false;
  #peerDER: Uint8Array | null = null;
  /** A client that verifies the server: what its rejection sends (#rejectPeer). */
  readonly #reject: RejectAlert | null;
  /**
   * VERIFY_X509_STRICT: TLS output held back while the strict check of the peer's chain runs
   * (the client's Finished, the server's session tickets), so a rejection can still be an alert.
   */
  #held: { chunks: readonly Buffer[]; callback: (error?: Error | null) => void }[] | null = null;

  constructor(config: EngineConfig) {
    const { context, serverSide, serverHostname, owner, transport } = config;
    this.#transport = transport;
    this.#serverSide = serverSide;
    this.#duplex = new Duplex({
      read: () => {
        this.#schedulePump();
      },
      write: (chunk: Buffer, _encoding, callback) => {
        this.#send([chunk], callback);
      },
      // The TLS layer hands over several records at once (a handshake flight, 64 KiB of
      // application data in 16 KiB records): one corked write, one system call.
      writev: (chunks: { chunk: Buffer }[], callback) => {
        this.#send(chunks.map(({ chunk }) => chunk), callback);
      },
      final: (callback) => {
        this.#sentClose = true;
        this.changed.notify();
        callback();
      },
    });
    // The client that verifies the server sends OpenSSL's alert when it rejects it (#rejectPeer).
    const reject = verifiesServer(context, serverSide) ? new RejectAlert() : null;
    this.#reject = reject;
    this.tls = createTLSLayer({
      context,
      serverSide,
      serverHostname,
      owner,
      duplex: this.#duplex,
      session: config.session ?? null,
      highWaterMark: STREAM_HIGH_WATER,
      onPeerCertificate: (der) => {
        this.#peerDER = der;
      },
      onStrictCheck: (state) => {
        this.#onStrictCheck(state);
      },
      onSecure: () => {
        this.#onSecure();
      },
      onError: (error) => {
        const first = this.#error === null;
        this.#error ??= error;
        if (first && !this.#secure && error instanceof SSLCertVerificationError) this.#rejectPeer(error);
        this.changed.notify();
      },
      // The alert of #rejectPeer is encrypted with the client handshake secret.
      ...(reject === null ? {} : { onKeylog: reject.onKeylog }),
    });
    reject?.watch(this.tls);
    for (const event of ["drain", "end", "close", "finish"]) {
      this.tls.on(event, () => {
        this.changed.notify();
      });
    }
    // Pieces held back while the TLS layer was busy go in as soon as it takes input again:
    // after it consumed a buffered piece ('data') or resumed reading ('resume'). Relying on
    // `_read` alone stalls: Node does not call it again while a push it waits for is pending.
    this.#duplex.on("data", () => {
      if (this.#pending.length > 0) this.#schedulePump();
    });
    this.#duplex.on("resume", () => {
      this.#schedulePump();
    });
    transport.socket.on("drain", this.#onTransportDrain);
    transport.setSink(this.#sink);
  }

  /**
   * VERIFY_X509_STRICT: hold the TLS output while the strict check runs, send it when the
   * check passes, drop it when it fails (the rejection then goes out instead, #rejectPeer).
   */
  #onStrictCheck(state: "pending" | "passed" | "failed"): void {
    if (state === "pending") {
      this.#held ??= [];
      return;
    }
    const held = this.#held ?? [];
    this.#held = null;
    if (state === "passed") {
      for (const { chunks, callback } of held) this.#send(chunks, callback);
      return;
    }
    for (const { callback } of held) callback();
  }

  /**
   * This side rejected the peer's certificate.
   *
   * Client: OpenSSL would have sent a fatal alert (`unknown_ca`, `bad_certificate`, …)
   * instead of its Finished; Node sends nothing, and the server would wait until the client
   * closes. TLS 1.3: send that alert, encrypted as the client's first handshake record
   * (`tls13HandshakeAlert`). TLS 1.2: Node already sent the Finished under keys the socket
   * cannot derive, so end the TCP stream instead — the server sees EOF at once.
   *
   * Server (Node's client-certificate check and the VERIFY_X509_STRICT check both end after
   * the client's Finished, where OpenSSL would have sent an alert): end the TCP stream, so a
   * TLS 1.3 client, whose handshake is done, does not wait for data that will never come.
   */
  #rejectPeer(error: SSLCertVerificationError): void {
    const transport = this.#transport;
    if (this.#detached || transport.closed) return;
    if (this.#serverSide) {
      transport.socket.end();
      return;
    }
    const rejection = this.#reject?.rejection(error) ?? null;
    if (rejection === "end") transport.socket.end();
    else if (rejection !== null) transport.socket.write(rejection);
  }

  /** Hands TLS output to the transport; `callback` once the socket buffer is below its mark. */
  #send(chunks: readonly Buffer[], callback: (error?: Error | null) => void): void {
    const transport = this.#transport;
    if (this.#detached || transport.closed) {
      callback();
      return;
    }
    if (this.#held !== null) {
      this.#held.push({ chunks: [...chunks], callback });
      return;
    }
    this.#reject?.noteOutput();
    const socket = transport.socket;
    const corked = chunks.length > 1;
    if (corked) socket.cork();
    for (const chunk of chunks) socket.write(chunk);
    if (corked) socket.uncork();
    if (!socket.writableNeedDrain) callback();
    else transport.drained().then(() => { callback(); }, callback);
  }

  readonly #onTransportDrain = (): void => {
    this.changed.notify();
  };

  readonly #sink: TransportSink = {
    data: (chunk) => {
      if (this.#peerClosed || this.#detached) {
        this.#after.push(chunk);
        return;
      }
      if (this.#serverSide && this.#firstRecord === undefined) this.#firstRecord = chunk;
      for (const piece of this.framer.split(chunk)) this.#pending.push(piece);
      this.#pendingBytes += chunk.length;
      if (this.#pendingBytes > PENDING_HIGH_WATER) this.#transport.socket.pause();
      this.#pump();
    },
    end: () => {
      if (this.#peerClosed || this.#detached) this.#afterEOF = true;
      else {
        this.#pending.push(null);
        this.#pump();
      }
      this.changed.notify();
    },
    error: (error) => {
      this.#error ??= mapTLSError(error);
      if (!this.#detached) this.tls.destroy(error);
      this.changed.notify();
    },
  };

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    process.nextTick(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  /** Checks whether the TLS layer saw the peer's close_notify; then the rest is plaintext. */
  #checkPeerClosed(): boolean {
    if (this.#peerClosed) return true;
    if (!readableEnded(this.tls)) return false;
    this.#peerClosed = true;
    for (const piece of this.#pending) {
      if (piece === null) this.#afterEOF = true;
      else this.#after.push(piece);
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    return true;
  }

  #pump(): void {
    const duplex = this.#duplex;
    while (this.#pending.length > 0 && !this.#detached) {
      if (this.#checkPeerClosed()) break;
      if (duplex.destroyed || duplex.readableEnded) {
        this.#pending = [];
        break;
      }
      // Give the TLS layer one piece only when it consumes it at once, so the close_notify
      // check above sees the state right after each piece.
      if (duplex.readableFlowing !== true || duplex.readableLength > 0) break;
      const piece = this.#pending.shift();
      if (piece === undefined) break;
      if (piece === null) {
        this.#ragged = true;
        duplex.push(null);
        continue;
      }
      this.#pendingBytes -= piece.length;
      duplex.push(piece);
    }
    this.#checkPeerClosed();
    if (this.#pendingBytes < PENDING_HIGH_WATER / 2 && this.#transport.socket.isPaused() && !this.#transport.closed) this.#transport.socket.resume();
    this.changed.notify();
  }

  #onSecure(): void {
    // The client kept the DER from the host name check (onPeerCertificate); ask otherwise.
    this.#peerDER ??= peerCertificateDER(this.tls);
    this.#secure = true;
    this.changed.notify();
  }

  /** The handshake finished (and, on the server, the client certificate passed verification). */
  get secure(): boolean {
    return this.#secure && this.#error === null;
  }

  /** Returns the first error of the connection, mapped to Python's exception, or `null`. */
  failure(): Error | null {
    return this.#error;
  }

  /** The TLS layer reached EOF: close_notify received, or the transport ended (see `ragged`). */
  get ended(): boolean {
    return readableEnded(this.tls);
  }

  /** The peer's close_notify was received. */
  get peerClosed(): boolean {
    return this.#peerClosed;
  }

  /** The transport ended without close_notify. */
  get ragged(): boolean {
    return this.#ragged && !this.#peerClosed;
  }

  /** Our close_notify was handed to the transport. */
  get sentClose(): boolean {
    return this.#sentClose;
  }

  /** The peer's certificate (DER) as the handshake left it, or `null`. */
  get peerCertificate(): Uint8Array | null {
    return this.#peerDER === null ? null : new Uint8Array(this.#peerDER);
  }

  /** The server side's first bytes from the client (the ClientHello), for `sharedCiphers()`. */
  get clientHello(): Buffer | undefined {
    return this.#firstRecord;
  }

  /**
   * Stops the engine and gives the transport back to plain use: the bytes that followed the
   * peer's close_notify go back in front of its queue.
   */
  detach(): Transport {
    this.#detached = true;
    const transport = this.#transport;
    transport.unshift(this.#after);
    this.#after = [];
    if (this.#afterEOF) transport.markEOF();
    transport.setSink(null);
    transport.socket.off("drain", this.#onTransportDrain);
    this.tls.destroy();
    return transport;
  }
}
