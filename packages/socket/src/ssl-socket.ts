import type { Duplex } from "node:stream";
import type { SSLContext } from "@sslkit/context";
import {
  SSLEOFError,
  SSLKitError,
  SSLWantReadError,
  SSLWantWriteError,
  SSLZeroReturnError,
  invalidArgTypeError,
  invalidArgValueError,
  outOfRangeError,
} from "@sslkit/errors";
import type { PeerCertDict } from "@sslkit/x509";
import type { Address, AddressFamily } from "./constants.js";
import { SocketErrorCode } from "./error-codes.js";
import { checkAddress, socketFromTransport, socketStateOf, takeTransport } from "./socket.js";
import type { Socket } from "./socket.js";
import { alpnOf, channelBindingOf, checkChannelBindingType, cipherOf, peerCertOf, sharedCiphersOf } from "./internal/connection-info.js";
import { withTimeout } from "./internal/deadline.js";
import { Engine } from "./internal/engine.js";
import { firstChunkLength } from "./internal/first-chunk.js";
import { closedError, notConnectedError } from "./internal/errors.js";
import type { Transport } from "./internal/transport.js";
import { checkSession, createSSLSession, sessionData } from "./ssl-session.js";
import type { SSLSession } from "./ssl-session.js";
import { recvIntoBuffer } from "./internal/recv-into.js";

/** Python's `cipher()` tuple: OpenSSL name, the protocol version that defines it, secret bits. */
export type CipherTuple = [name: string, protocolVersion: string, secretBits: number];

/** Channel binding types of {@link SSLSocket.getChannelBinding}. */
export type ChannelBindingType = "tls-unique" | "tls-exporter";

/** How an {@link SSLSocket} is set up (what `wrapSocket` decided). */
export interface SSLSocketSettings {
  /** The context whose settings the socket uses (Python `SSLSocket.context`). */
  readonly context: SSLContext;
  /** Whether the socket is the server side of the connection (Python `SSLSocket.server_side`). */
  readonly serverSide: boolean;
  /** The name sent as SNI and checked against the certificate, `null` for none (Python `SSLSocket.server_hostname`). */
  readonly serverHostname: string | null;
  /** Whether the handshake runs as soon as the socket connects (Python's `do_handshake_on_connect`). */
  readonly doHandshakeOnConnect: boolean;
  /** Whether an EOF without close_notify reads as end of data rather than an error (Python's `suppress_ragged_eofs`). */
  readonly suppressRaggedEofs: boolean;
  /** Client: the session to offer (checked by `wrapSocket`). */
  readonly session?: SSLSession | null;
}

type Mode =
  | { readonly kind: "unconnected"; readonly plain: Socket }
  | { readonly kind: "listening"; readonly plain: Socket }
  | { readonly kind: "connected"; readonly transport: Transport }
  | { readonly kind: "closed" };

/** How long `close()` waits for the close_notify to be handed over before closing anyway. */
const CLOSE_NOTIFY_GRACE_SECONDS = 5;

/** Internal: makes an SSLSocket (only `wrapSocket` and `accept` create them). */
export let createSSLSocket: (
  settings: SSLSocketSettings,
  source: Socket,
  family: AddressFamily,
  timeout: number | null,
) => SSLSocket;

/**
 * A TLS socket with Python's `ssl.SSLSocket` API, made by {@link wrapSocket} or
 * `SSLContext.wrapSocket`. One TLS engine per connection (a `tls.TLSSocket` over an in-memory
 * stream) is fed from the TCP socket, which makes `unwrap()` (STARTTLS) and the non-blocking
 * `SSLWantReadError` loop possible. Every network operation returns a Promise.
 *
 * @example
 * ```ts
 * const context = createDefaultContext({ caFile: "ca.pem" });
 * const sock = await context.wrapSocket(new Socket(), { serverHostname: "localhost" });
 * await sock.connect(["127.0.0.1", port]);
 * console.log(sock.version(), sock.cipher(), sock.getPeerCert()?.subject);
 * await sock.sendall(Buffer.from("hello"));
 * console.log((await sock.recv(1024)).toString());
 * await sock.close();
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSocket | ssl.SSLSocket}
 */
