import * as net from "node:net";
import { SSLKitError, invalidArgTypeError, invalidArgValueError, outOfRangeError } from "@sslkit/errors";
import { AF_INET, AF_INET6, SHUT_RD, SHUT_RDWR, SHUT_WR } from "./constants.js";
import type { Address, AddressFamily, ShutdownHow } from "./constants.js";
import { SocketErrorCode } from "./error-codes.js";
import { withTimeout } from "./internal/deadline.js";
import { closedError, notConnectedError, wouldBlockError } from "./internal/errors.js";
import { Transport } from "./internal/transport.js";
import { recvIntoBuffer } from "./internal/recv-into.js";

type State =
  | { readonly kind: "new" }
  | { readonly kind: "connecting" }
  | { readonly kind: "connected"; readonly transport: Transport }
  | { readonly kind: "listening"; readonly server: net.Server; readonly queue: net.Socket[]; readonly waiters: Set<() => void> }
  | { readonly kind: "closed" };

/** Checks a Python-style `[host, port]` address. */
export function checkAddress(address: unknown, name = "address"): Address {
  if (!Array.isArray(address) || address.length < 2) throw invalidArgTypeError(name, "a [host, port] tuple", address);
  const [host, port] = address as unknown[];
  if (typeof host !== "string") throw invalidArgTypeError(`${name}[0]`, "of type string", host);
  if (typeof port !== "number" || !Number.isInteger(port)) throw invalidArgTypeError(`${name}[1]`, "an integer", port);
  if (port < 0 || port > 65535) throw outOfRangeError(`${name}[1]`, ">= 0 and <= 65535", port);
  return [host, port];
}

function checkTimeout(seconds: unknown): number | null {
  if (seconds === null) return null;
  if (typeof seconds !== "number" || Number.isNaN(seconds)) throw invalidArgTypeError("seconds", "a number or null", seconds);
  if (seconds < 0) throw outOfRangeError("seconds", ">= 0 or null", seconds);
  return seconds;
}

function addressOf(info: net.AddressInfo | string | null | undefined | Record<string, never>, fallback?: Address): Address {
  if (info !== null && info !== undefined && typeof info === "object" && "port" in info) return [info.address, info.port];
  if (fallback !== undefined) return fallback;
  throw notConnectedError();
}

/** Internal: lets `SSLSocket` take and give back the byte pipe of a `Socket`. */
export let takeTransport: (socket: Socket) => Transport;
/** Internal: makes a `Socket` around a transport (after `unwrap()` or `accept()`). */
export let socketFromTransport: (transport: Transport, family: AddressFamily, timeout: number | null) => Socket;
/** Internal: what a `Socket` is doing (`wrapSocket` decides how to wrap it from this). */
export let socketStateOf: (socket: Socket) => "new" | "connecting" | "connected" | "listening" | "closed";

/**
 * A TCP socket with Python's `socket.socket` API over `node:net`: every network operation
 * returns a Promise, addresses are `[host, port]`, `recv` resolves an empty buffer at EOF.
 *
 * @example
 * ```ts
 * const sock = new Socket();
 * await sock.connect(["127.0.0.1", 8080]);
 * await sock.sendall(Buffer.from("ping"));
 * const reply = await sock.recv(1024);
 * await sock.close();
 * ```
 * @see Python {@link https://docs.python.org/3/library/socket.html#socket-objects | socket.socket}
 */
export class Socket {
  readonly #family: AddressFamily;
  #state: State = { kind: "new" };
  #timeout: number | null = null;
  #bound: Address | undefined;

  static {
    takeTransport = (socket) => socket.#take();
    socketFromTransport = (transport, family, timeout) => {
      const socket = new Socket(family);
      socket.#state = { kind: "connected", transport };
      socket.#timeout = timeout;
      return socket;
    };
    socketStateOf = (socket) => socket.#state.kind;
  }

