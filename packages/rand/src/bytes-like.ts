/**
 * Bytes as Python's buffer protocol sees them: any TypedArray (Buffer included), DataView,
 * ArrayBuffer or SharedArrayBuffer; only the view's own bytes are read.
 *
 * @example
 * ```ts
 * const data: BytesLike = new DataView(buffer, 16, 32);
 * randAdd(data, 8);
 * ```
 * @see Python's bytes-like objects (`bytes`, `bytearray`, `memoryview`, `array.array`)
 */
export type BytesLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;
