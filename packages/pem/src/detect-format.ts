import { invalidArgTypeError } from "@sslkit/errors";

/** What {@link detectFormat} can tell about an input. */
export type PEMFormat = "pem" | "der" | "unknown";

const BEGIN_BYTES = [0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x42, 0x45, 0x47, 0x49, 0x4e, 0x20]; // "-----BEGIN "

function containsBegin(bytes: Uint8Array): boolean {
  const limit = bytes.length - BEGIN_BYTES.length;
  for (let i = bytes.indexOf(0x2d); i !== -1 && i <= limit; i = bytes.indexOf(0x2d, i + 1)) {
    let match = true;
    for (let j = 1; j < BEGIN_BYTES.length; j++) {
      if (bytes[i + j] !== BEGIN_BYTES[j]) {
        match = false;
        break;
      }
    }
    if (match) return true;
  }
  return false;
}

/** Returns the end of the DER SEQUENCE that starts at `offset`, or -1 if its header is not valid DER. */
function sequenceEnd(bytes: Uint8Array, offset: number): number {
  if (bytes[offset] !== 0x30) return -1;
  const first = bytes[offset + 1];
  if (first === undefined) return -1;
  if (first < 0x80) return offset + 2 + first;
  const count = first & 0x7f;
  // 0x80 is BER's indefinite length (not DER); more than 4 length bytes is beyond any input here.
  if (count === 0 || count > 4 || bytes[offset + 2] === 0) return -1;
  let length = 0;
  for (let i = 0; i < count; i++) {
    const byte = bytes[offset + 2 + i];
    if (byte === undefined) return -1;
    length = length * 256 + byte;
  }
  if (length < 0x80) return -1; // DER uses the short form for lengths below 128.
  return offset + 2 + count + length;
}

/**
 * Tells whether input is PEM text, DER (one or more complete outer SEQUENCEs whose lengths
 * add up exactly), or neither, without decoding it.
 *
 * @param input - File contents as bytes or text.
 * @returns `"pem"`, `"der"` or `"unknown"`.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` when `input` is neither a string nor a Uint8Array.
 * @see No Python equivalent; OpenSSL's `-inform` guessing in `openssl storeutl`.
 * @example
 * ```ts
 * const format = detectFormat(await readFile("cert.crt"));
 * const der = format === "pem" ? pemToDER(text) : bytes;
 * ```
 */
export function detectFormat(input: Uint8Array | string): PEMFormat {
  if (typeof input === "string") return input.includes("-----BEGIN ") ? "pem" : "unknown";
  if (!(input instanceof Uint8Array)) throw invalidArgTypeError("input", "of type string or an instance of Uint8Array", input);
  if (input.length === 0) return "unknown";
  let offset = 0;
  while (offset < input.length) {
    const end = sequenceEnd(input, offset);
    if (end === -1 || end > input.length) break;
    offset = end;
  }
  if (offset === input.length) return "der";
  return containsBegin(input) ? "pem" : "unknown";
}
