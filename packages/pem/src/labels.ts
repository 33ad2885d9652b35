/**
 * PEM labels sslkit knows by name (RFC 7468 and OpenSSL's legacy ones). Any other label that
 * satisfies RFC 7468's grammar is decoded too.
 *
 * @example
 * ```ts
 * const key = decodePEM(text).find((block) => block.label === PEMLabel.PRIVATE_KEY);
 * ```
 */
export const PEMLabel = {
  /** An X.509 certificate (RFC 7468 §5), what Python's `DER_cert_to_PEM_cert` writes. */
  CERTIFICATE: "CERTIFICATE",
  /** OpenSSL's certificate followed by its trust settings (`openssl x509 -trustout`). */
  TRUSTED_CERTIFICATE: "TRUSTED CERTIFICATE",
  /** A legacy label for an X.509 certificate, still accepted by OpenSSL. */
  X509_CERTIFICATE: "X509 CERTIFICATE",
  /** A PKCS #10 certification request (RFC 7468 §7). */
  CERTIFICATE_REQUEST: "CERTIFICATE REQUEST",
  /** A legacy label for a PKCS #10 certification request (Netscape, old Microsoft tools). */
  NEW_CERTIFICATE_REQUEST: "NEW CERTIFICATE REQUEST",
  /** An X.509 certificate revocation list (RFC 7468 §6). */
  X509_CRL: "X509 CRL",
  /** An unencrypted PKCS #8 private key (RFC 7468 §10). */
  PRIVATE_KEY: "PRIVATE KEY",
  /** An encrypted PKCS #8 private key (RFC 7468 §11). */
  ENCRYPTED_PRIVATE_KEY: "ENCRYPTED PRIVATE KEY",
  /** OpenSSL's traditional PKCS #1 RSA private key, possibly with `Proc-Type`/`DEK-Info` encryption headers. */
  RSA_PRIVATE_KEY: "RSA PRIVATE KEY",
  /** OpenSSL's traditional SEC 1 (RFC 5915) EC private key. */
  EC_PRIVATE_KEY: "EC PRIVATE KEY",
  /** OpenSSL's traditional DSA private key. */
  DSA_PRIVATE_KEY: "DSA PRIVATE KEY",
  /** A SubjectPublicKeyInfo public key (RFC 7468 §13). */
  PUBLIC_KEY: "PUBLIC KEY",
  /** A PKCS #1 RSAPublicKey. */
  RSA_PUBLIC_KEY: "RSA PUBLIC KEY",
  /** Elliptic-curve domain parameters (`openssl ecparam`). */
  EC_PARAMETERS: "EC PARAMETERS",
  /** PKCS #3 Diffie-Hellman parameters (`openssl dhparam`). */
  DH_PARAMETERS: "DH PARAMETERS",
  /** X9.42 Diffie-Hellman parameters. */
  X9_42_DH_PARAMETERS: "X9.42 DH PARAMETERS",
  /** A PKCS #7 structure (RFC 7468 §8), for example a certificate bundle. */
  PKCS7: "PKCS7",
  /** A Cryptographic Message Syntax structure (RFC 7468 §9). */
  CMS: "CMS",
  /** An attribute certificate (RFC 7468 §12, RFC 5755). */
  ATTRIBUTE_CERTIFICATE: "ATTRIBUTE CERTIFICATE",
  /** OpenSSL's saved TLS session (`openssl sess_id`). */
  SSL_SESSION_PARAMETERS: "SSL SESSION PARAMETERS",
} as const;
export type PEMLabel = (typeof PEMLabel)[keyof typeof PEMLabel];

/** RFC 7468 §3: `label = [ labelchar *( ["-" / SP] labelchar ) ]`, labelchar = %x21-2C / %x2E-7E. */
export const LABEL_PATTERN: RegExp = /^(?:[\x21-\x2c\x2e-\x7e](?:[- ]?[\x21-\x2c\x2e-\x7e])*)?$/;
