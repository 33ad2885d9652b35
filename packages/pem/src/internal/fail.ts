import { PEMError } from "@sslkit/errors";
import type { PEMErrorCode } from "../error-codes.js";
import { lineAt } from "./text.js";

/** Throws a {@link @sslkit/errors!PEMError} whose message ends with the line number of `offset`. */
export function fail(code: PEMErrorCode, message: string, text: string, offset: number): never {
  const line = lineAt(text, offset);
  throw new PEMError(code, `${message} (line ${line})`, { line, offset });
}
