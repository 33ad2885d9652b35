import { SSLError, invalidArgTypeError } from "@sslkit/errors";

/**
 * An in-memory byte buffer between an {@link SSLObject} and whatever carries its bytes
 * (Python's `ssl.MemoryBIO`): write what the network gave you into the incoming BIO, send what
 * appears in the outgoing BIO.
 *
 * @example
 * ```ts
 * const incoming = new MemoryBIO();
 * const outgoing = new MemoryBIO();
 * const tls = context.wrapBIO(incoming, outgoing, { serverHostname: "example.org" });
 * incoming.write(bytesFromTheNetwork);
 * sendToTheNetwork(outgoing.read());
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.MemoryBIO | ssl.MemoryBIO}
 */
export class MemoryBIO {
  #chunks: Buffer[] = [];
  #pending = 0;
  #eofWritten = false;

  /** The number of bytes waiting to be read (Python's `MemoryBIO.pending`). */
  get pending(): number {
    return this.#pending;
  }

  /** `true` once {@link MemoryBIO.writeEof} was called and every byte was read (Python's `MemoryBIO.eof`). */
  get eof(): boolean {
    return this.#eofWritten && this.#pending === 0;
  }

  /**
   * Removes and returns up to `n` bytes (all of them when `n` is omitted or negative); an
   * empty buffer when there are none.
   *
   * @param n - The most bytes to return. @defaultValue -1 (everything)
   * @throws `ERR_INVALID_ARG_TYPE` when `n` is not an integer.
   * @see Python `MemoryBIO.read`
   * @example
   * ```ts
   * await socket.sendall(outgoing.read());
   * ```
   */
  read(n = -1): Buffer {
    if (typeof n !== "number" || !Number.isInteger(n)) throw invalidArgTypeError("n", "an integer", n);
    const want = n < 0 ? this.#pending : Math.min(n, this.#pending);
    if (want === 0) return Buffer.alloc(0);
    const first = this.#chunks[0];
    let out: Buffer;
    if (first !== undefined && first.length >= want) {
      out = first.subarray(0, want);
      if (first.length === want) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(want);
    } else {
      out = Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const head = this.#chunks[0];
        if (head === undefined) break;
        const take = Math.min(head.length, want - filled);
        head.copy(out, filled, 0, take);
        filled += take;
        if (take === head.length) this.#chunks.shift();
        else this.#chunks[0] = head.subarray(take);
      }
    }
    this.#pending -= want;
    return out;
  }

  /**
   * Appends `data` (copied); returns its length.
   *
   * @param data - The bytes.
   * @throws `ERR_INVALID_ARG_TYPE` when `data` is not a `Uint8Array`.
   * @throws {@link @sslkit/errors!SSLError} `ERR_SSLKIT_SSL` after {@link MemoryBIO.writeEof} (Python's "cannot write() after write_eof()").
   * @see Python `MemoryBIO.write`
   * @example
   * ```ts
   * socket.on("data", (chunk) => incoming.write(chunk));
   * ```
   */
  write(data: Uint8Array): number {
    if (!(data instanceof Uint8Array)) throw invalidArgTypeError("data", "an instance of Uint8Array", data);
    if (this.#eofWritten) throw new SSLError("cannot write() after write_eof()");
    if (data.length > 0) {
      this.#chunks.push(Buffer.from(data));
      this.#pending += data.length;
    }
    return data.length;
  }

  /**
   * Marks the end of the stream: no more writes; {@link MemoryBIO.eof} turns `true` once the
   * remaining bytes are read. Calling it again does nothing.
   *
   * @see Python `MemoryBIO.write_eof`
   * @example
   * ```ts
   * socket.on("end", () => incoming.writeEof());
   * ```
   */
  writeEof(): void {
    this.#eofWritten = true;
  }
}
