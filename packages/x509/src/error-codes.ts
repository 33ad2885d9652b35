/**
 * Every code an {@link @sslkit/errors!X509Error} from `@sslkit/x509` can carry, with what it means.
 * Each engineer of the package adds the codes of their own area here.
 *
 * @example
 * ```ts
 * if (error.code === X509ErrorCode.TRUNCATED) console.error("the certificate is cut short at", error.offset);
 * ```
 */
export const X509ErrorCode = {
  /** The input ends inside a DER element (truncated certificate). */
  TRUNCATED: "ERR_SSLKIT_X509_TRUNCATED",
  /** A length field is malformed: longer than 4 bytes, past the enclosing element, or indefinite where not allowed. */
  BAD_LENGTH: "ERR_SSLKIT_X509_BAD_LENGTH",
  /** A DER element has another tag than the X.509 grammar requires at that place. */
  UNEXPECTED_TAG: "ERR_SSLKIT_X509_UNEXPECTED_TAG",
  /** Bytes follow the certificate (or a structure inside it) where nothing may follow. */
  TRAILING_DATA: "ERR_SSLKIT_X509_TRAILING_DATA",
  /** A primitive value is invalid: an INTEGER with illegal padding, a bad OBJECT IDENTIFIER, a bad BOOLEAN. */
  BAD_VALUE: "ERR_SSLKIT_X509_BAD_VALUE",
  /** A name attribute or general name holds a string that OpenSSL/CPython cannot convert to text. */
  BAD_STRING: "ERR_SSLKIT_X509_BAD_STRING",
  /** A `Certificate` extension getter: the extension is not valid DER for its ASN.1 type. */
  BAD_EXTENSION: "ERR_SSLKIT_X509_BAD_EXTENSION",
  /** The input holds no certificate: empty bytes, or PEM text without a CERTIFICATE block. */
  NO_CERTIFICATE: "ERR_SSLKIT_X509_NO_CERTIFICATE",
  /** `certTimeToSeconds`: the month or the rest of the string does not match `'%b %d %H:%M:%S %Y GMT'`. */
  TIME_FORMAT: "ERR_SSLKIT_X509_TIME_FORMAT",
  /** `certTimeToSeconds`: characters follow `GMT` (CPython: "unconverted data remains"). */
  TIME_TRAILING_DATA: "ERR_SSLKIT_X509_TIME_TRAILING_DATA",
  /** `certTimeToSeconds`: the year 0000, which Python's calendar cannot represent. */
  TIME_OUT_OF_RANGE: "ERR_SSLKIT_X509_TIME_OUT_OF_RANGE",
  /** `matchHostname`: the certificate dict is empty, `null` or `undefined` (peer not verified). */
  EMPTY_CERTIFICATE: "ERR_SSLKIT_X509_EMPTY_CERTIFICATE",
  /** `matchHostname`: an `IP Address` entry of the dict is not an address (CPython raises `ValueError`). */
  BAD_IP_ADDRESS: "ERR_SSLKIT_X509_BAD_IP_ADDRESS",
  /** `createCertificate`/`createKeyPair`: the runtime has no WebCrypto (`globalThis.crypto.subtle`). */
  NO_WEBCRYPTO: "ERR_SSLKIT_X509_NO_WEBCRYPTO",
  /** `verifyChain`: an input certificate is not DER X.509 (garbage, truncated, trailing bytes); a broken extension is a verdict instead. */
  VERIFY_BAD_CERTIFICATE: "ERR_SSLKIT_X509_VERIFY_BAD_CERTIFICATE",
  /** `verifyChain`: an entry of `options.crls` is not a DER CRL, or PEM text without an `X509 CRL` block. */
  VERIFY_BAD_CRL: "ERR_SSLKIT_X509_VERIFY_BAD_CRL",
} as const;
export type X509ErrorCode = (typeof X509ErrorCode)[keyof typeof X509ErrorCode];