export class SSLSocket {
  readonly #settings: SSLSocketSettings;
  readonly #family: AddressFamily;
  #mode: Mode;
  #engine: Engine | null = null;
  #timeout: number | null;
  #unwrapping = false;
  #session: SSLSession | null;

  static {
    createSSLSocket = (settings, source, family, timeout) => new SSLSocket(settings, source, family, timeout);
  }

  private constructor(settings: SSLSocketSettings, source: Socket, family: AddressFamily, timeout: number | null) {
    this.#settings = settings;
    this.#family = family;
    this.#timeout = timeout;
    this.#session = settings.session ?? null;
    const state = socketStateOf(source);
    if (state === "connected") this.#mode = { kind: "connected", transport: takeTransport(source) };
    else if (state === "listening") this.#mode = { kind: "listening", plain: source };
    else if (state === "new") this.#mode = { kind: "unconnected", plain: source };
    else throw state === "closed" ? closedError() : invalidArgValueError("sock", "a connecting socket", "must be unconnected, connected or listening");
  }

  /** The context this socket was made with (Python's `SSLSocket.context`). */
  get context(): SSLContext {
    return this.#settings.context;
  }

  /** `true` on the server side (Python's `SSLSocket.server_side`). */
  get serverSide(): boolean {
    return this.#settings.serverSide;
  }

  /** The host name given to `wrapSocket` (SNI and hostname check), or `null` (Python's `SSLSocket.server_hostname`). */
  get serverHostname(): string | null {
    return this.#settings.serverHostname;
  }

  /** Whether ragged EOFs read as EOF (Python's `SSLSocket.suppress_ragged_eofs`). */
  get suppressRaggedEofs(): boolean {
    return this.#settings.suppressRaggedEofs;
  }

  /** Whether `connect()`/`accept()` perform the handshake (Python's `do_handshake_on_connect`). */
  get doHandshakeOnConnect(): boolean {
    return this.#settings.doHandshakeOnConnect;
  }

  /** The address family ({@link AF_INET} or {@link AF_INET6}). */
  get family(): AddressFamily {
    return this.#family;
  }

  /** `true` when the session was resumed from an earlier one (Python's `session_reused`). */
  get sessionReused(): boolean {
    return this.#engine?.secure === true ? this.#engine.tls.isSessionReused() : false;
  }

