import type * as net from "node:net";
import { Signal } from "./deadline.js";

/** Where a {@link Transport} delivers bytes while an SSL engine owns it. */
export interface TransportSink {
  data(chunk: Buffer): void;
  end(): void;
  error(error: Error): void;
}

/** Stop reading from the kernel above this many queued bytes (Python's socket buffers in the kernel instead). */
const HIGH_WATER = 1024 * 1024;

/**
 * The byte pipe under a `Socket` or an `SSLSocket`: a connected `net.Socket` plus the bytes
 * received and not yet consumed. It survives wrapping and unwrapping, so bytes are never lost
 * between the plain and the TLS layer.
 */
export class Transport {
  readonly socket: net.Socket;
  readonly changed: Signal = new Signal();
  #chunks: Buffer[] = [];
  #length = 0;
  #eof = false;
  #error: Error | null = null;
  #closed = false;
  #sink: TransportSink | null = null;

  constructor(socket: net.Socket, initial: readonly Buffer[] = [], eof = false) {
    this.socket = socket;
    for (const chunk of initial) this.#enqueue(chunk);
    this.#eof = eof;
    socket.on("data", (chunk: Buffer) => {
      if (this.#sink !== null) this.#sink.data(chunk);
      else this.#enqueue(chunk);
      this.changed.notify();
    });
    socket.on("end", () => {
      this.#eof = true;
      this.#sink?.end();
      this.changed.notify();
    });
    socket.on("error", (error: Error) => {
      this.#error ??= error;
      this.#sink?.error(error);
      this.changed.notify();
    });
    socket.on("close", () => {
      this.#closed = true;
      this.changed.notify();
    });
    socket.on("drain", () => {
      this.changed.notify();
    });
  }

  #enqueue(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#length >= HIGH_WATER && !this.socket.isPaused()) this.socket.pause();
  }

  get buffered(): number {
    return this.#length;
  }

  get eof(): boolean {
    return this.#eof;
  }

  get error(): Error | null {
    return this.#error;
  }

  get closed(): boolean {
    return this.#closed || this.socket.destroyed;
  }

  /** Removes and returns up to `n` queued bytes (fewer when fewer are queued). */
  take(n: number): Buffer {
    if (this.#length === 0 || n <= 0) return Buffer.alloc(0);
    const first = this.#chunks[0];
    let out: Buffer;
    if (first !== undefined && first.length >= n) {
      out = first.length === n ? first : first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      const parts: Buffer[] = [];
      let need = n;
      while (need > 0 && this.#chunks.length > 0) {
        const head = this.#chunks[0];
        if (head === undefined) break;
        if (head.length <= need) {
          parts.push(head);
          need -= head.length;
          this.#chunks.shift();
        } else {
          parts.push(head.subarray(0, need));
          this.#chunks[0] = head.subarray(need);
          need = 0;
        }
      }
      out = Buffer.concat(parts);
    }
    this.#length -= out.length;
    if (this.#length < HIGH_WATER / 2 && this.socket.isPaused() && this.#sink === null) this.socket.resume();
    return out;
  }

  /** Removes and returns every queued chunk. */
  takeAll(): Buffer[] {
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#length = 0;
    return chunks;
  }

  /** Puts bytes back in front of the queue (the plaintext that followed a close_notify). */
  unshift(chunks: readonly Buffer[]): void {
    const kept = chunks.filter((chunk) => chunk.length > 0);
    this.#chunks.unshift(...kept);
    this.#length += kept.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** Marks the end of the peer's stream as seen (used when an engine consumed the FIN). */
  markEOF(): void {
    this.#eof = true;
  }

  /**
   * Routes incoming bytes to `sink` instead of the queue (or back to the queue with `null`).
   * Queued bytes are handed to the new sink first, in order, then an EOF already seen.
   */
  setSink(sink: TransportSink | null): void {
    this.#sink = sink;
    if (sink === null) {
      if (this.#length < HIGH_WATER) this.socket.resume();
      return;
    }
    for (const chunk of this.takeAll()) sink.data(chunk);
    if (this.#eof) sink.end();
    if (this.#error !== null) sink.error(this.#error);
    this.socket.resume();
  }

  /** Writes bytes; resolves at once when the kernel took them, or after `drain`. */
  write(data: Uint8Array): Promise<void> {
    if (this.socket.write(data)) return Promise.resolve();
    return this.drained();
  }

  /** Resolves when the socket's write buffer is below its high-water mark (or the socket is gone). */
  drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!this.socket.writableNeedDrain || this.socket.destroyed) {
          cleanup();
          if (this.#error !== null) reject(this.#error);
          else resolve();
        }
      };
      const cleanup = (): void => {
        this.socket.off("drain", check);
        this.socket.off("close", check);
        this.socket.off("error", check);
      };
      this.socket.on("drain", check);
      this.socket.on("close", check);
      this.socket.on("error", check);
      check();
    });
  }

  /** Flushes what was written, sends FIN, then closes the handle; resolves once it is closed. */
  close(): Promise<void> {
    const socket = this.socket;
    if (socket.destroyed) {
      return this.#closed ? Promise.resolve() : new Promise((resolve) => socket.once("close", () => { resolve(); }));
    }
    return new Promise<void>((resolve) => {
      socket.once("close", () => {
        resolve();
      });
      if (socket.writable && !socket.writableEnded && socket.writableLength > 0) {
        socket.end(() => socket.destroy());
        socket.once("error", () => socket.destroy());
      } else {
        socket.destroy();
      }
    });
  }
}