  /**
   * Creates an unconnected TCP socket.
   *
   * @param family - {@link AF_INET} or {@link AF_INET6}. @defaultValue `AF_INET`
   * @throws `ERR_INVALID_ARG_VALUE` for another family.
   * @example
   * ```ts
   * const sock6 = new Socket(AF_INET6);
   * ```
   */
  constructor(family: AddressFamily = AF_INET) {
    const value: unknown = family;
    if (value !== AF_INET && value !== AF_INET6) throw invalidArgValueError("family", family, "must be AF_INET or AF_INET6");
    this.#family = family;
  }

  /**
   * Wraps a connected `net.Socket` (Python's `socket.socket(fileno=…)`); the `Socket` owns it from now on.
   *
   * @param socket - A connected (or connecting) `net.Socket`.
   * @throws `ERR_INVALID_ARG_TYPE` for anything else.
   * @example
   * ```ts
   * server.on("connection", (conn) => { const sock = Socket.fromNodeSocket(conn); });
   * ```
   */
  static fromNodeSocket(socket: net.Socket): Socket {
    if (!(socket instanceof net.Socket)) throw invalidArgTypeError("socket", "an instance of net.Socket", socket);
    const family = socket.remoteFamily === "IPv6" ? AF_INET6 : AF_INET;
    return socketFromTransport(new Transport(socket), family, null);
  }

  /** The address family ({@link AF_INET} or {@link AF_INET6}), Python's `socket.family`. */
  get family(): AddressFamily {
    return this.#family;
  }

  /** `true` once {@link Socket.close} was called or the socket was detached. */
  get closed(): boolean {
    return this.#state.kind === "closed";
  }

