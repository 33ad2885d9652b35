import { PEMError, invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import type { PEMBlock } from "./block.js";
import { PEMErrorCode } from "./error-codes.js";
import { LABEL_PATTERN, PEMLabel } from "./labels.js";
import { decodeBase64 } from "./internal/base64.js";
import { fail } from "./internal/fail.js";
import { bytesToLatin1 } from "./internal/text.js";

/** Options of {@link decodePEM}. */
export interface DecodePEMOptions {
  /**
   * Accept only RFC 7468 §3 `stricttextualmsg`: encapsulation lines at the start of a line,
   * no headers, body lines of exactly 64 characters (the last one shorter), no white space.
   * @defaultValue `false` (tolerant, as OpenSSL: CRLF, any line width, headers, text between blocks)
   */
  readonly strict?: boolean;
  /** Largest input accepted, in characters or bytes. @defaultValue `134217728` (128 MiB) */
  readonly maxLength?: number;
}

const BEGIN = "-----BEGIN ";
const END = "-----END ";
const DASHES = "-----";
const DEFAULT_MAX_LENGTH = 128 * 1024 * 1024;
const STRICT_BODY =
  /^(?:[A-Za-z0-9+/]{64}(?:\r\n|\r|\n))*(?:[A-Za-z0-9+/]{4}){0,15}(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)(?:\r\n|\r|\n)$/;

/** Index of the first "\r" or "\n" at or after `from`, or the text length. */
function lineEnd(text: string, from: number): number {
  const lf = text.indexOf("\n", from);
  if (lf === -1) {
    const cr = text.indexOf("\r", from); // old Mac CR-only text, or the last line
    return cr === -1 ? text.length : cr;
  }
  // A CR before the LF ends the line there (CRLF). Searching only this line keeps it linear.
  const cr = text.slice(from, lf).indexOf("\r");
  return cr === -1 ? lf : from + cr;
}

/** Index just past the line break at `at` (CRLF, CR or LF), or `at` at the end of the text. */
function skipLineBreak(text: string, at: number): number {
  if (text.charCodeAt(at) === 0x0d) at++;
  if (text.charCodeAt(at) === 0x0a) at++;
  return at;
}

function isLineStart(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  return offset === 0 || previous === 0x0a || previous === 0x0d;
}

/** Reads `-----BEGIN label-----` or `-----END label-----` at `offset`; returns the label and the line end. */
function readEncapsulationLine(text: string, offset: number, marker: string, strict: boolean): { label: string; lineEnd: number } {
  const end = lineEnd(text, offset);
  let line = text.slice(offset, end);
  if (line.endsWith(" ") || line.endsWith("\t")) line = line.replace(/[ \t]+$/, "");
  const kind = marker === BEGIN ? "BEGIN" : "END";
  if (!line.endsWith(DASHES) || line.length < marker.length + DASHES.length) {
    fail(PEMErrorCode.BAD_LABEL, `damaged ${kind} line: ${JSON.stringify(line.slice(0, 80))}`, text, offset);
  }
  const label = line.slice(marker.length, line.length - DASHES.length);
  if (!KNOWN_LABELS.has(label) && !LABEL_PATTERN.test(label)) {
    fail(PEMErrorCode.BAD_LABEL, `invalid PEM label ${JSON.stringify(label.slice(0, 80))} on the ${kind} line`, text, offset);
  }
  if (strict && line.length !== end - offset) {
    fail(PEMErrorCode.NOT_STRICT, `white space after the ${kind} line`, text, offset);
  }
  return { label, lineEnd: end };
}

/** END lines of the well-known labels, built once: a flat string compares fastest. */
const KNOWN_END_LINES = new Map(Object.values(PEMLabel).map((label) => [label as string, `${END}${label}${DASHES}`]));
const KNOWN_LABELS = new Set<string>(Object.values(PEMLabel));

function endLineOf(label: string): string {
  return KNOWN_END_LINES.get(label) ?? `${END}${label}${DASHES}`;
}

/** Throws if an END line starts in `[from, until)` (until -1: the end of the text): its BEGIN line is missing. */
function failOnStrayEnd(text: string, from: number, until: number): void {
  const stop = until === -1 ? text.length : until;
  if (stop - from < END.length) return; // blocks separated by a line break, as usual
  const stray = text.slice(from, stop).indexOf(END);
  if (stray !== -1) fail(PEMErrorCode.UNMATCHED_END, "END line without a BEGIN line before it", text, from + stray);
}

/**
 * Returns where the END line of the block starting at `begin` is. Base64 has no '-', so the
 * first '-' after the headers is normally that line: one fast single-character search.
 */
function findEndLine(text: string, begin: number, dataStart: number, label: string): number {
  const dash = text.indexOf("-", dataStart);
  if (dash !== -1 && text.startsWith(END, dash)) return dash;
  const end = text.indexOf(END, dataStart);
  const nested = text.indexOf(BEGIN, dataStart);
  if (end === -1) fail(PEMErrorCode.MISSING_END, `"${BEGIN}${label}${DASHES}" has no END line (truncated input?)`, text, begin);
  if (nested !== -1 && nested < end) fail(PEMErrorCode.NESTED_BEGIN, `BEGIN line inside the "${label}" block`, text, nested);
  return end; // a stray '-' in the body: the base64 check reports it with its position
}

/** Checks the END line at `offset` names `label`; returns where the line ends. */
function findEndLineEnd(text: string, offset: number, label: string, strict: boolean): number {
  const expected = endLineOf(label);
  const after = offset + expected.length;
  const next = text.charCodeAt(after);
  // The common case: the exact END line, then a line break or the end of the text.
  if (text.startsWith(expected, offset) && (after === text.length || next === 0x0a || next === 0x0d)) return after;
  const { label: endLabel, lineEnd: end } = readEncapsulationLine(text, offset, END, strict);
  if (endLabel !== label) fail(PEMErrorCode.LABEL_MISMATCH, `block begins with "${label}" but ends with "${endLabel}"`, text, offset);
  return end;
}

/** Parses RFC 1421 headers at the start of a block body; returns them and where the base64 starts. */
function readHeaders(text: string, from: number): { headers: Record<string, string>; dataStart: number } {
  const headers: Record<string, string> = {};
  const firstLine = text.slice(from, lineEnd(text, from));
  if (!firstLine.includes(":") || firstLine.startsWith(DASHES)) return { headers, dataStart: from };
  let position = from;
  let lastName: string | undefined;
  while (position < text.length && !text.startsWith(DASHES, position)) {
    const end = lineEnd(text, position);
    const line = text.slice(position, end);
    const next = skipLineBreak(text, end);
    if (line.trim() === "") return { headers, dataStart: next };
    if ((line.startsWith(" ") || line.startsWith("\t")) && lastName !== undefined) {
      headers[lastName] = `${headers[lastName] ?? ""}${line.trim()}`;
    } else {
      const colon = line.indexOf(":");
      const name = colon > 0 ? line.slice(0, colon).trim() : "";
      if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
        fail(PEMErrorCode.BAD_HEADER, `header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))}`, text, position);
      }
      if (Object.hasOwn(headers, name)) fail(PEMErrorCode.BAD_HEADER, `duplicate header ${JSON.stringify(name)}`, text, position);
      headers[name] = line.slice(colon + 1).trim();
      lastName = name;
    }
    position = next;
  }
  return fail(PEMErrorCode.BAD_HEADER, "headers are not followed by a blank line before the base64 body", text, from);
}

