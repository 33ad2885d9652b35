import type { Readable } from "node:stream";

/** Node 20 keeps the buffered chunks in a linked list. */
interface ListBuffer {
  head?: { data?: { length?: number } } | null;
}

interface ReadableInternals {
  _readableState?: { buffer?: unknown; bufferIndex?: number };
}

/**
 * The length of the first buffered chunk of a paused Readable (the whole buffer length when
 * the layout is unknown). Reading exactly that many bytes hands the chunk over without the
 * copy `read(n)` makes to join several chunks — Python's `recv(n)` may return fewer than `n`.
 */
export function firstChunkLength(stream: Readable): number {
  const state = (stream as unknown as ReadableInternals)._readableState;
  const buffer = state?.buffer;
  let length: number | undefined;
  if (Array.isArray(buffer)) length = (buffer as readonly ({ length?: number } | undefined)[])[state?.bufferIndex ?? 0]?.length; // Node ≥ 22
  else if (typeof buffer === "object" && buffer !== null) length = (buffer as ListBuffer).head?.data?.length; // Node 20
  return typeof length === "number" && length > 0 ? length : stream.readableLength;
}
