import { readFileSync } from "node:fs";
import { SSLKitError, invalidArgTypeError } from "@sslkit/errors";
import { ContextErrorCode } from "../error-codes.js";

/** A certificate/key input after reading: its text (Latin-1 for bytes) and how to name it in errors. */
export interface ReadInput {
  readonly text: string;
  readonly bytes: Uint8Array;
  /** `'path'` for a file, `<in-memory PEM>` otherwise. */
  readonly label: string;
}

/** Returns true for a string that is PEM text rather than a file name. */
export function looksLikePEM(value: string): boolean {
  return value.includes("-----BEGIN ");
}

/** Reads a file the way Python's `open()` fails: a missing file and an unreadable one are distinct. */
export function readFileForContext(path: string, role: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new SSLKitError(ContextErrorCode.FILE_NOT_FOUND, `${role} '${path}' does not exist: No such file or directory`, { cause: error });
    }
    const reason = code === "EISDIR" ? "Is a directory" : code === "EACCES" ? "Permission denied" : (error as Error).message;
    throw new SSLKitError(ContextErrorCode.FILE_UNREADABLE, `${role} '${path}' cannot be read: ${reason}`, { cause: error });
  }
}

/**
 * Accepts a file name, PEM text or PEM bytes (Python takes only file names; sslkit also takes
 * the contents, as Node does).
 */
export function readCertOrKeyInput(value: unknown, name: string): ReadInput {
  if (typeof value === "string") {
    if (value === "") throw invalidArgTypeError(name, "a file name or PEM text", value);
    if (looksLikePEM(value)) return { text: value, bytes: Buffer.from(value, "latin1"), label: `<in-memory ${name}>` };
    const bytes = readFileForContext(value, name);
    return { text: Buffer.from(bytes).toString("latin1"), bytes, label: `'${value}'` };
  }
  if (value instanceof Uint8Array) return { text: Buffer.from(value).toString("latin1"), bytes: value, label: `<in-memory ${name}>` };
  throw invalidArgTypeError(name, "of type string or an instance of Uint8Array", value);
}