  /**
   * The TLS session (Python's `SSLSocket.session`): after the handshake, the connection's
   * current session (with TLS 1.3 resumable — `hasTicket` — only once the server's tickets were
   * read, e.g. after the first `recv()`); before it, the session set to be offered, or `null`.
   * Set it before the handshake (client side only) to resume that session.
   *
   * @throws `ERR_SSLKIT_SOCKET_SESSION_SERVER_SIDE`, `ERR_SSLKIT_SOCKET_SESSION_AFTER_HANDSHAKE`,
   *   `ERR_SSLKIT_SOCKET_SESSION_CONTEXT_MISMATCH` (Python's `ValueError`s) and
   *   `ERR_INVALID_ARG_TYPE` when setting.
   * @see Python `SSLSocket.session`
   * @example
   * ```ts
   * const next = await context.wrapSocket(new Socket(), { serverHostname: "localhost", doHandshakeOnConnect: false });
   * next.session = previous.session;
   * ```
   */
  get session(): SSLSession | null {
    const engine = this.#engine;
    if (engine?.secure !== true) return this.#session;
    const data = engine.tls.getSession();
    return data === undefined ? null : createSSLSession(data, this.#settings.context);
  }

  /** Sets the session a client offers for resumption (Python `SSLSocket.session = …`); only before the handshake, with a session of the same context. */
  set session(value: SSLSession | null) {
    const { context, serverSide } = this.#settings;
    this.#session = checkSession(value, { context, serverSide, started: this.#engine !== null });
  }

  /**
   * The decrypted Node stream (the `tls.TLSSocket` Duplex) for `pipe()`/`pipeline()`: the fastest
   * path. Reading it consumes what `recv()` would return; use one or the other. `null` until the
   * TLS layer exists (after the handshake started).
   *
   * @example
   * ```ts
   * await pipeline(sock.stream!, createWriteStream("download.bin"));
   * ```
   */
  get stream(): Duplex | null {
    return this.#engine?.tls ?? null;
  }

  /**
   * Sets the timeout in seconds of every later operation (`null` blocking, `0` non-blocking).
   *
   * @param seconds - Seconds, `0` or `null`.
   * @throws `ERR_INVALID_ARG_TYPE` / `ERR_OUT_OF_RANGE`.
   * @see Python `socket.settimeout`
   * @example
   * ```ts
   * sock.setTimeout(10);
   * ```
   */
  setTimeout(seconds: number | null): void {
    if (seconds !== null && (typeof seconds !== "number" || Number.isNaN(seconds))) throw invalidArgTypeError("seconds", "a number or null", seconds);
    if (seconds !== null && seconds < 0) throw outOfRangeError("seconds", ">= 0 or null", seconds);
    this.#timeout = seconds;
    const mode = this.#mode;
    if (mode.kind === "unconnected" || mode.kind === "listening") mode.plain.setTimeout(seconds);
  }

  /**
   * Returns the timeout in seconds, or `null`.
   *
   * @see Python `socket.gettimeout`
   * @example
   * ```ts
   * sock.getTimeout();
   * ```
   */
  getTimeout(): number | null {
    return this.#timeout;
  }

  /**
   * `false` makes `doHandshake`, `recv` and `send` reject at once with `SSLWantReadError` /
   * `SSLWantWriteError` instead of waiting; {@link SSLSocket.waitReadable} and
   * {@link SSLSocket.waitWritable} play `select()`.
   *
   * @param flag - Blocking or not.
   * @see Python `socket.setblocking`
   * @example
   * ```ts
   * sock.setBlocking(false);
   * ```
   */
  setBlocking(flag: boolean): void {
    if (typeof flag !== "boolean") throw invalidArgTypeError("flag", "of type boolean", flag);
    this.setTimeout(flag ? null : 0);
  }

  /**
   * Returns `true` unless the timeout is `0`.
   *
   * @see Python `socket.getblocking`
   * @example
   * ```ts
   * sock.getBlocking();
   * ```
   */
  getBlocking(): boolean {
    return this.#timeout !== 0;
  }

  #transport(): Transport {
    const mode = this.#mode;
    if (mode.kind === "connected") return mode.transport;
    if (mode.kind === "closed") throw closedError("SSL socket");
    throw notConnectedError();
  }

