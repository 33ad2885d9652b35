import { invalidArgTypeError, invalidArgValueError } from "@sslkit/errors";
import { LABEL_PATTERN } from "./labels.js";
import { encodeBase64, wrapLines } from "./internal/base64.js";
import { toBytes } from "./internal/to-bytes.js";

const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const HEADER_VALUE = /^[^\r\n]*$/;

/**
 * Encodes bytes as one PEM block: 64-column base64 lines and a trailing newline, as OpenSSL
 * writes them, with optional RFC 1421 headers followed by a blank line.
 *
 * @param der - The bytes to encode (must not be empty).
 * @param label - An RFC 7468 label such as `"CERTIFICATE"` or `"PRIVATE KEY"`.
 * @param headers - RFC 1421 headers written in order, e.g. `{ "Proc-Type": "4,ENCRYPTED" }`.
 * @returns The PEM text.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` when `der` is not bytes or `label` not a string.
 * @throws TypeError `ERR_INVALID_ARG_VALUE` for an empty `der`, an invalid label or header.
 * @see RFC 7468 §2; OpenSSL `PEM_write_bio`. Python's `ssl.DER_cert_to_PEM_cert` is the `CERTIFICATE` case ({@link derToPEM}).
 * @example
 * ```ts
 * const pem = encodePEM(keyBytes, "PRIVATE KEY");
 * ```
 */
export function encodePEM(der: Uint8Array | ArrayBuffer | ArrayBufferView, label: string, headers: Readonly<Record<string, string>> = {}): string {
  const bytes = toBytes(der, "der");
  if (typeof label !== "string") throw invalidArgTypeError("label", "of type string", label);
  if (label === "" || !LABEL_PATTERN.test(label)) throw invalidArgValueError("label", label, "must be an RFC 7468 label");
  if (bytes.length === 0) throw invalidArgValueError("der", "", "must not be empty");
  let headerText = "";
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw invalidArgValueError("headers", name, "has a name that is not printable ASCII without ':'");
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) throw invalidArgValueError(`headers.${name}`, value, "must be a string without line breaks");
    headerText += `${name}: ${value}\n`;
  }
  if (headerText !== "") headerText += "\n";
  return `-----BEGIN ${label}-----\n${headerText}${wrapLines(encodeBase64(bytes), 64)}-----END ${label}-----\n`;
}
