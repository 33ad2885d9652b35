import { Duplex } from "node:stream";
import type * as tls from "node:tls";
import { mapTLSError } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";
import {
  SSLCertVerificationError,
  SSLEOFError,
  SSLError,
  SSLKitError,
  SSLWantReadError,
  SSLZeroReturnError,
  invalidArgTypeError,
  outOfRangeError,
} from "@sslkit/errors";
import type { PeerCertDict } from "@sslkit/x509";
import { SocketErrorCode } from "./error-codes.js";
import { alpnOf, channelBindingOf, checkChannelBindingType, cipherOf, peerCertOf, sharedCiphersOf } from "./internal/connection-info.js";
import { firstChunkLength } from "./internal/first-chunk.js";
import { RejectAlert, verifiesServer } from "./internal/reject-alert.js";
import { completePendingWrites, createTLSLayer, peerCertificateDER, readableEnded } from "./internal/tls-layer.js";
import type { MemoryBIO } from "./memory-bio.js";
import type { ChannelBindingType, CipherTuple } from "./ssl-socket.js";
import { checkSession, createSSLSession, sessionData } from "./ssl-session.js";
import type { SSLSession } from "./ssl-session.js";

/** How an {@link SSLObject} is set up (what `wrapBIO` decided). */
export interface SSLObjectSettings {
  readonly context: SSLContext;
  readonly serverSide: boolean;
  readonly serverHostname: string | null;
  readonly session: SSLSession | null;
}

/** Internal: makes an SSLObject (only `SSLContext.wrapBIO` creates them). */
export let createSSLObject: (incoming: MemoryBIO, outgoing: MemoryBIO, settings: SSLObjectSettings) => SSLObject;

/** TLS record header length (RFC 8446 §5.1). */
const HEADER = 5;

function eofError(): SSLEOFError {
  return new SSLEOFError("EOF occurred in violation of protocol", { library: "SSL", reason: "UNEXPECTED_EOF_WHILE_READING" });
}

function handshakeNotDone(): SSLKitError {
  return new SSLKitError(SocketErrorCode.HANDSHAKE_NOT_DONE, "handshake not done yet");
}

/**
 * TLS without I/O (Python's `ssl.SSLObject`), made by `SSLContext.wrapBIO(incoming, outgoing)`:
 * every method is synchronous. It reads the peer's bytes from the `incoming` {@link MemoryBIO}
 * and writes its own into `outgoing`; when it needs more input it throws `SSLWantReadError`
 * (having written what the peer must receive first into `outgoing`). Carry the bytes over any
 * transport: a socket, a WebSocket, a test harness.
 *
 * The engine is the one `SSLSocket` uses (a `tls.TLSSocket` over an in-memory stream). Input
 * is taken from `incoming` one TLS record at a time, as OpenSSL does without read-ahead: after
 * the peer's close_notify nothing more is taken, so the plaintext that follows stays in
 * `incoming` for the caller (STARTTLS downgrade).
 *
 * @example
 * ```ts
 * const incoming = new MemoryBIO();
 * const outgoing = new MemoryBIO();
 * const tls = context.wrapBIO(incoming, outgoing, { serverHostname: "localhost" });
 * for (;;) {
 *   try { tls.doHandshake(); break; }
 *   catch (e) {
 *     if (!(e instanceof SSLWantReadError)) throw e;
 *     await sock.sendall(outgoing.read());
 *     incoming.write(await sock.recv(16384));
 *   }
 * }
 * await sock.sendall(outgoing.read());
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLObject | ssl.SSLObject}
 */
export class SSLObject {
  readonly #incoming: MemoryBIO;
  readonly #outgoing: MemoryBIO;
  readonly #settings: SSLObjectSettings;
  #session: SSLSession | null;
  #tls: tls.TLSSocket | null = null;
  #duplex: Duplex | null = null;
  #secure = false;
  #error: Error | null = null;
  #peerDER: Uint8Array | null = null;
  #peerClosed = false;
  #sentClose = false;
  /** The record being taken from `incoming`: header bytes so far, body bytes still to take. */
  readonly #header = Buffer.alloc(HEADER);
  #headerFill = 0;
  #bodyLeft = 0;
  /** Server side: the client's first record (the ClientHello), for `sharedCiphers()`. */
  #firstRecord: Buffer[] | null = null;
  #clientHello: Buffer | undefined;
  /** A client that verifies the server: the alert its rejection writes to `outgoing`. */
  #reject: RejectAlert | null = null;
  /** VERIFY_X509_STRICT: TLS output held back while the strict check runs (see the README). */
  #held: Buffer[] | null = null;

