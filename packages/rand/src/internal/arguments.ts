import { invalidArgTypeError, outOfRangeError } from "@sslkit/errors";


const textEncoder = new TextEncoder();

/** Copies bytes-like input or UTF-8-encodes a string (Python's `str` -> `bytes` for RAND_add). */
export function toBytes(value: unknown, name: string, { allowString }: { allowString: boolean }): Uint8Array {
  if (typeof value === "string" && allowString) return textEncoder.encode(value);
  if (ArrayBuffer.isView(value)) return Uint8Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
    return Uint8Array.from(new Uint8Array(value));
  }
  const expected = allowString
    ? "of type string or an instance of ArrayBuffer, Buffer, TypedArray or DataView"
    : "an instance of ArrayBuffer, Buffer, TypedArray or DataView";
  throw invalidArgTypeError(name, expected, value);
}

/** Checks a byte count the way Python checks `RAND_bytes(n)`: an integer from 0 to `max`. */
export function assertByteCount(value: unknown, name: string, max: number): asserts value is number {
  if (typeof value !== "number") throw invalidArgTypeError(name, "of type number", value);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw outOfRangeError(name, `an integer >= 0 and <= ${max}`, value);
  }
}

/** Checks an optional boolean option. */
export function assertOptionalBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw invalidArgTypeError(name, "of type boolean", value);
}

/** Checks that an options argument is an object (or undefined). */
export function assertOptionsObject(value: unknown, name: string): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== "object" || value === null)) {
    throw invalidArgTypeError(name, "of type object", value);
  }
}

/** Checks that a required argument is an object. */
export function assertObject(value: unknown, name: string): asserts value is object {
  if (typeof value !== "object" || value === null) throw invalidArgTypeError(name, "of type object", value);
}
