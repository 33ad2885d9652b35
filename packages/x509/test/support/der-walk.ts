/** One TLV found in a DER (or BER) encoding. */
export interface TLVHeader {
  /** Offset of the tag byte. */
  readonly offset: number;
  /** Bytes of tag and length. */
  readonly headerLength: number;
  /** The content length (definite lengths only). */
  readonly length: number;
  readonly constructed: boolean;
}

/**
 * Lists every TLV of a well-formed DER encoding, outermost first, descending into constructed
 * values (and BIT/OCTET STRINGs that hold DER, as extensions do). For test mutations only.
 */
export function walkDER(der: Uint8Array): TLVHeader[] {
  const out: TLVHeader[] = [];
  const walk = (start: number, end: number): void => {
    let at = start;
    while (at < end) {
      const tag = der[at]!;
      if ((tag & 0x1f) === 0x1f) return; // multi-byte tags: not in certificates
      const first = der[at + 1];
      if (first === undefined) return;
      let length = first;
      let headerLength = 2;
      if (first & 0x80) {
        const count = first & 0x7f;
        if (count === 0 || count > 3) return;
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] ?? 0);
        headerLength += count;
      }
      const contentEnd = at + headerLength + length;
      if (contentEnd > end) return;
      const constructed = (tag & 0x20) !== 0;
      out.push({ offset: at, headerLength, length, constructed });
      if (constructed) walk(at + headerLength, contentEnd);
      else if (tag === 0x04 && length > 1 && der[at + headerLength] === 0x30) walk(at + headerLength, contentEnd);
      at = contentEnd;
    }
  };
  walk(0, der.length);
  return out;
}

/** Returns `der` with the TLV at `header` given another length encoding (the content is unchanged). */
export function replaceLength(der: Uint8Array, header: TLVHeader, lengthBytes: readonly number[]): Uint8Array {
  const out = new Uint8Array(der.length - header.headerLength + 1 + lengthBytes.length);
  out.set(der.subarray(0, header.offset + 1), 0);
  out.set(lengthBytes, header.offset + 1);
  out.set(der.subarray(header.offset + header.headerLength), header.offset + 1 + lengthBytes.length);
  return out;
}

/** `count` nested SEQUENCEs around `inner`, with definite lengths. */
export function nestedSequences(count: number, inner: Uint8Array = Uint8Array.of(0x05, 0x00)): Uint8Array {
  // Build from the inside out into one buffer: lengths grow by at most 5 bytes per level.
  const lengths: number[] = [];
  let size = inner.length;
  for (let i = 0; i < count; i++) {
    lengths.push(size);
    size += 1 + lengthOfLength(size);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = count - 1; i >= 0; i--) {
    const length = lengths[i]!;
    out[at++] = 0x30;
    at = writeLength(out, at, length);
  }
  out.set(inner, at);
  return out;
}

function lengthOfLength(length: number): number {
  if (length < 0x80) return 1;
  let bytes = 0;
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes++;
  return 1 + bytes;
}

function writeLength(out: Uint8Array, at: number, length: number): number {
  if (length < 0x80) {
    out[at] = length;
    return at + 1;
  }
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  out[at] = 0x80 | bytes.length;
  out.set(bytes, at + 1);
  return at + 1 + bytes.length;
}