/**
 * Decodes every PEM block in a text: certificates, keys, CRLs, requests, any label.
 *
 * Tolerant like OpenSSL by default: explanatory text between blocks, CRLF or CR line breaks,
 * a missing final newline, 64- or 76-column (or any) bodies, RFC 1421 headers
 * (`Proc-Type`, `DEK-Info`). Damaged input is never skipped: every problem throws.
 *
 * @param input - PEM text, or its bytes (read as Latin-1 so offsets are byte offsets).
 * @param options - {@link DecodePEMOptions}: `strict` RFC 7468 mode, `maxLength`.
 * @returns The blocks in input order; `[]` when the input has none.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_LABEL_MISMATCH` when an END line names another label.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_MISSING_END` when a block is truncated.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_UNMATCHED_END` for an END line outside any block.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_NESTED_BEGIN` for a BEGIN line inside a block.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_BAD_LABEL` for a damaged BEGIN/END line.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_BAD_HEADER` for a malformed RFC 1421 header.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_BAD_BASE64` for a body that is not base64.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_EMPTY_BODY` for a block without content.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_TOO_LARGE` when the input exceeds `maxLength`.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_NOT_STRICT` in strict mode, for any RFC 7468 deviation.
 * @see RFC 7468 §2–3; OpenSSL `PEM_read_bio_ex`. No Python equivalent (Python reads PEM only inside OpenSSL).
 * @example
 * ```ts
 * const blocks = decodePEM(await readFile("/etc/ssl/certs/ca-certificates.crt", "utf8"));
 * console.log(blocks.length, blocks[0]?.label, blocks[0]?.der.length);
 * ```
 */