  #stateKind(): State["kind"] {
    return this.#state.kind;
  }

  #take(): Transport {
    const state = this.#state;
    if (state.kind !== "connected") throw state.kind === "closed" ? closedError() : notConnectedError();
    this.#state = { kind: "closed" };
    return state.transport;
  }

  #transport(): Transport {
    const state = this.#state;
    if (state.kind === "connected") return state.transport;
    throw state.kind === "closed" ? closedError() : notConnectedError();
  }

  /**
   * Sets the timeout of every later operation in seconds: `null` waits forever (blocking), `0`
   * never waits (non-blocking), otherwise operations reject with {@link @sslkit/errors!TimeoutError}.
   *
   * @param seconds - Seconds, `0`, or `null`.
   * @throws `ERR_INVALID_ARG_TYPE` / `ERR_OUT_OF_RANGE` for anything else.
   * @see Python `socket.settimeout`
   * @example
   * ```ts
   * sock.setTimeout(5);
   * ```
   */
  setTimeout(seconds: number | null): void {
    this.#timeout = checkTimeout(seconds);
  }

  /**
   * Returns the timeout in seconds, or `null` for blocking mode.
   *
   * @see Python `socket.gettimeout`
   * @example
   * ```ts
   * if (sock.getTimeout() === null) console.log("blocking");
   * ```
   */
  getTimeout(): number | null {
    return this.#timeout;
  }

  /**
   * Blocking mode `true` is `setTimeout(null)`; `false` is `setTimeout(0)`: operations that
   * would wait reject at once with `ERR_SSLKIT_SOCKET_WOULD_BLOCK` (Python's `BlockingIOError`).
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
    this.#timeout = flag ? null : 0;
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

  /**
   * Chooses the local address: the address `listen()` binds, or the source address of `connect()`.
   *
   * @param address - `[host, port]`; port `0` lets the kernel choose.
   * @throws `ERR_SSLKIT_SOCKET_ALREADY_CONNECTED` when connected or listening; `ERR_SSLKIT_SOCKET_CLOSED` after close.
   * @see Python `socket.bind`
   * @example
   * ```ts
   * sock.bind(["127.0.0.1", 0]);
   * ```
   */
  bind(address: Address): void {
    const checked = checkAddress(address);
    if (this.#state.kind === "closed") throw closedError();
    if (this.#state.kind !== "new") throw new SSLKitError(SocketErrorCode.ALREADY_CONNECTED, "Invalid argument: the socket is already bound and in use");
    this.#bound = checked;
  }

  /**
   * Starts listening on the address given to {@link Socket.bind} (`127.0.0.1`/`::1` port 0 without `bind`).
   *
   * @param backlog - Pending connections the kernel queues. @defaultValue 511
   * @throws `EADDRINUSE` and other system errors from `listen(2)`; `ERR_SSLKIT_SOCKET_ALREADY_CONNECTED` when connected.
   * @see Python `socket.listen`
   * @example
   * ```ts
   * sock.bind(["127.0.0.1", 0]);
   * await sock.listen();
   * const [, port] = sock.getsockname();
   * ```
   */
  async listen(backlog = 511): Promise<void> {
    if (typeof backlog !== "number" || !Number.isInteger(backlog)) throw invalidArgTypeError("backlog", "an integer", backlog);
    if (this.#state.kind === "closed") throw closedError();
    if (this.#state.kind === "listening") return;
    if (this.#state.kind !== "new") throw new SSLKitError(SocketErrorCode.ALREADY_CONNECTED, "Transport endpoint is already connected");
    const [host, port] = this.#bound ?? [this.#family === AF_INET6 ? "::1" : "127.0.0.1", 0];
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const state = { kind: "listening" as const, server, queue: [] as net.Socket[], waiters: new Set<() => void>() };
    this.#state = state;
    server.on("connection", (conn: net.Socket) => {
      conn.on("error", () => undefined);
      state.queue.push(conn);
      for (const wake of state.waiters) wake();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host, port, backlog }, () => {
        server.off("error", reject);
        resolve();
      });
    }).catch((error: unknown) => {
      this.#state = { kind: "closed" };
      throw error;
    });
    server.on("error", () => undefined);
  }

  static async #acceptNode(
    state: Extract<State, { kind: "listening" }>,
    timeout: number | null,
  ): Promise<net.Socket> {
    for (;;) {
      const ready = state.queue.shift();
      if (ready !== undefined) return ready;
      if (!state.server.listening) throw closedError();
      if (timeout === 0) throw wouldBlockError();
      let wake: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => {
        wake = resolve;
      });
      state.waiters.add(wake);
      try {
        await withTimeout(arrived, timeout, "timed out");
      } finally {
        state.waiters.delete(wake);
      }
    }
  }

  /**
   * Waits for a connection; resolves a connected `Socket` and the peer's address.
   *
   * @throws `ERR_SSLKIT_SOCKET_NOT_LISTENING` before {@link Socket.listen}; {@link @sslkit/errors!TimeoutError}
   *   after the timeout; `ERR_SSLKIT_SOCKET_WOULD_BLOCK` in non-blocking mode with nobody waiting.
   * @see Python `socket.accept`
   * @example
   * ```ts
   * const [conn, [host, port]] = await server.accept();
   * ```
   */
  async accept(): Promise<[Socket, Address]> {
    const state = this.#state;
    if (state.kind === "closed") throw closedError();
    if (state.kind !== "listening") throw new SSLKitError(SocketErrorCode.NOT_LISTENING, "Invalid argument: the socket is not listening");
    const conn = await Socket.#acceptNode(state, this.#timeout);
    conn.resume();
    const family = conn.remoteFamily === "IPv6" ? AF_INET6 : AF_INET;
    const socket = socketFromTransport(new Transport(conn), family, this.#timeout);
    return [socket, [conn.remoteAddress ?? "", conn.remotePort ?? 0]];
  }

  /**
   * Connects to `[host, port]` (a name is resolved, preferring the socket's family).
   *
   * @param address - `[host, port]`.
   * @throws `ECONNREFUSED`, `ENOTFOUND` and other system errors; {@link @sslkit/errors!TimeoutError};
   *   `ERR_SSLKIT_SOCKET_ALREADY_CONNECTED` when already connected or listening.
   * @see Python `socket.connect`
   * @example
   * ```ts
   * await sock.connect(["localhost", 443]);
   * ```
   */
  async connect(address: Address): Promise<void> {
    const [host, port] = checkAddress(address);
    if (this.#state.kind === "closed") throw closedError();
    if (this.#state.kind !== "new") throw new SSLKitError(SocketErrorCode.ALREADY_CONNECTED, "Transport endpoint is already connected");
    this.#state = { kind: "connecting" };
    const local = this.#bound;
    const socket = net.connect({
      host,
      port,
      family: this.#family === AF_INET6 ? 6 : 4,
      allowHalfOpen: true,
      noDelay: true,
      ...(local === undefined ? {} : { localAddress: local[0], localPort: local[1] }),
    });
    const connected = new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(error);
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        socket.off("error", onError);
        resolve();
      });
    });
    try {
      await withTimeout(connected, this.#timeout === 0 ? null : this.#timeout, "timed out");
    } catch (error) {
      socket.destroy();
      this.#state = { kind: "new" };
      throw error;
    }
    if (this.#stateKind() !== "connecting") {
      socket.destroy();
      throw closedError();
    }
    this.#state = { kind: "connected", transport: new Transport(socket) };
  }

  /**
   * Receives up to `bufsize` bytes; resolves an empty buffer when the peer closed its side.
   *
   * @param bufsize - The most bytes to return. @defaultValue 1024
   * @throws {@link @sslkit/errors!TimeoutError}; `ERR_SSLKIT_SOCKET_WOULD_BLOCK` when non-blocking and nothing is
   *   buffered; `ECONNRESET` and other system errors; `ERR_SSLKIT_SOCKET_NOT_CONNECTED`.
   * @see Python `socket.recv`
   * @example
   * ```ts
   * for (let data = await sock.recv(4096); data.length > 0; data = await sock.recv(4096)) process(data);
   * ```
   */
  async recv(bufsize = 1024): Promise<Buffer> {
    if (typeof bufsize !== "number" || !Number.isInteger(bufsize)) throw invalidArgTypeError("bufsize", "an integer", bufsize);
    if (bufsize < 0) throw outOfRangeError("bufsize", ">= 0", bufsize);
    const transport = this.#transport();
    for (;;) {
      if (transport.buffered > 0) return transport.take(bufsize);
      if (transport.error !== null) throw transport.error;
      if (transport.eof || transport.closed || bufsize === 0) return Buffer.alloc(0);
      if (this.#timeout === 0) throw wouldBlockError();
      await withTimeout(transport.changed.wait(), this.#timeout, "timed out");
    }
  }

  /**
   * Receives into `buffer`; resolves the number of bytes written (0 at EOF).
   *
   * @param buffer - Where to write.
   * @param nbytes - The most bytes to read; `0` means `buffer.length`. @defaultValue 0
   * @throws As {@link Socket.recv}; `ERR_OUT_OF_RANGE` when `nbytes` exceeds the buffer.
   * @see Python `socket.recv_into`
   * @example
   * ```ts
   * const buf = Buffer.alloc(4096);
   * const n = await sock.recvInto(buf);
   * ```
   */
  recvInto(buffer: Uint8Array, nbytes = 0): Promise<number> {
    return recvIntoBuffer((bufsize) => this.recv(bufsize), buffer, nbytes);
  }

  /**
   * Sends bytes; resolves how many were taken (always all of them: Node queues what the kernel
   * cannot take yet, and the promise waits for room when the queue is full).
   *
   * @param data - The bytes.
   * @throws `EPIPE`, `ECONNRESET` and other system errors; {@link @sslkit/errors!TimeoutError} while waiting for room;
   *   `ERR_SSLKIT_SOCKET_WOULD_BLOCK` when non-blocking and the queue is full.
   * @see Python `socket.send`
   * @example
   * ```ts
   * const n = await sock.send(Buffer.from("hello"));
   * ```
   */
  async send(data: Uint8Array): Promise<number> {
    await this.sendall(data);
    return data.length;
  }

  /**
   * Sends every byte of `data`.
   *
   * @param data - The bytes.
   * @throws As {@link Socket.send}.
   * @see Python `socket.sendall`
   * @example
   * ```ts
   * await sock.sendall(Buffer.from("GET / HTTP/1.0\r\n\r\n"));
   * ```
   */
  async sendall(data: Uint8Array): Promise<void> {
    if (!(data instanceof Uint8Array)) throw invalidArgTypeError("data", "an instance of Uint8Array", data);
    const transport = this.#transport();
    if (transport.error !== null) throw transport.error;
    if (transport.socket.writableEnded || transport.closed) throw new SSLKitError(SocketErrorCode.CLOSED, "Broken pipe: the socket was shut down for writing");
    if (this.#timeout === 0 && transport.socket.writableNeedDrain) throw wouldBlockError();
    await withTimeout(transport.write(data), this.#timeout === 0 ? null : this.#timeout, "timed out");
  }

  /**
   * Shuts down one or both directions: `SHUT_WR` sends FIN (the peer reads EOF), `SHUT_RD` makes
   * `recv` return EOF, `SHUT_RDWR` both.
   *
   * @param how - {@link SHUT_RD}, {@link SHUT_WR} or {@link SHUT_RDWR}.
   * @throws `ERR_INVALID_ARG_VALUE` for another value; `ERR_SSLKIT_SOCKET_NOT_CONNECTED`.
   * @see Python `socket.shutdown`
   * @example
   * ```ts
   * sock.shutdown(SHUT_WR);
   * ```
   */
  shutdown(how: ShutdownHow): void {
    const value: unknown = how;
    if (value !== SHUT_RD && value !== SHUT_WR && value !== SHUT_RDWR) throw invalidArgValueError("how", how, "must be SHUT_RD, SHUT_WR or SHUT_RDWR");
    const transport = this.#transport();
    if (how !== SHUT_WR) {
      transport.takeAll();
      transport.markEOF();
      transport.socket.pause();
    }
    if (how !== SHUT_RD) transport.socket.end();
  }

  /**
   * Closes the socket: pending output is flushed, then the connection (or the listener) is
   * closed. Resolves once the handle is released. Closing twice is harmless.
   *
   * @see Python `socket.close`
   * @example
   * ```ts
   * await sock.close();
   * ```
   */
  async close(): Promise<void> {
    const state = this.#state;
    this.#state = { kind: "closed" };
    if (state.kind === "connected") await state.transport.close();
    else if (state.kind === "listening") {
      for (const conn of state.queue.splice(0)) conn.destroy();
      const closed = new Promise<void>((resolve) => state.server.close(() => { resolve(); }));
      for (const wake of state.waiters) wake();
      await closed;
    }
  }

  /**
   * Returns the peer's `[host, port]`.
   *
   * @throws `ERR_SSLKIT_SOCKET_NOT_CONNECTED` when not connected.
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
   * Returns the local `[host, port]` (the kernel's choice for port 0 once listening or connected).
   *
   * @throws `ERR_SSLKIT_SOCKET_CLOSED` after close.
   * @see Python `socket.getsockname`
   * @example
   * ```ts
   * const [, port] = server.getsockname();
   * ```
   */
  getsockname(): Address {
    const state = this.#state;
    if (state.kind === "listening") return addressOf(state.server.address());
    if (state.kind === "connected") return addressOf(state.transport.socket.address());
    if (state.kind === "closed") throw closedError();
    return this.#bound ?? [this.#family === AF_INET6 ? "::" : "0.0.0.0", 0];
  }
}
