import { decodePEM } from "@sslkit/pem";
import { invalidArgTypeError } from "@sslkit/errors";
import { Certificate } from "./certificate.js";
import { X509ErrorCode } from "./error-codes.js";
import { fail } from "./internal/der.js";
import { looksLikePEM } from "./internal/certificate-input.js";
import { parseCertificate } from "./internal/der-certificate.js";

const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);

/**
 * Loads every certificate of a bundle: PEM text with any text between the blocks (only
 * `CERTIFICATE` blocks are taken; keys and other blocks are skipped), or concatenated DER.
 *
 * @param input - PEM text, PEM bytes, or DER bytes of one or more certificates back to back.
 * @returns The certificates in input order; `[]` for PEM text without certificates.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` when `input` is neither a string nor a Uint8Array.
 * @throws {@link @sslkit/errors!X509Error} any `ERR_SSLKIT_X509_*` decoding code, for the first bad certificate (its `offset` is relative to that certificate's DER, or to the DER bundle).
 * @throws PEMError `ERR_SSLKIT_PEM_*` for damaged PEM text.
 * @see Python `SSLContext.load_verify_locations(cafile=…)` reads the same bundles.
 * @example
 * ```ts
 * const roots = loadCertificates(await readFile("/etc/ssl/certs/ca-certificates.crt", "utf8"));
 * console.log(roots.length, roots[0]?.subjectString);
 * ```
 */
export function loadCertificates(input: string | Uint8Array): Certificate[] {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    throw invalidArgTypeError("input", "of type string or an instance of Uint8Array", input);
  }
  if (input.length === 0) return [];
  // PEM text (a BEGIN line, and not a run of complete DER elements), or else DER.
  if (typeof input === "string" || looksLikePEM(input)) {
    return decodePEM(input)
      .filter((block) => CERTIFICATE_LABELS.has(block.label))
      .map((block) => new Certificate(block.der));
  }
  const certificates: Certificate[] = [];
  let offset = 0;
  while (offset < input.length) {
    const end = parseCertificate(input, offset).end;
    if (end <= offset) fail(X509ErrorCode.BAD_LENGTH, "empty certificate in a DER bundle", offset);
    certificates.push(new Certificate(input.subarray(offset, end)));
    offset = end;
  }
  return certificates;
}