export function decodePEM(input: string | Uint8Array, options: DecodePEMOptions = {}): PEMBlock[] {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    throw invalidArgTypeError("input", "of type string or an instance of Uint8Array", input);
  }
  const { strict = false, maxLength = DEFAULT_MAX_LENGTH } = options;
  if (!Number.isSafeInteger(maxLength) || maxLength < 0) throw outOfRangeError("options.maxLength", "a non-negative safe integer", maxLength);
  if (input.length > maxLength) {
    throw new PEMError(PEMErrorCode.TOO_LARGE, `input of ${input.length} exceeds maxLength ${maxLength}`, { offset: maxLength });
  }
  const text = typeof input === "string" ? input : bytesToLatin1(input);
  const blocks: PEMBlock[] = [];
  let begin = text.indexOf(BEGIN);
  failOnStrayEnd(text, 0, begin);
  while (begin !== -1) {
    if (strict && !isLineStart(text, begin)) fail(PEMErrorCode.NOT_STRICT, "BEGIN line does not start a line", text, begin);
    const { label, lineEnd: beginLineEnd } = readEncapsulationLine(text, begin, BEGIN, strict);
    const bodyStart = skipLineBreak(text, beginLineEnd);
    const { headers, dataStart } = readHeaders(text, bodyStart);
    if (strict && dataStart !== bodyStart) fail(PEMErrorCode.NOT_STRICT, "headers are not allowed in strict RFC 7468 mode", text, bodyStart);
    const end = findEndLine(text, begin, dataStart, label);
    if (strict && !isLineStart(text, end)) fail(PEMErrorCode.NOT_STRICT, "END line does not start a line", text, end);
    const endLineEnd = findEndLineEnd(text, end, label, strict);
    const der = decodeBase64(text, dataStart, end);
    if (!(der instanceof Uint8Array)) fail(PEMErrorCode.BAD_BASE64, `"${label}" block: ${der.message}`, text, dataStart + der.offset);
    if (strict && !STRICT_BODY.test(text.slice(dataStart, end))) {
      fail(PEMErrorCode.NOT_STRICT, `"${label}" body is not 64-column base64 lines without white space`, text, dataStart);
    }
    if (der.length === 0) fail(PEMErrorCode.EMPTY_BODY, `"${label}" block is empty`, text, begin);
    const position = skipLineBreak(text, endLineEnd);
    blocks.push({ label, headers, der, start: begin, end: position });
    begin = text.indexOf(BEGIN, position);
    failOnStrayEnd(text, position, begin);
  }
  return blocks;
}
