import { PEMError, invalidArgTypeError } from "@sslkit/errors";
import { PEMErrorCode } from "./error-codes.js";
import { decodeBase64, encodeBase64, wrapLines } from "./internal/base64.js";
import { fail } from "./internal/fail.js";
import { toBytes } from "./internal/to-bytes.js";

/** `ssl.PEM_HEADER`: the line that starts a PEM certificate. */
export const PEM_HEADER = "-----BEGIN CERTIFICATE-----";
/** `ssl.PEM_FOOTER`: the line that ends a PEM certificate. */
export const PEM_FOOTER = "-----END CERTIFICATE-----";

/**
 * Converts a PEM-encoded certificate to DER, as Python's `ssl.PEM_cert_to_DER_cert` does.
 *
 * Same rules as CPython: the text must start with {@link PEM_HEADER} (no leading white space)
 * and end with {@link PEM_FOOTER} (trailing white space allowed); white space inside the body is
 * ignored. Stricter where CPython silently returns garbage: characters outside base64, data
 * after `=` padding, an empty body and a second block are errors here.
 *
 * @param pem - Exactly one `CERTIFICATE` block.
 * @returns The DER bytes.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_NO_BLOCK` if `pem` does not start with `-----BEGIN CERTIFICATE-----`.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_MISSING_END` if it does not end with `-----END CERTIFICATE-----`.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_MULTIPLE_BLOCKS` if it holds more than one block.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_BAD_BASE64` if the body is not base64.
 * @throws {@link @sslkit/errors!PEMError} `ERR_SSLKIT_PEM_EMPTY_BODY` if the body is empty.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` if `pem` is not a string.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.PEM_cert_to_DER_cert | ssl.PEM_cert_to_DER_cert}
 * @example
 * ```ts
 * const der = pemToDER(await readFile("server.pem", "utf8"));
 * ```
 */
export function pemToDER(pem: string): Uint8Array {
  if (typeof pem !== "string") throw invalidArgTypeError("pem", "of type string", pem);
  if (!pem.startsWith(PEM_HEADER)) {
    throw new PEMError(PEMErrorCode.NO_BLOCK, `Invalid PEM encoding; must start with ${PEM_HEADER}`, { line: 1, offset: 0 });
  }
  const trimmed = pem.trim();
  if (!trimmed.endsWith(PEM_FOOTER)) {
    fail(PEMErrorCode.MISSING_END, `Invalid PEM encoding; must end with ${PEM_FOOTER}`, pem, trimmed.length);
  }
  const body = trimmed.slice(PEM_HEADER.length, trimmed.length - PEM_FOOTER.length);
  const anotherBlock = body.indexOf("-----");
  if (anotherBlock !== -1) {
    fail(PEMErrorCode.MULTIPLE_BLOCKS, "more than one PEM block; pemToDER takes exactly one certificate", pem, PEM_HEADER.length + anotherBlock);
  }
  const der = decodeBase64(body);
  if (!(der instanceof Uint8Array)) fail(PEMErrorCode.BAD_BASE64, der.message, pem, PEM_HEADER.length + der.offset);
  if (der.length === 0) fail(PEMErrorCode.EMPTY_BODY, "the certificate block is empty", pem, 0);
  return der;
}

/**
 * Converts a DER-encoded certificate to PEM, byte for byte as Python's
 * `ssl.DER_cert_to_PEM_cert` does: header line, 64-column base64, footer line, newline.
 *
 * @param der - The certificate bytes (any bytes-like value, as in Python).
 * @returns The PEM text.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` if `der` is not bytes.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.DER_cert_to_PEM_cert | ssl.DER_cert_to_PEM_cert}
 * @example
 * ```ts
 * await writeFile("server.pem", derToPEM(der));
 * ```
 */
export function derToPEM(der: Uint8Array | ArrayBuffer | ArrayBufferView): string {
  const bytes = toBytes(der, "der");
  return `${PEM_HEADER}\n${wrapLines(encodeBase64(bytes), 64)}${PEM_FOOTER}\n`;
}