  static {
    createSSLObject = (incoming, outgoing, settings) => new SSLObject(incoming, outgoing, settings);
  }

  private constructor(incoming: MemoryBIO, outgoing: MemoryBIO, settings: SSLObjectSettings) {
    this.#incoming = incoming;
    this.#outgoing = outgoing;
    this.#settings = settings;
    this.#session = settings.session;
    if (settings.serverSide) this.#firstRecord = [];
  }

  /** The context this object was made with (Python's `SSLObject.context`). */
  get context(): SSLContext {
    return this.#settings.context;
  }

  /** `true` on the server side (Python's `SSLObject.server_side`). */
  get serverSide(): boolean {
    return this.#settings.serverSide;
  }

  /** The host name given to `wrapBIO`, or `null` (Python's `SSLObject.server_hostname`). */
  get serverHostname(): string | null {
    return this.#settings.serverHostname;
  }

  /** `true` when the handshake resumed an earlier session (Python's `SSLObject.session_reused`). */
  get sessionReused(): boolean {
    return this.#secure && this.#tls !== null ? this.#tls.isSessionReused() : false;
  }

  /**
   * The TLS session (Python's `SSLObject.session`): after the handshake, the connection's
   * current one — with TLS 1.3 resumable (`hasTicket`) only once a `read()` processed the
   * server's tickets, which arrive after the handshake; before it, the session set to be
   * offered, or `null`. Set it (client side) before the first `doHandshake()`.
   *
   * @throws `ERR_SSLKIT_SOCKET_SESSION_SERVER_SIDE`, `ERR_SSLKIT_SOCKET_SESSION_AFTER_HANDSHAKE`
   *   (once the handshake started: the ClientHello is already written),
   *   `ERR_SSLKIT_SOCKET_SESSION_CONTEXT_MISMATCH` and `ERR_INVALID_ARG_TYPE` when setting.
   * @see Python `SSLObject.session`
   * @example
   * ```ts
   * const again = context.wrapBIO(new MemoryBIO(), new MemoryBIO(), { serverHostname: "localhost" });
   * again.session = first.session;
   * ```
   */
  get session(): SSLSession | null {
    const stream = this.#tls;
    if (!this.#secure || stream === null) return this.#session;
    const data = stream.getSession();
    return data === undefined ? null : createSSLSession(data, this.#settings.context);
  }

  /** Sets the session a client offers for resumption (Python `SSLObject.session = …`); only before the first `doHandshake()`, with a session of the same context. */
  set session(value: SSLSession | null) {
    const { context, serverSide } = this.#settings;
    this.#session = checkSession(value, { context, serverSide, started: this.#tls !== null });
  }

  /** Makes the TLS layer on first use (a client writes its ClientHello now). */
  #start(): tls.TLSSocket {
    if (this.#tls !== null) return this.#tls;
    const { context, serverSide, serverHostname } = this.#settings;
    const outgoing = this.#outgoing;
    const reject = verifiesServer(context, serverSide) ? new RejectAlert() : null;
    this.#reject = reject;
    const duplex = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, callback) => {
        if (this.#held !== null) this.#held.push(chunk);
        else {
          reject?.noteOutput();
          outgoing.write(chunk);
        }
        callback();
      },
    });
    this.#duplex = duplex;
    this.#tls = createTLSLayer({
      context,
      serverSide,
      serverHostname,
      owner: this,
      duplex,
      session: this.#session === null ? null : sessionData(this.#session),
      serverHalfOpen: true,
      onSecure: () => {
        if (this.#tls !== null) this.#peerDER = peerCertificateDER(this.#tls);
        this.#secure = true;
      },
      onStrictCheck: (state) => {
        if (state === "pending") {
          this.#held ??= [];
          return;
        }
        const held = this.#held ?? [];
        this.#held = null;
        if (state === "passed") {
          for (const chunk of held) {
            reject?.noteOutput();
            outgoing.write(chunk);
          }
        }
      },
      onError: (error) => {
        this.#fail(error);
      },
      // The alert of #fail is encrypted with the client handshake secret.
      ...(reject === null ? {} : { onKeylog: reject.onKeylog }),
    });
    reject?.watch(this.#tls);
    completePendingWrites(this.#tls);
    return this.#tls;
  }

  /**
   * Records the first error of the connection. A client that rejects the server's certificate
   * writes OpenSSL's alert into `outgoing` (TLS 1.3; see `RejectAlert`), as `SSLSocket` sends it.
   */
  #fail(error: Error): void {
    if (this.#error !== null) return;
    this.#error = error;
    if (this.#secure || !(error instanceof SSLCertVerificationError)) return;
    const alert = this.#reject?.rejection(error) ?? null;
    if (alert !== null && alert !== "end") this.#outgoing.write(alert);
  }

  /** The first error of the connection (also one Node records by destroying the stream). */
  #failure(stream: tls.TLSSocket): Error | null {
    if (this.#error === null && stream.errored !== null) this.#fail(mapTLSError(stream.errored));
    return this.#error;
  }

  /** Hands one piece of ciphertext to the TLS layer and collects what it wrote. */
  #push(stream: tls.TLSSocket, piece: Buffer): void {
    const duplex = this.#duplex;
    if (duplex === null || duplex.destroyed) return;
    duplex.push(piece);
    // Before the layer's first read the piece is only buffered; reading emits it to the layer now.
    while (duplex.readableLength > 0 && duplex.read() !== null);
    completePendingWrites(stream);
  }

  /**
   * Takes input from `incoming` up to record boundaries (as OpenSSL does without read-ahead)
   * and feeds it to the TLS layer, stopping after the peer's close_notify or an error.
   */
  #feed(stream: tls.TLSSocket): void {
    completePendingWrites(stream);
    const incoming = this.#incoming;
    while (!this.#peerClosed && this.#failure(stream) === null && incoming.pending > 0) {
      let piece: Buffer;
      if (this.#headerFill < HEADER) {
        piece = incoming.read(HEADER - this.#headerFill);
        piece.copy(this.#header, this.#headerFill);
        this.#headerFill += piece.length;
        if (this.#headerFill === HEADER) {
          this.#bodyLeft = this.#header.readUInt16BE(3);
          // The body too, when it is there: one push per record.
          const body = incoming.read(this.#bodyLeft);
          this.#bodyLeft -= body.length;
          if (body.length > 0) piece = Buffer.concat([piece, body]);
        }
      } else {
        piece = incoming.read(this.#bodyLeft);
        this.#bodyLeft -= piece.length;
      }
      const recordDone = this.#headerFill === HEADER && this.#bodyLeft === 0;
      if (this.#firstRecord !== null) {
        this.#firstRecord.push(piece);
        if (recordDone) {
          this.#clientHello = Buffer.concat(this.#firstRecord);
          this.#firstRecord = null;
        }
      }
      this.#push(stream, piece);
      if (recordDone) {
        this.#headerFill = 0;
        if (readableEnded(stream)) this.#peerClosed = true;
      }
    }
  }

  /** Input ran out for good: `incoming` is at EOF (a record may be cut short). */
  #atEOF(): boolean {
    return this.#incoming.eof;
  }

  /**
   * Performs (or continues) the TLS handshake.
   *
   * @throws `SSLWantReadError` when the peer's next bytes are needed: send what is in
   *   `outgoing`, write the answer into `incoming`, call again.
   * @throws `SSLCertVerificationError` (verify code and message) when the peer's certificate
   *   fails; `SSLError` for protocol errors and garbage input; `SSLEOFError` when `incoming`
   *   reached EOF during the handshake.
   * @see Python `SSLObject.do_handshake`
   * @example
   * ```ts
   * try { tls.doHandshake(); } catch (e) { if (!(e instanceof SSLWantReadError)) throw e; }
   * ```
   */
  doHandshake(): void {
    const stream = this.#start();
    this.#feed(stream);
    const failure = this.#failure(stream);
    if (failure !== null) throw failure;
    if (this.#secure) return;
    if (this.#peerClosed || this.#atEOF()) throw eofError();
    throw new SSLWantReadError();
  }

  /** The TLS layer after the handshake (doing it first, as OpenSSL's read and write do). */
  #ready(): tls.TLSSocket {
    if (!this.#secure || this.#tls === null) this.doHandshake();
    return this.#tls as tls.TLSSocket;
  }

  /**
   * Returns up to `len` decrypted bytes; an empty buffer after the peer's close_notify.
   *
   * @param len - The most bytes. @defaultValue 1024
   * @throws `SSLWantReadError` when no plaintext is buffered and `incoming` has no complete record;
   *   `SSLZeroReturnError` when both close_notifys were exchanged; `SSLEOFError` when `incoming`
   *   reached EOF without a close_notify; `SSLError` for a bad record.
   * @see Python `SSLObject.read`
   * @example
   * ```ts
   * incoming.write(await sock.recv(16384));
   * const data = tls.read(4096);
   * ```
   */
  read(len?: number): Buffer;
  /**
   * Python's `read(len, buffer)`: writes at most `len` decrypted bytes into `buffer` and returns
   * how many (0 after the peer's close_notify).
   *
   * @param len - The most bytes; `0` means `buffer.length`.
   * @param buffer - Where to write them.
   * @throws As the form without `buffer`.
   * @see Python `SSLObject.read`
   * @example
   * ```ts
   * const n = tls.read(1024, new Uint8Array(1024));
   * ```
   */
  read(len: number, buffer: Uint8Array): number;
  read(len = 1024, buffer?: Uint8Array): Buffer | number {
    if (typeof len !== "number" || !Number.isInteger(len)) throw invalidArgTypeError("len", "an integer", len);
    if (len < 0) throw outOfRangeError("len", ">= 0", len);
    if (buffer !== undefined && !(buffer instanceof Uint8Array)) throw invalidArgTypeError("buffer", "an instance of Uint8Array", buffer);
    const want = buffer === undefined ? len : Math.min(len === 0 ? buffer.length : len, buffer.length);
    const data = this.#read(want);
    if (buffer === undefined) return data;
    buffer.set(data);
    return data.length;
  }

  #read(want: number): Buffer {
    const stream = this.#ready();
    for (let attempt = 0; ; attempt++) {
      if (stream.readableLength > 0) {
        if (want === 0) return Buffer.alloc(0);
        return stream.read(Math.min(want, firstChunkLength(stream))) as Buffer;
      }
      const failure = this.#failure(stream);
      if (failure !== null) throw failure;
      if (this.#peerClosed) {
        if (this.#sentClose) throw new SSLZeroReturnError();
        return Buffer.alloc(0);
      }
      if (attempt > 0) break;
      this.#feed(stream);
    }
    if (this.#atEOF()) throw eofError();
    throw new SSLWantReadError();
  }

  /**
   * Encrypts `data` into `outgoing`; returns its length.
   *
   * @param data - The bytes.
   * @throws `SSLWantReadError` while the handshake is not done (it continues it first);
   *   `SSLError` (`PROTOCOL_IS_SHUTDOWN`) after `unwrap()` sent the close_notify.
   * @see Python `SSLObject.write`
   * @example
   * ```ts
   * tls.write(Buffer.from("GET / HTTP/1.0\r\n\r\n"));
   * await sock.sendall(outgoing.read());
   * ```
   */
  write(data: Uint8Array): number {
    if (!(data instanceof Uint8Array)) throw invalidArgTypeError("data", "an instance of Uint8Array", data);
    const stream = this.#ready();
    if (this.#sentClose) throw new SSLError("protocol is shutdown", { library: "SSL", reason: "PROTOCOL_IS_SHUTDOWN" });
    const failure = this.#failure(stream);
    if (failure !== null) throw failure;
    if (data.length === 0) return 0;
    stream.write(data);
    completePendingWrites(stream);
    const late = this.#failure(stream);
    if (late !== null) throw late;
    return data.length;
  }

  /**
   * Shuts TLS down: writes our close_notify into `outgoing` (first call), then completes once
   * the peer's close_notify was read from `incoming`. Whatever follows it stays in `incoming`.
   *
   * @throws `SSLWantReadError` until the peer's close_notify arrives (our own is in `outgoing`);
   *   `ERR_SSLKIT_SOCKET_HANDSHAKE_NOT_DONE` before the handshake; `SSLEOFError` when `incoming`
   *   reached EOF first.
   * @see Python `SSLObject.unwrap`
   * @example
   * ```ts
   * try { tls.unwrap(); } catch (e) { if (!(e instanceof SSLWantReadError)) throw e; }
   * await sock.sendall(outgoing.read());
   * ```
   */
  unwrap(): void {
    const stream = this.#tls;
    if (stream === null || !this.#secure) throw handshakeNotDone();
    if (!this.#sentClose) {
      this.#sentClose = true;
      stream.end();
      completePendingWrites(stream);
    }
    this.#feed(stream);
    if (this.#peerClosed) return;
    const failure = this.#failure(stream);
    if (failure !== null) throw failure;
    if (this.#atEOF()) throw eofError();
    throw new SSLWantReadError();
  }

  /**
   * Returns how many decrypted bytes can be read without more input.
   *
   * @see Python `SSLObject.pending`
   * @example
   * ```ts
   * const rest = tls.read(tls.pending());
   * ```
   */
  pending(): number {
    return this.#tls?.readableLength ?? 0;
  }

  #secureStream(): tls.TLSSocket | null {
    return this.#secure ? this.#tls : null;
  }

  /**
   * Returns the peer's certificate: CPython's dict when it was verified, `{}` when not
   * (`CERT_NONE`), `null` when the peer sent none; with `binaryForm`, its DER bytes (or `null`).
   *
   * @param binaryForm - Return DER bytes. @defaultValue `false`
   * @throws `ERR_SSLKIT_SOCKET_HANDSHAKE_NOT_DONE` before the handshake (Python's `ValueError`).
   * @see Python `SSLObject.getpeercert`
   * @example
   * ```ts
   * console.log(tls.getPeerCert()?.subject);
   * ```
   */
  getPeerCert(binaryForm?: false): PeerCertDict | Record<string, never> | null;
  getPeerCert(binaryForm: true): Uint8Array | null;
  getPeerCert(binaryForm = false): PeerCertDict | Record<string, never> | Uint8Array | null {
    if (!this.#secure) throw handshakeNotDone();
    return peerCertOf(this.#settings.context, this.#peerDER, binaryForm);
  }

  /**
   * Returns the negotiated cipher as `[name, protocolVersion, secretBits]`, or `null` before the handshake.
   *
   * @see Python `SSLObject.cipher`
   * @example
   * ```ts
   * const [name] = tls.cipher() ?? [];
   * ```
   */
  cipher(): CipherTuple | null {
    const stream = this.#secureStream();
    return stream === null ? null : cipherOf(this.#settings.context, stream);
  }

  /**
   * Server side: the ciphers both the client offered and this context enables, in the
   * server's order; `null` on the client side or before the handshake.
   *
   * @see Python `SSLObject.shared_ciphers`
   * @example
   * ```ts
   * console.log(tls.sharedCiphers()?.length);
   * ```
   */
  sharedCiphers(): CipherTuple[] | null {
    if (this.#secureStream() === null || !this.#settings.serverSide) return null;
    return sharedCiphersOf(this.#settings.context, this.#clientHello);
  }

  /**
   * Returns the negotiated protocol version (`"TLSv1.3"`, …), or `null` before the handshake.
   *
   * @see Python `SSLObject.version`
   * @example
   * ```ts
   * tls.version(); // "TLSv1.3"
   * ```
   */
  version(): string | null {
    return this.#secureStream()?.getProtocol() ?? null;
  }

  /**
   * Returns the protocol ALPN selected, or `null`.
   *
   * @see Python `SSLObject.selected_alpn_protocol`
   * @example
   * ```ts
   * tls.selectedALPNProtocol(); // "h2"
   * ```
   */
  selectedALPNProtocol(): string | null {
    const stream = this.#secureStream();
    return stream === null ? null : alpnOf(stream);
  }

  /**
   * Returns the compression algorithm: always `null` (OpenSSL 3 builds have no TLS compression).
   *
   * @see Python `SSLObject.compression`
   * @example
   * ```ts
   * tls.compression(); // null
   * ```
   */
  compression(): null {
    return null;
  }

  /**
   * Returns channel binding data: `"tls-unique"` (RFC 5929) or `"tls-exporter"` (RFC 9266),
   * or `null` before the handshake.
   *
   * @param cbType - The binding type. @defaultValue `"tls-unique"`
   * @throws `ERR_INVALID_ARG_VALUE` for another type (Python's `ValueError`).
   * @see Python `SSLObject.get_channel_binding`
   * @example
   * ```ts
   * const binding = tls.getChannelBinding("tls-exporter");
   * ```
   */
  getChannelBinding(cbType: ChannelBindingType = "tls-unique"): Uint8Array | null {
    checkChannelBindingType(cbType);
    const stream = this.#secureStream();
    return stream === null ? null : channelBindingOf(stream, this.#settings.serverSide, cbType);
  }
}
