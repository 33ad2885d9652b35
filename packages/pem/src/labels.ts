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
  CERTIFICATE: "CERTIFICATE",
  TRUSTED_CERTIFICATE: "TRUSTED CERTIFICATE",
  X509_CERTIFICATE: "X509 CERTIFICATE",
  CERTIFICATE_REQUEST: "CERTIFICATE REQUEST",
  NEW_CERTIFICATE_REQUEST: "NEW CERTIFICATE REQUEST",
  X509_CRL: "X509 CRL",
  PRIVATE_KEY: "PRIVATE KEY",
  ENCRYPTED_PRIVATE_KEY: "ENCRYPTED PRIVATE KEY",
  RSA_PRIVATE_KEY: "RSA PRIVATE KEY",
  EC_PRIVATE_KEY: "EC PRIVATE KEY",
  DSA_PRIVATE_KEY: "DSA PRIVATE KEY",
  PUBLIC_KEY: "PUBLIC KEY",
  RSA_PUBLIC_KEY: "RSA PUBLIC KEY",
  EC_PARAMETERS: "EC PARAMETERS",
  DH_PARAMETERS: "DH PARAMETERS",
  X9_42_DH_PARAMETERS: "X9.42 DH PARAMETERS",
  PKCS7: "PKCS7",
  CMS: "CMS",
  ATTRIBUTE_CERTIFICATE: "ATTRIBUTE CERTIFICATE",
  SSL_SESSION_PARAMETERS: "SSL SESSION PARAMETERS",
} as const;
export type PEMLabel = (typeof PEMLabel)[keyof typeof PEMLabel];

/** RFC 7468 §3: `label = [ labelchar *( ["-" / SP] labelchar ) ]`, labelchar = %x21-2C / %x2E-7E. */
export const LABEL_PATTERN: RegExp = /^(?:[\x21-\x2c\x2e-\x7e](?:[- ]?[\x21-\x2c\x2e-\x7e])*)?$/;
