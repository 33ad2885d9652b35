import { invalidArgTypeError, X509Error } from "@sslkit/errors";
import { X509ErrorCode } from "./error-codes.js";
import { berToDefinite } from "./internal/ber-to-der.js";
import { INDEFINITE_LENGTH_MESSAGE } from "./internal/der.js";
import type { PeerCertDict } from "./peer-cert-dict.js";
import { certificateDER } from "./internal/certificate-input.js";
import { parseSingleCertificate } from "./internal/der-certificate.js";
import { buildPeerCertDict } from "./internal/peer-cert-dict-builder.js";

/**
 * Decodes a certificate into exactly the dict CPython's `ssl._ssl._test_decode_cert()` (and
 * `SSLSocket.getpeercert()` of a verified peer) returns: same keys in the same order, arrays for
 * tuples, OpenSSL's long attribute names, its serial, time and address formats.
 *
 * A direct DER walk (no ASN.1 library): fast, and it never throws anything but
 * {@link @sslkit/errors!X509Error} for bad input.
 *
 * @param pemOrDer - PEM text (the first `CERTIFICATE` block is used), or DER bytes (PEM bytes
 *   are recognised too). DER input must be exactly one certificate.
 * @returns The CPython dict.
 * @throws TypeError `ERR_INVALID_ARG_TYPE` when `pemOrDer` is neither a string nor a Uint8Array.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_NO_CERTIFICATE` for empty input or PEM without a certificate.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_TRUNCATED` when the DER ends inside an element.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_BAD_LENGTH` for an impossible or BER length.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_UNEXPECTED_TAG` for an element X.509 does not allow there.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_TRAILING_DATA` for bytes after the certificate or a field.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_BAD_VALUE` for an invalid INTEGER, OID, BOOLEAN or BIT STRING.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_BAD_STRING` for text CPython cannot decode.
 * @throws PEMError `ERR_SSLKIT_PEM_*` from `@sslkit/pem` for damaged PEM text.
 * @see Python `ssl._ssl._test_decode_cert`, {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSocket.getpeercert | SSLSocket.getpeercert}; RFC 5280 §4.1
 * @example
 * ```ts
 * const dict = decodeCert(await readFile("server.pem", "utf8"));
 * console.log(dict.subject, dict.notAfter, dict.subjectAltName);
 * ```
 */
export function decodeCert(pemOrDer: string | Uint8Array): PeerCertDict {
  if (typeof pemOrDer !== "string" && !(pemOrDer instanceof Uint8Array)) {
    throw invalidArgTypeError("pemOrDer", "of type string or an instance of Uint8Array", pemOrDer);
  }
  const der = certificateDER(pemOrDer);
  try {
    return buildPeerCertDict(parseSingleCertificate(der));
  } catch (error) {
    // OpenSSL (so CPython) also reads BER's indefinite lengths: decode the definite-length form.
    if (!(error instanceof X509Error) || !error.message.startsWith(INDEFINITE_LENGTH_MESSAGE)) throw error;
    const { der: definite, next } = berToDefinite(der, 0, der.length);
    if (next !== der.length) throw new X509Error(X509ErrorCode.TRAILING_DATA, `${der.length - next} bytes after the certificate (at byte ${next})`, { offset: next });
    return buildPeerCertDict(parseSingleCertificate(definite));
  }
}
