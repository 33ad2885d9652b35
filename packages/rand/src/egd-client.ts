import { createConnection } from "node:net";
import type { Socket } from "node:net";
import { RandError, invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import { RandErrorCode } from "./error-codes.js";
import { assertOptionalBoolean, assertOptionsObject } from "./internal/arguments.js";

/**
 * Default for {@link EGDOptions.timeout}: milliseconds to wait for the connection and for each answer.
 *
 * @example
 * ```ts
 * await randEgd(path, { timeout: 2 * EGD_DEFAULT_TIMEOUT_MS });
 * ```
 * @see Python's `RAND_egd` had no timeout (OpenSSL's `RAND_query_egd_bytes` blocks).
 */
export const EGD_DEFAULT_TIMEOUT_MS = 5000;
/**
 * Most octets one EGD read request can ask for: the protocol sends the count in one octet.
 *
 * @example
 * ```ts
 * const chunk = await egd.read(EGD_MAX_READ);
 * ```
 * @see OpenSSL `RAND_query_egd_bytes`, which asks in portions of at most 255.
 */
export const EGD_MAX_READ = 255;

/**
 * EGD command octets (the protocol of egd.pl, as OpenSSL's `RAND_query_egd_bytes` speaks it).
 *
 * @example
 * ```ts
 * socket.write(Uint8Array.of(EGDCommand.READ_NONBLOCKING, 32));
 * ```
 * @see Python `ssl.RAND_egd` used commands 0x01 through OpenSSL.
 */
export const EGDCommand = {
  /** Ask how many bits of entropy the pool holds; answer: 4 octets, big-endian. */
  ENTROPY_LEVEL: 0x00,
  /** Read up to N octets without waiting; answer: 1 count octet, then that many octets. */
  READ_NONBLOCKING: 0x01,
  /** Read exactly N octets, waiting for the pool to fill; answer: N octets. */
  READ_BLOCKING: 0x02,
  /** Ask for the daemon's process id; answer: 1 length octet, then the pid in ASCII digits. */
  GET_PID: 0x04,
} as const;
export type EGDCommand = (typeof EGDCommand)[keyof typeof EGDCommand];

/**
 * Options for talking to an EGD daemon.
 *
 * @example
 * ```ts
 * const options: EGDOptions = { timeout: 1000, signal: AbortSignal.timeout(5000) };
 * ```
 * @see Python `ssl.RAND_egd(path)` (no options there).
 */
export interface EGDOptions {
  /** Milliseconds allowed for connecting and for each answer (a silent daemon fails, never hangs). @defaultValue `5000` */
  readonly timeout?: number;
  /** Aborts the connection and every pending request. */
  readonly signal?: AbortSignal;
}

/**
 * Options for {@link EGDClient.read}.
 *
 * @example
 * ```ts
 * await egd.read(64, { blocking: true } satisfies EGDReadOptions);
 * ```
 * @see OpenSSL `RAND_query_egd_bytes` (non-blocking reads only).
 */
export interface EGDReadOptions {
  /** Use command 0x02 (wait until the daemon has `n` octets) instead of 0x01 (take what it has). @defaultValue `false` */
  readonly blocking?: boolean;
}

interface PendingRead {
  readonly length: number;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: RandError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Checks the shared EGD options and returns the timeout in milliseconds. */
export function checkEGDOptions(options: EGDOptions, name: string): number {
  assertOptionsObject(options, name);
  const { timeout = EGD_DEFAULT_TIMEOUT_MS, signal } = options;
  if (typeof timeout !== "number") throw invalidArgTypeError(`${name}.timeout`, "of type number", timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 2 ** 31 - 1) {
    throw outOfRangeError(`${name}.timeout`, "> 0 and <= 2147483647", timeout);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgTypeError(`${name}.signal`, "an instance of AbortSignal", signal);
  }
  return timeout;
}

/**
 * A connection to an entropy-gathering daemon (EGD) over its UNIX socket, speaking commands
 * 0x00 (entropy level), 0x01 (non-blocking read), 0x02 (blocking read) and 0x04 (pid); every
 * answer has a timeout, and a daemon that closes early or answers garbage gives a `RandError`.
 *
 * @example
 * ```ts
 * const egd = await EGDClient.connect("/run/egd-pool");
 * try {
 *   console.log(await egd.entropyLevel(), "bits in the pool of pid", await egd.pid());
 *   const bytes = await egd.read(64);
 * } finally {
 *   egd.close();
 * }
 * ```
 * @see Python {@link https://docs.python.org/3.5/library/ssl.html#ssl.RAND_egd | ssl.RAND_egd} (OpenSSL < 1.1.0 only), OpenSSL `RAND_query_egd_bytes`
 */
export class EGDClient {
  readonly #socket: Socket;
  readonly #timeout: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: () => void;
  #received: Buffer[] = [];
  #receivedLength = 0;
  #pending: PendingRead | undefined;
  #failure: RandError | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(socket: Socket, timeout: number, signal: AbortSignal | undefined) {
    this.#socket = socket;
    this.#timeout = timeout;
    this.#signal = signal;
    this.#onAbort = () => {
      this.#fail(new RandError(RandErrorCode.EGD_ABORTED, "the EGD request was aborted", { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", this.#onAbort, { once: true });
    socket.on("data", (chunk: Buffer) => {
      this.#received.push(chunk);
      this.#receivedLength += chunk.length;
      this.#deliver();
    });
    socket.on("end", () => {
      this.#fail(new RandError(RandErrorCode.EGD_CLOSED, "the EGD daemon closed the connection before answering in full"));
    });
    socket.on("error", (cause) => {
      this.#fail(new RandError(RandErrorCode.EGD_CLOSED, `the EGD connection failed: ${cause.message}`, { cause }));
    });
    socket.on("close", () => {
      this.#fail(new RandError(RandErrorCode.EGD_CLOSED, "the EGD connection is closed"));
    });
  }

  /**
   * Connects to the daemon's UNIX socket.
   *
   * @param path - The socket's path.
   * @param options - `timeout` (ms, default 5000) and `signal`.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` if `path` is not a non-empty string or an option has the wrong type.
   * @throws RangeError `ERR_OUT_OF_RANGE` for a timeout that is not > 0.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_CONNECT` if the socket is missing or refuses the connection.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_TIMEOUT` if connecting takes longer than `timeout`.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_ABORTED` if `signal` aborts.
   * @example
   * ```ts
   * const egd = await EGDClient.connect("/run/egd-pool", { timeout: 1000 });
   * ```
   */
  static async connect(path: string, options: EGDOptions = {}): Promise<EGDClient> {
    if (typeof path !== "string" || path.length === 0) throw invalidArgTypeError("path", "a non-empty string", path);
    const timeout = checkEGDOptions(options, "options");
    const { signal } = options;
    if (signal?.aborted === true) {
      throw new RandError(RandErrorCode.EGD_ABORTED, "the EGD request was aborted", { cause: signal.reason });
    }
    const socket = createConnection({ path });
    return new Promise<EGDClient>((resolve, reject) => {
      const settle = (error: RandError | undefined): void => {
        clearTimeout(timer);
        socket.off("connect", onConnect);
        socket.off("error", onError);
        signal?.removeEventListener("abort", onAbort);
        if (error === undefined) {
          resolve(new EGDClient(socket, timeout, signal));
        } else {
          socket.destroy();
          reject(error);
        }
      };
      const onConnect = (): void => {
        settle(undefined);
      };
      const onError = (cause: Error): void => {
        settle(new RandError(RandErrorCode.EGD_CONNECT, `cannot connect to the EGD socket ${path}: ${cause.message}`, { cause }));
      };
      const onAbort = (): void => {
        settle(new RandError(RandErrorCode.EGD_ABORTED, "the EGD request was aborted", { cause: signal?.reason }));
      };
      const timer = setTimeout(() => {
        settle(new RandError(RandErrorCode.EGD_TIMEOUT, `no connection to the EGD socket ${path} within ${timeout} ms`));
      }, timeout);
      socket.once("connect", onConnect);
      socket.once("error", onError);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Returns how many bits of entropy the daemon's pool holds (command 0x00).
   *
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_TIMEOUT`, `ERR_SSLKIT_RAND_EGD_CLOSED` or `ERR_SSLKIT_RAND_EGD_ABORTED`.
   * @example
   * ```ts
   * if ((await egd.entropyLevel()) < 256) console.warn("EGD pool is low");
   * ```
   */
  entropyLevel(): Promise<number> {
    return this.#exchange(Uint8Array.of(EGDCommand.ENTROPY_LEVEL), async () => {
      const answer = await this.#readExact(4, "the entropy level");
      return new DataView(answer.buffer, answer.byteOffset, 4).getUint32(0);
    });
  }

  /**
   * Reads up to `n` random octets (command 0x01), or exactly `n` with `{ blocking: true }` (0x02).
   * A non-blocking read may return fewer octets than asked, even none, when the pool is low.
   *
   * @param n - 1 to 255 (the protocol's one-octet count).
   * @param options - `blocking`.
   * @throws TypeError `ERR_INVALID_ARG_TYPE` / RangeError `ERR_OUT_OF_RANGE` for a bad `n` or option.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_PROTOCOL` if the daemon announces more octets than asked.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_TIMEOUT`, `ERR_SSLKIT_RAND_EGD_CLOSED` or `ERR_SSLKIT_RAND_EGD_ABORTED`.
   * @example
   * ```ts
   * const seed = await egd.read(32, { blocking: true });
   * ```
   */
  async read(n: number, options: EGDReadOptions = {}): Promise<Uint8Array> {
    if (typeof n !== "number") throw invalidArgTypeError("n", "of type number", n);
    if (!Number.isInteger(n) || n < 1 || n > EGD_MAX_READ) throw outOfRangeError("n", `an integer >= 1 and <= ${EGD_MAX_READ}`, n);
    assertOptionsObject(options, "options");
    assertOptionalBoolean(options.blocking, "options.blocking");
    if (options.blocking === true) {
      return this.#exchange(Uint8Array.of(EGDCommand.READ_BLOCKING, n), () => this.#readExact(n, `${n} octets`));
    }
    return this.#exchange(Uint8Array.of(EGDCommand.READ_NONBLOCKING, n), async () => {
      const [count = 0] = await this.#readExact(1, "the count octet");
      if (count > n) throw this.#protocolError(`the EGD daemon announced ${count} octets for a request of ${n}`);
      return count === 0 ? new Uint8Array(0) : this.#readExact(count, `${count} announced octets`);
    });
  }

  /**
   * Returns the daemon's process id (command 0x04).
   *
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_PROTOCOL` if the answer is not decimal digits.
   * @throws {@link @sslkit/errors!RandError} `ERR_SSLKIT_RAND_EGD_TIMEOUT`, `ERR_SSLKIT_RAND_EGD_CLOSED` or `ERR_SSLKIT_RAND_EGD_ABORTED`.
   * @example
   * ```ts
   * console.log("EGD runs as pid", await egd.pid());
   * ```
   */
  pid(): Promise<number> {
    return this.#exchange(Uint8Array.of(EGDCommand.GET_PID), async () => {
      const [length = 0] = await this.#readExact(1, "the pid length octet");
      const text = length === 0 ? "" : Buffer.from(await this.#readExact(length, "the pid")).toString("latin1");
      if (!/^[0-9]{1,10}$/.test(text)) throw this.#protocolError(`the EGD daemon sent a malformed pid ${JSON.stringify(text)}`);
      return Number(text);
    });
  }

  /**
   * Closes the connection; pending requests fail with `ERR_SSLKIT_RAND_EGD_CLOSED`.
   *
   * @example
   * ```ts
   * egd.close();
   * ```
   */
  close(): void {
    this.#fail(new RandError(RandErrorCode.EGD_CLOSED, "the EGD connection was closed by the client"));
  }

  /** Sends one command and parses its answer; commands run one after another. */
  #exchange<T>(command: Uint8Array, parse: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.#failure !== undefined) throw this.#failure;
      this.#socket.write(command);
      return parse();
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #readExact(length: number, what: string): Promise<Uint8Array> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new RandError(RandErrorCode.EGD_TIMEOUT, `the EGD daemon did not send ${what} within ${this.#timeout} ms`));
      }, this.#timeout);
      this.#pending = { length, resolve, reject, timer };
      this.#deliver();
    });
  }

  #deliver(): void {
    const pending = this.#pending;
    if (pending === undefined || this.#receivedLength < pending.length) return;
    const all = this.#received.length === 1 ? (this.#received[0] ?? Buffer.alloc(0)) : Buffer.concat(this.#received);
    const answer = Uint8Array.from(all.subarray(0, pending.length));
    const rest = all.subarray(pending.length);
    this.#received = rest.length > 0 ? [rest] : [];
    this.#receivedLength = rest.length;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(answer);
  }

  #protocolError(message: string): RandError {
    const error = new RandError(RandErrorCode.EGD_PROTOCOL, message);
    this.#fail(error);
    return error;
  }

  #fail(error: RandError): void {
    this.#failure ??= error;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(this.#failure);
    }
    this.#socket.destroy();
  }
}
