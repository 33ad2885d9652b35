/** The subset of Node's `Buffer` the fast paths use; absent in browsers. */
interface BufferLike {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): Uint8Array & { toString(encoding: "base64" | "latin1"): string };
  from(text: string, encoding: "base64"): Uint8Array;
  alloc(size: number): Uint8Array & { write(text: string, offset: number, encoding: "base64"): number };
}

/** Node's global `Buffer` when running on Node (no `node:` import, so bundlers leave it out). */
export const NodeBuffer: BufferLike | undefined = (globalThis as { Buffer?: BufferLike }).Buffer;
