import { invalidArgTypeError } from "@sslkit/errors";
import { Certificate } from "./certificate.js";

function asCertificate(cert: Certificate | string | Uint8Array): Certificate {
  if (cert instanceof Certificate) return cert;
  if (typeof cert === "string" || cert instanceof Uint8Array) return new Certificate(cert);
  throw invalidArgTypeError("cert", "an instance of Certificate, a string or a Uint8Array", cert);
}

/**
 * Returns OpenSSL's `X509_NAME_hash` of the subject: the first four bytes, little-endian, of
 * SHA-1 over the canonical name encoding (the `<hash>` of a `capath` directory's `<hash>.<n>`).
 *
 * @param cert - A {@link Certificate}, or PEM text / DER bytes of one.
 * @returns An unsigned 32-bit number; `hash.toString(16).padStart(8, "0")` is what `openssl x509 -hash` prints.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` for other arguments.
 * @throws {@link @sslkit/errors!X509Error} any `ERR_SSLKIT_X509_*` decoding code when given bytes or text.
 * @see `openssl x509 -subject_hash`; Python's `SSLContext.load_verify_locations(capath=…)` looks files up by it.
 * @example
 * ```ts
 * const file = `${subjectNameHash(cert).toString(16).padStart(8, "0")}.0`;
 * ```
 */
export function subjectNameHash(cert: Certificate | string | Uint8Array): number {
  return asCertificate(cert).subjectNameHash;
}

/**
 * Returns OpenSSL's `X509_NAME_hash` of the issuer (`openssl x509 -issuer_hash`).
 *
 * @param cert - A {@link Certificate}, or PEM text / DER bytes of one.
 * @returns An unsigned 32-bit number.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` for other arguments.
 * @throws {@link @sslkit/errors!X509Error} any `ERR_SSLKIT_X509_*` decoding code when given bytes or text.
 * @see `openssl x509 -issuer_hash`.
 * @example
 * ```ts
 * const parentFile = `${issuerNameHash(cert).toString(16).padStart(8, "0")}.0`;
 * ```
 */
export function issuerNameHash(cert: Certificate | string | Uint8Array): number {
  return asCertificate(cert).issuerNameHash;
}
