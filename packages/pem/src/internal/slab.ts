import { NodeBuffer } from "./node-buffer.js";

/** Size of the shared blocks decoded bodies are written into, like Node's own Buffer pool. */
const SLAB_SIZE = 64 * 1024;

type WritableBuffer = ReturnType<NonNullable<typeof NodeBuffer>["alloc"]>;

let slab: WritableBuffer | undefined;
let used = 0;

/** Space in the current slab for at most `maxBytes`, or a fresh zero-filled slab. */
function slabFor(maxBytes: number): WritableBuffer | undefined {
  if (NodeBuffer === undefined) return undefined;
  if (slab === undefined || slab.length - used < maxBytes) {
    slab = NodeBuffer.alloc(Math.max(SLAB_SIZE, maxBytes));
    used = 0;
  }
  return slab;
}

/**
 * Decodes base64 (Node's lenient decoder: it skips characters outside the alphabet and stops
 * at '=') into a shared slab, saving one allocation per block. Returns the written view and
 * a `keep` function that reserves it; a result that is not kept is overwritten by the next call.
 */
export function decodeIntoSlab(body: string): { bytes: Uint8Array; keep: () => void } | undefined {
  const target = slabFor(Math.ceil((body.length * 3) / 4));
  if (target === undefined) return undefined;
  const start = used;
  const written = target.write(body, start, "base64");
  return {
    bytes: new Uint8Array(target.buffer, target.byteOffset + start, written),
    keep: () => {
      used = start + ((written + 7) & ~7); // keep views 8-byte aligned
    },
  };
}
