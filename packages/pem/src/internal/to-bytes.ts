import { invalidArgTypeError } from "@sslkit/errors";

/** Accepts what Python calls a bytes-like object and returns a Uint8Array view of it (no copy). */
export function toBytes(value: unknown, name: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw invalidArgTypeError(name, "an instance of Uint8Array, ArrayBuffer or ArrayBufferView", value);
}