  #ensureEngine(): Engine {
    const transport = this.#transport();
    if (this.#engine === null) {
      const { context, serverSide, serverHostname } = this.#settings;
      const session = this.#session === null ? null : sessionData(this.#session);
      this.#engine = new Engine({ context, serverSide, serverHostname, owner: this, transport, session });
    }
    return this.#engine;
  }

  async #wait(engine: Engine, message: string): Promise<void> {
    await withTimeout(engine.changed.wait(), this.#timeout, message);
  }

  /**
   * Connects the wrapped socket to `[host, port]` and, with `doHandshakeOnConnect`, performs
   * the handshake (a lazy client wrap: TLS starts after the TCP connection).
   *
   * @param address - `[host, port]`.
   * @throws As `Socket.connect` and {@link SSLSocket.doHandshake}; `ERR_SSLKIT_SOCKET_ALREADY_CONNECTED`.
   * @see Python `SSLSocket.connect`
   * @example
   * ```ts
   * await sock.connect(["127.0.0.1", 4433]);
   * ```
   */
  async connect(address: Address): Promise<void> {
    checkAddress(address);
    const mode = this.#mode;
    if (mode.kind === "closed") throw closedError("SSL socket");
    if (mode.kind !== "unconnected") throw new SSLKitError(SocketErrorCode.ALREADY_CONNECTED, "Transport endpoint is already connected");
    if (this.#settings.serverSide) throw invalidArgValueError("connect", "server side", "can't connect in server-side mode");
    await mode.plain.connect(address);
    this.#mode = { kind: "connected", transport: takeTransport(mode.plain) };
    if (this.#settings.doHandshakeOnConnect) await this.doHandshake();
  }

  /**
   * Accepts a connection on a listening server-side socket; resolves an already-wrapped
   * `SSLSocket` (handshaken when `doHandshakeOnConnect`) and the peer's address.
   *
   * @throws `ERR_SSLKIT_SOCKET_NOT_LISTENING`; {@link @sslkit/errors!TimeoutError}; the handshake's errors
   *   (the failed connection is closed).
   * @see Python `SSLSocket.accept`
   * @example
   * ```ts
   * const [conn, address] = await server.accept();
   * ```
   */
  async accept(): Promise<[SSLSocket, Address]> {
    const mode = this.#mode;
    if (mode.kind === "closed") throw closedError("SSL socket");
    if (mode.kind !== "listening") throw new SSLKitError(SocketErrorCode.NOT_LISTENING, "Invalid argument: the socket is not listening");
    const [conn, address] = await mode.plain.accept();
    const wrapped = new SSLSocket(this.#settings, conn, conn.family, this.#timeout);
    if (this.#settings.doHandshakeOnConnect) {
      try {
        await wrapped.doHandshake();
      } catch (error) {
        await wrapped.close();
        throw error;
      }
    }
    return [wrapped, address];
  }

  /**
   * Performs the TLS handshake (once; later calls resolve at once).
   *
   * @throws `SSLCertVerificationError` (verify code and message) when the peer's certificate
   *   fails; `SSLError` for protocol failures; `SSLEOFError` when the peer closes during the
   *   handshake; `SSLWantReadError`/`SSLWantWriteError` in non-blocking mode;
   *   {@link @sslkit/errors!TimeoutError} ("The handshake operation timed out").
   * @see Python `SSLSocket.do_handshake`
   * @example
   * ```ts
   * const sock = await wrapSocket(conn, { doHandshakeOnConnect: false, serverHostname: "localhost", context });
   * await sock.doHandshake();
   * ```
   */
  async doHandshake(): Promise<void> {
    const engine = this.#ensureEngine();
    for (;;) {
      throwIfFailed(engine);
      if (engine.secure) return;
      if (engine.ended || engine.tls.destroyed) {
        throw new SSLEOFError("EOF occurred in violation of protocol", { library: "SSL", reason: "UNEXPECTED_EOF_WHILE_READING" });
      }
      if (this.#timeout === 0) {
        if (this.#transport().socket.writableNeedDrain) throw new SSLWantWriteError();
        throw new SSLWantReadError();
      }
      await this.#wait(engine, "_ssl.c:990: The handshake operation timed out");
    }
  }

  /** The engine after the handshake; synchronous (no extra turn) once it is done. */
  #ready(): Engine | Promise<Engine> {
    const engine = this.#ensureEngine();
    if (engine.secure) return engine;
    return this.doHandshake().then(() => engine);
  }

  /**
   * Receives up to `bufsize` decrypted bytes; resolves an empty buffer after the peer's
   * close_notify, or after a ragged EOF when `suppressRaggedEofs` (the default).
   *
   * @param bufsize - The most bytes to return. @defaultValue 1024
   * @throws `SSLEOFError` on a ragged EOF without `suppressRaggedEofs`; `SSLZeroReturnError`
   *   when both sides already sent close_notify; `SSLWantReadError` in non-blocking mode;
   *   {@link @sslkit/errors!TimeoutError} ("The read operation timed out"); `ECONNRESET`.
   * @see Python `SSLSocket.recv`
   * @example
   * ```ts
   * const data = await sock.recv(4096);
   * ```
   */
  async recv(bufsize = 1024): Promise<Buffer> {
    if (typeof bufsize !== "number" || !Number.isInteger(bufsize)) throw invalidArgTypeError("bufsize", "an integer", bufsize);
    if (bufsize < 0) throw outOfRangeError("bufsize", ">= 0", bufsize);
    const ready = this.#ready();
    const engine = ready instanceof Engine ? ready : await ready;
    const stream = engine.tls;
    for (;;) {
      const available = stream.readableLength;
      if (available > 0) {
        if (bufsize === 0) return Buffer.alloc(0);
        return stream.read(Math.min(bufsize, firstChunkLength(stream))) as Buffer;
      }
      throwIfFailed(engine);
      if (engine.ended) {
        if (engine.ragged && !this.#settings.suppressRaggedEofs) {
          throw new SSLEOFError("EOF occurred in violation of protocol", { library: "SSL", reason: "UNEXPECTED_EOF_WHILE_READING" });
        }
        if (engine.peerClosed && engine.sentClose && !this.#unwrapping) throw new SSLZeroReturnError();
        return Buffer.alloc(0);
      }
      if (stream.destroyed) throw closedError("SSL socket");
      if (this.#timeout === 0) throw new SSLWantReadError();
      stream.read(0);
      await this.#wait(engine, "The read operation timed out");
    }
  }

  /**
   * Python's older `read(len=1024, buffer=None)`: the decrypted bytes, or with `buffer` the
   * number of bytes written into it.
   *
   * @param len - The most bytes to read. @defaultValue 1024
   * @throws As {@link SSLSocket.recv}.
   * @see Python `SSLSocket.read`
   * @example
   * ```ts
   * const data = await sock.read(1024);
   * ```
   */
  read(len?: number): Promise<Buffer>;
  /**
   * Python's `read(len, buffer)`: reads at most `len` decrypted bytes into `buffer` and resolves
   * how many were written (0 at EOF).
   *
   * @param len - The most bytes to read.
   * @param buffer - Where to write them.
   * @throws As {@link SSLSocket.recv}.
   * @see Python `SSLSocket.read`
   * @example
   * ```ts
   * const n = await sock.read(1024, new Uint8Array(1024));
   * ```
   */
  read(len: number, buffer: Uint8Array): Promise<number>;
  async read(len = 1024, buffer?: Uint8Array): Promise<Buffer | number> {
    if (buffer === undefined) return this.recv(len);
    return this.recvInto(buffer, Math.min(len, buffer.length));
  }

  /**
   * Receives decrypted bytes into `buffer`; resolves how many were written (0 at EOF).
   *
   * @param buffer - Where to write.
   * @param nbytes - The most bytes; `0` means `buffer.length`. @defaultValue 0
   * @throws As {@link SSLSocket.recv}; `ERR_OUT_OF_RANGE` when `nbytes` exceeds the buffer.
   * @see Python `SSLSocket.recv_into`
   * @example
   * ```ts
   * const n = await sock.recvInto(buf);
   * ```
   */
  recvInto(buffer: Uint8Array, nbytes = 0): Promise<number> {
    return recvIntoBuffer((bufsize) => this.recv(bufsize), buffer, nbytes);
  }

  /**
   * Encrypts and sends `data`; resolves the number of bytes taken (all of them).
   *
   * @param data - The bytes.
   * @throws `SSLWantWriteError` in non-blocking mode when the output is full; {@link @sslkit/errors!TimeoutError}
   *   ("The write operation timed out"); `SSLZeroReturnError` after the TLS layer was shut down.
   * @see Python `SSLSocket.send`
   * @example
   * ```ts
   * await sock.send(Buffer.from("hello"));
   * ```
   */
  async send(data: Uint8Array): Promise<number> {
    if (!(data instanceof Uint8Array)) throw invalidArgTypeError("data", "an instance of Uint8Array", data);
    const ready = this.#ready();
    const engine = ready instanceof Engine ? ready : await ready;
    const stream = engine.tls;
    throwIfFailed(engine);
    if (stream.writableEnded || stream.destroyed) throw new SSLZeroReturnError("TLS/SSL connection has been closed (EOF)");
    if (this.#timeout === 0 && stream.writableNeedDrain) throw new SSLWantWriteError();
    // Non-blocking: the bytes are queued; the next send() reports SSLWantWriteError until drained.
    if (!stream.write(data) && this.#timeout !== 0) {
      const blocked = (): boolean => stream.writableNeedDrain && !stream.destroyed && engine.failure() === null;
      while (blocked()) {
        await this.#wait(engine, "The write operation timed out");
      }
      throwIfFailed(engine);
    }
    return data.length;
  }

  /**
   * Sends every byte of `data`.
   *
   * @param data - The bytes.
   * @throws As {@link SSLSocket.send}.
   * @see Python `SSLSocket.sendall`
   * @example
   * ```ts
   * await sock.sendall(Buffer.from("GET / HTTP/1.0\r\n\r\n"));
   * ```
   */
  async sendall(data: Uint8Array): Promise<void> {
    await this.send(data);
  }

  /**
   * Python's older `write(data)`: sends and resolves the number of bytes written.
   *
   * @param data - The bytes.
   * @throws As {@link SSLSocket.send}.
   * @see Python `SSLSocket.write`
   * @example
   * ```ts
   * const n = await sock.write(Buffer.from("hello"));
   * ```
   */
  write(data: Uint8Array): Promise<number> {
    return this.send(data);
  }

  /**
   * Resolves when `recv` can make progress: decrypted bytes, EOF, an error, or (during a
   * non-blocking handshake) new bytes from the peer. The `select([sock], [], [])` of the
   * non-blocking loop.
   *
   * @throws {@link @sslkit/errors!TimeoutError} when the socket has a positive timeout and nothing happens.
   * @example
   * ```ts
   * for (;;) {
   *   try { await sock.doHandshake(); break; }
   *   catch (e) { if (e instanceof SSLWantReadError) await sock.waitReadable(); else throw e; }
   * }
   * ```
   */
  async waitReadable(): Promise<void> {
    const engine = this.#ensureEngine();
    if (engine.tls.readableLength > 0 || engine.ended || engine.failure() !== null) return;
    engine.tls.read(0);
    await withTimeout(engine.changed.wait(), this.#timeout === 0 ? null : this.#timeout, "timed out");
  }

  /**
   * Resolves when `send` can take more bytes (the `select([], [sock], [])` of the loop).
   *
   * @throws {@link @sslkit/errors!TimeoutError} when the socket has a positive timeout and the output stays full.
   * @example
   * ```ts
   * try { await sock.send(data); } catch (e) { if (e instanceof SSLWantWriteError) await sock.waitWritable(); }
   * ```
   */
  async waitWritable(): Promise<void> {
    const engine = this.#ensureEngine();
    const transport = this.#transport();
    while ((engine.tls.writableNeedDrain || transport.socket.writableNeedDrain) && engine.failure() === null && !engine.tls.destroyed) {
      await withTimeout(engine.changed.wait(), this.#timeout === 0 ? null : this.#timeout, "timed out");
    }
  }

  /**
   * Returns how many decrypted bytes are buffered and readable without waiting.
   *
   * @see Python `SSLSocket.pending`
   * @example
   * ```ts
   * if (sock.pending() > 0) data = await sock.recv(sock.pending());
   * ```
   */
  pending(): number {
    return this.#engine?.tls.readableLength ?? 0;
  }

  #secureEngine(): Engine {
    const engine = this.#engine;
    if (engine?.secure !== true) throw new SSLKitError(SocketErrorCode.HANDSHAKE_NOT_DONE, "handshake not done yet");
    return engine;
  }

  /**
   * Returns the peer's certificate: CPython's dict when it was verified, `{}` when it was not
   * (`CERT_NONE`), `null` when the peer sent none; with `binaryForm`, its DER bytes (or `null`).
   *
   * @param binaryForm - Return DER bytes. @defaultValue `false`
   * @throws `ERR_SSLKIT_SOCKET_HANDSHAKE_NOT_DONE` before the handshake (Python's `ValueError`).
   * @see Python `SSLSocket.getpeercert`
   * @example
   * ```ts
   * const cert = sock.getPeerCert();
   * console.log(cert?.subject, cert?.notAfter);
   * ```
   */
  getPeerCert(binaryForm?: false): PeerCertDict | Record<string, never> | null;
  getPeerCert(binaryForm: true): Uint8Array | null;
  getPeerCert(binaryForm = false): PeerCertDict | Record<string, never> | Uint8Array | null {
    return peerCertOf(this.#settings.context, this.#secureEngine().peerCertificate, binaryForm);
  }

  /**
   * Returns the negotiated cipher as `[name, protocolVersion, secretBits]`, or `null` before the handshake.
   *
   * @see Python `SSLSocket.cipher`
   * @example
   * ```ts
   * const [name, version, bits] = sock.cipher() ?? [];
   * ```
   */
  cipher(): CipherTuple | null {
    const engine = this.#engine;
    return engine?.secure === true ? cipherOf(this.#settings.context, engine.tls) : null;
  }

  /**
   * Server side: the ciphers both the client offered and this context enables, in the
   * server's order; `null` on the client side or before the handshake.
   *
   * @see Python `SSLSocket.shared_ciphers`
   * @example
   * ```ts
   * console.log(conn.sharedCiphers()?.map(([name]) => name));
   * ```
   */
  sharedCiphers(): CipherTuple[] | null {
    const engine = this.#engine;
    if (engine?.secure !== true || !this.#settings.serverSide) return null;
    return sharedCiphersOf(this.#settings.context, engine.clientHello);
  }

  /**
   * Returns the negotiated protocol version (`"TLSv1.3"`, …), or `null` before the handshake.
   *
   * @see Python `SSLSocket.version`
   * @example
   * ```ts
   * sock.version(); // "TLSv1.3"
   * ```
   */
  version(): string | null {
    const engine = this.#engine;
    return engine?.secure === true ? engine.tls.getProtocol() : null;
  }

  /**
   * Returns the protocol ALPN selected, or `null`.
   *
   * @see Python `SSLSocket.selected_alpn_protocol`
   * @example
   * ```ts
   * if (sock.selectedALPNProtocol() === "h2") useHTTP2();
   * ```
   */
  selectedALPNProtocol(): string | null {
    const engine = this.#engine;
    return engine?.secure === true ? alpnOf(engine.tls) : null;
  }

  /**
   * Returns the compression algorithm: always `null` (OpenSSL 3 builds have no TLS compression).
   *
   * @see Python `SSLSocket.compression`
   * @example
   * ```ts
   * sock.compression(); // null
   * ```
   */
  compression(): null {
    return null;
  }

  /**
   * Returns channel binding data: `"tls-unique"` (RFC 5929, the first Finished message) or
   * `"tls-exporter"` (RFC 9266, 32 bytes of keying material), or `null` before the handshake.
   *
   * @param cbType - The binding type. @defaultValue `"tls-unique"`
   * @throws `ERR_INVALID_ARG_VALUE` for another type (Python's `ValueError`).
   * @see Python `SSLSocket.get_channel_binding`
   * @example
   * ```ts
   * const binding = sock.getChannelBinding("tls-exporter");
   * ```
   */
  getChannelBinding(cbType: ChannelBindingType = "tls-unique"): Uint8Array | null {
    checkChannelBindingType(cbType);
    const engine = this.#engine;
    return engine?.secure === true ? channelBindingOf(engine.tls, this.#settings.serverSide, cbType) : null;
  }

  /**
   * Returns the peer's `[host, port]`.
   *
   * @throws `ERR_SSLKIT_SOCKET_NOT_CONNECTED`.
   * @see Python `socket.getpeername`
   * @example
   * ```ts
   * const [host, port] = sock.getpeername();
   * ```
   */
  getpeername(): Address {
    const socket = this.#transport().socket;
    if (socket.remoteAddress === undefined || socket.remotePort === undefined) throw notConnectedError();
    return [socket.remoteAddress, socket.remotePort];
  }

  /**
   * Returns the local `[host, port]`.
   *
   * @throws `ERR_SSLKIT_SOCKET_CLOSED` after close.
   * @see Python `socket.getsockname`
   * @example
   * ```ts
   * const [, port] = server.getsockname();
   * ```
   */
  getsockname(): Address {
    const mode = this.#mode;
    if (mode.kind === "unconnected" || mode.kind === "listening") return mode.plain.getsockname();
    const address = this.#transport().socket.address();
    if (!("port" in address)) throw notConnectedError();
    return [address.address, address.port];
  }

  /**
   * Shuts TLS down (close_notify both ways) and resolves the plain {@link Socket} over which
   * cleartext continues — STARTTLS in reverse. Bytes the peer sent after its close_notify, even
   * in the same TCP segment, are kept for the plain socket.
   *
   * @throws `ERR_SSLKIT_SOCKET_NOT_WRAPPED` when there is no TLS layer (never handshaken,
   *   already unwrapped); `ERR_SSLKIT_SOCKET_HANDSHAKE_NOT_DONE` before the handshake;
   *   {@link @sslkit/errors!TimeoutError} when the peer's close_notify does not come in time.
   * @see Python `SSLSocket.unwrap`
   * @example
   * ```ts
   * const plain = await sock.unwrap();
   * await plain.sendall(Buffer.from("cleartext again\r\n"));
   * ```
   */
  async unwrap(): Promise<Socket> {
    const engine = this.#engine;
    if (this.#mode.kind !== "connected" || engine === null || this.#unwrapping) {
      throw new SSLKitError(SocketErrorCode.NOT_WRAPPED, "No SSL wrapper around the socket");
    }
    if (!engine.secure) throw new SSLKitError(SocketErrorCode.HANDSHAKE_NOT_DONE, "handshake not done yet");
    this.#unwrapping = true;
    engine.framer.everyRecord = true;
    const stream = engine.tls;
    if (!stream.writableEnded) stream.end();
    while (!(engine.sentClose && engine.ended) && engine.failure() === null) {
      if (this.#timeout === 0) {
        this.#unwrapping = false;
        throw engine.sentClose ? new SSLWantReadError() : new SSLWantWriteError();
      }
      stream.read(0);
      await this.#wait(engine, "The read operation timed out");
    }
    throwIfFailed(engine);
    const transport = engine.detach();
    this.#engine = null;
    this.#mode = { kind: "closed" };
    return socketFromTransport(transport, this.#family, this.#timeout);
  }

  /**
   * Closes the connection: a close_notify is sent when the TLS session is up (Python's close
   * sends none; peers accept both), then the TCP connection is closed. Resolves once the handle
   * is released; closing twice is harmless.
   *
   * @see Python `SSLSocket.close`
   * @example
   * ```ts
   * await sock.close();
   * ```
   */
  async close(): Promise<void> {
    const mode = this.#mode;
    const engine = this.#engine;
    this.#mode = { kind: "closed" };
    if (mode.kind === "unconnected" || mode.kind === "listening") {
      await mode.plain.close();
      return;
    }
    if (mode.kind !== "connected") return;
    if (engine !== null) {
      const stream = engine.tls;
      if (engine.secure && !stream.writableEnded && !stream.destroyed && !mode.transport.closed) {
        stream.end();
        const flushed = (async (): Promise<void> => {
          while (!engine.sentClose && engine.failure() === null && !stream.destroyed) await engine.changed.wait();
        })();
        await withTimeout(flushed, CLOSE_NOTIFY_GRACE_SECONDS, "timed out").catch(() => undefined);
      }
      engine.detach();
    }
    await mode.transport.close();
  }

  /**
   * Iterates the decrypted bytes until EOF (`recv(65536)` in a loop).
   *
   * @example
   * ```ts
   * for await (const chunk of sock) hash.update(chunk);
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    for (;;) {
      const chunk = await this.recv(65536);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }
}


function throwIfFailed(engine: Engine): void {
  const failure = engine.failure();
  if (failure !== null) throw failure;
}
