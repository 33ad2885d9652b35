/**
 * OpenSSL's certificate verification result codes (`X509_V_OK`, `X509_V_ERR_*`), with the numbers
 * of OpenSSL 3.0's `x509_vfy.h` and the texts of its `x509_txt.c`.
 *
 * @example
 * ```ts
 * const result = await verifyChain(pem, { trustAnchors: [rootPem] });
 * if (result.verifyCode === X509VerifyCode.X509_V_ERR_CERT_HAS_EXPIRED) console.error("renew it");
 * ```
 * @see Python `ssl.SSLCertVerificationError.verify_code`; OpenSSL `X509_STORE_CTX_get_error(3)`
 */
export const X509VerifyCode = {
  /** OpenSSL: "ok". */
  X509_V_OK: 0,
  /** OpenSSL: "unspecified certificate verification error". */
  X509_V_ERR_UNSPECIFIED: 1,
  /** OpenSSL: "unable to get issuer certificate". */
  X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: 2,
  /** OpenSSL: "unable to get certificate CRL". */
  X509_V_ERR_UNABLE_TO_GET_CRL: 3,
  /** OpenSSL: "unable to decrypt certificate's signature". */
  X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE: 4,
  /** OpenSSL: "unable to decrypt CRL's signature". */
  X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE: 5,
  /** OpenSSL: "unable to decode issuer public key". */
  X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 6,
  /** OpenSSL: "certificate signature failure". */
  X509_V_ERR_CERT_SIGNATURE_FAILURE: 7,
  /** OpenSSL: "CRL signature failure". */
  X509_V_ERR_CRL_SIGNATURE_FAILURE: 8,
  /** OpenSSL: "certificate is not yet valid". */
  X509_V_ERR_CERT_NOT_YET_VALID: 9,
  /** OpenSSL: "certificate has expired". */
  X509_V_ERR_CERT_HAS_EXPIRED: 10,
  /** OpenSSL: "CRL is not yet valid". */
  X509_V_ERR_CRL_NOT_YET_VALID: 11,
  /** OpenSSL: "CRL has expired". */
  X509_V_ERR_CRL_HAS_EXPIRED: 12,
  /** OpenSSL: "format error in certificate's notBefore field". */
  X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD: 13,
  /** OpenSSL: "format error in certificate's notAfter field". */
  X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD: 14,
  /** OpenSSL: "format error in CRL's lastUpdate field". */
  X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD: 15,
  /** OpenSSL: "format error in CRL's nextUpdate field". */
  X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD: 16,
  /** OpenSSL: "out of memory". */
  X509_V_ERR_OUT_OF_MEM: 17,
  /** OpenSSL: "self-signed certificate". */
  X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: 18,
  /** OpenSSL: "self-signed certificate in certificate chain". */
  X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: 19,
  /** OpenSSL: "unable to get local issuer certificate". */
  X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 20,
  /** OpenSSL: "unable to verify the first certificate". */
  X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: 21,
  /** OpenSSL: "certificate chain too long". */
  X509_V_ERR_CERT_CHAIN_TOO_LONG: 22,
  /** OpenSSL: "certificate revoked". */
  X509_V_ERR_CERT_REVOKED: 23,
  /** OpenSSL: "issuer certificate doesn't have a public key". */
  X509_V_ERR_NO_ISSUER_PUBLIC_KEY: 24,
  /** OpenSSL: "path length constraint exceeded". */
  X509_V_ERR_PATH_LENGTH_EXCEEDED: 25,
  /** OpenSSL: "unsuitable certificate purpose". */
  X509_V_ERR_INVALID_PURPOSE: 26,
  /** OpenSSL: "certificate not trusted". */
  X509_V_ERR_CERT_UNTRUSTED: 27,
  /** OpenSSL: "certificate rejected". */
  X509_V_ERR_CERT_REJECTED: 28,
  /** OpenSSL: "subject issuer mismatch". */
  X509_V_ERR_SUBJECT_ISSUER_MISMATCH: 29,
  /** OpenSSL: "authority and subject key identifier mismatch". */
  X509_V_ERR_AKID_SKID_MISMATCH: 30,
  /** OpenSSL: "authority and issuer serial number mismatch". */
  X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH: 31,
  /** OpenSSL: "key usage does not include certificate signing". */
  X509_V_ERR_KEYUSAGE_NO_CERTSIGN: 32,
  /** OpenSSL: "unable to get CRL issuer certificate". */
  X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER: 33,
  /** OpenSSL: "unhandled critical extension". */
  X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: 34,
  /** OpenSSL: "key usage does not include CRL signing". */
  X509_V_ERR_KEYUSAGE_NO_CRL_SIGN: 35,
  /** OpenSSL: "unhandled critical CRL extension". */
  X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION: 36,
  /** OpenSSL: "invalid non-CA certificate (has CA markings)". */
  X509_V_ERR_INVALID_NON_CA: 37,
  /** OpenSSL: "proxy path length constraint exceeded". */
  X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED: 38,
  /** OpenSSL: "key usage does not include digital signature". */
  X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE: 39,
  /** OpenSSL: "proxy certificates not allowed, please set the appropriate flag". */
  X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED: 40,
  /** OpenSSL: "invalid or inconsistent certificate extension". */
  X509_V_ERR_INVALID_EXTENSION: 41,
  /** OpenSSL: "invalid or inconsistent certificate policy extension". */
  X509_V_ERR_INVALID_POLICY_EXTENSION: 42,
  /** OpenSSL: "no explicit policy". */
  X509_V_ERR_NO_EXPLICIT_POLICY: 43,
  /** OpenSSL: "different CRL scope". */
  X509_V_ERR_DIFFERENT_CRL_SCOPE: 44,
  /** OpenSSL: "unsupported extension feature". */
  X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE: 45,
  /** OpenSSL: "RFC 3779 resource not subset of parent's resources". */
  X509_V_ERR_UNNESTED_RESOURCE: 46,
  /** OpenSSL: "permitted subtree violation". */
  X509_V_ERR_PERMITTED_VIOLATION: 47,
  /** OpenSSL: "excluded subtree violation". */
  X509_V_ERR_EXCLUDED_VIOLATION: 48,
  /** OpenSSL: "name constraints minimum and maximum not supported". */
  X509_V_ERR_SUBTREE_MINMAX: 49,
  /** OpenSSL: "application verification failure". */
  X509_V_ERR_APPLICATION_VERIFICATION: 50,
  /** OpenSSL: "unsupported name constraint type". */
  X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE: 51,
  /** OpenSSL: "unsupported or invalid name constraint syntax". */
  X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX: 52,
  /** OpenSSL: "unsupported or invalid name syntax". */
  X509_V_ERR_UNSUPPORTED_NAME_SYNTAX: 53,
  /** OpenSSL: "CRL path validation error". */
  X509_V_ERR_CRL_PATH_VALIDATION_ERROR: 54,
  /** OpenSSL: "path loop". */
  X509_V_ERR_PATH_LOOP: 55,
  /** OpenSSL: "Suite B: certificate version invalid". */
  X509_V_ERR_SUITE_B_INVALID_VERSION: 56,
  /** OpenSSL: "Suite B: invalid public key algorithm". */
  X509_V_ERR_SUITE_B_INVALID_ALGORITHM: 57,
  /** OpenSSL: "Suite B: invalid ECC curve". */
  X509_V_ERR_SUITE_B_INVALID_CURVE: 58,
  /** OpenSSL: "Suite B: invalid signature algorithm". */
  X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM: 59,
  /** OpenSSL: "Suite B: curve not allowed for this LOS". */
  X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED: 60,
  /** OpenSSL: "Suite B: cannot sign P-384 with P-256". */
  X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256: 61,
  /** OpenSSL: "hostname mismatch". */
  X509_V_ERR_HOSTNAME_MISMATCH: 62,
  /** OpenSSL: "email address mismatch". */
  X509_V_ERR_EMAIL_MISMATCH: 63,
  /** OpenSSL: "IP address mismatch". */
  X509_V_ERR_IP_ADDRESS_MISMATCH: 64,
  /** OpenSSL: "no matching DANE TLSA records". */
  X509_V_ERR_DANE_NO_MATCH: 65,
  /** OpenSSL: "EE certificate key too weak". */
  X509_V_ERR_EE_KEY_TOO_SMALL: 66,
  /** OpenSSL: "CA certificate key too weak". */
  X509_V_ERR_CA_KEY_TOO_SMALL: 67,
  /** OpenSSL: "CA signature digest algorithm too weak". */
  X509_V_ERR_CA_MD_TOO_WEAK: 68,
  /** OpenSSL: "invalid certificate verification context". */
  X509_V_ERR_INVALID_CALL: 69,
  /** OpenSSL: "issuer certificate lookup error". */
  X509_V_ERR_STORE_LOOKUP: 70,
  /** OpenSSL: "Certificate Transparency required, but no valid SCTs found". */
  X509_V_ERR_NO_VALID_SCTS: 71,
  /** OpenSSL: "proxy subject name violation". */
  X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION: 72,
  /** OpenSSL: "OCSP verification needed". */
  X509_V_ERR_OCSP_VERIFY_NEEDED: 73,
  /** OpenSSL: "OCSP verification failed". */
  X509_V_ERR_OCSP_VERIFY_FAILED: 74,
  /** OpenSSL: "OCSP unknown cert". */
  X509_V_ERR_OCSP_CERT_UNKNOWN: 75,
  /** OpenSSL: "Cannot find certificate signature algorithm". */
  X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM: 76,
  /** OpenSSL: "subject signature algorithm and issuer public key algorithm mismatch". */
  X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH: 77,
  /** OpenSSL: "cert info signature and signature algorithm mismatch". */
  X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY: 78,
  /** OpenSSL: "invalid CA certificate". */
  X509_V_ERR_INVALID_CA: 79,
  /** OpenSSL: "Path length invalid for non-CA cert". */
  X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA: 80,
  /** OpenSSL: "Path length given without key usage keyCertSign". */
  X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN: 81,
  /** OpenSSL: "Key usage keyCertSign invalid for non-CA cert". */
  X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA: 82,
  /** OpenSSL: "Issuer name empty". */
  X509_V_ERR_ISSUER_NAME_EMPTY: 83,
  /** OpenSSL: "Subject name empty". */
  X509_V_ERR_SUBJECT_NAME_EMPTY: 84,
  /** OpenSSL: "Missing Authority Key Identifier". */
  X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER: 85,
  /** OpenSSL: "Missing Subject Key Identifier". */
  X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER: 86,
  /** OpenSSL: "Empty Subject Alternative Name extension". */
  X509_V_ERR_EMPTY_SUBJECT_ALT_NAME: 87,
  /** OpenSSL: "Subject empty and Subject Alt Name extension not critical". */
  X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL: 88,
  /** OpenSSL: "Basic Constraints of CA cert not marked critical". */
  X509_V_ERR_CA_BCONS_NOT_CRITICAL: 89,
  /** OpenSSL: "Authority Key Identifier marked critical". */
  X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL: 90,
  /** OpenSSL: "Subject Key Identifier marked critical". */
  X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL: 91,
  /** OpenSSL: "CA cert does not include key usage extension". */
  X509_V_ERR_CA_CERT_MISSING_KEY_USAGE: 92,
  /** OpenSSL: "Using cert extension requires at least X509v3". */
  X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3: 93,
  /** OpenSSL: "Certificate public key has explicit ECC parameters". */
  X509_V_ERR_EC_KEY_EXPLICIT_PARAMS: 94,
} as const;

/** One of OpenSSL's verification result numbers, e.g. `10` for `X509_V_ERR_CERT_HAS_EXPIRED`. */
export type X509VerifyCode = (typeof X509VerifyCode)[keyof typeof X509VerifyCode];

// Indexed by code; the texts are OpenSSL 3.0's X509_verify_cert_error_string() output, verbatim.
const MESSAGES: readonly string[] = [
  "ok",
  "unspecified certificate verification error",
  "unable to get issuer certificate",
  "unable to get certificate CRL",
  "unable to decrypt certificate's signature",
  "unable to decrypt CRL's signature",
  "unable to decode issuer public key",
  "certificate signature failure",
  "CRL signature failure",
  "certificate is not yet valid",
  "certificate has expired",
  "CRL is not yet valid",
  "CRL has expired",
  "format error in certificate's notBefore field",
  "format error in certificate's notAfter field",
  "format error in CRL's lastUpdate field",
  "format error in CRL's nextUpdate field",
  "out of memory",
  "self-signed certificate",
  "self-signed certificate in certificate chain",
  "unable to get local issuer certificate",
  "unable to verify the first certificate",
  "certificate chain too long",
  "certificate revoked",
  "issuer certificate doesn't have a public key",
  "path length constraint exceeded",
  "unsuitable certificate purpose",
  "certificate not trusted",
  "certificate rejected",
  "subject issuer mismatch",
  "authority and subject key identifier mismatch",
  "authority and issuer serial number mismatch",
  "key usage does not include certificate signing",
  "unable to get CRL issuer certificate",
  "unhandled critical extension",
  "key usage does not include CRL signing",
  "unhandled critical CRL extension",
  "invalid non-CA certificate (has CA markings)",
  "proxy path length constraint exceeded",
  "key usage does not include digital signature",
  "proxy certificates not allowed, please set the appropriate flag",
  "invalid or inconsistent certificate extension",
  "invalid or inconsistent certificate policy extension",
  "no explicit policy",
  "different CRL scope",
  "unsupported extension feature",
  "RFC 3779 resource not subset of parent's resources",
  "permitted subtree violation",
  "excluded subtree violation",
  "name constraints minimum and maximum not supported",
  "application verification failure",
  "unsupported name constraint type",
  "unsupported or invalid name constraint syntax",
  "unsupported or invalid name syntax",
  "CRL path validation error",
  "path loop",
  "Suite B: certificate version invalid",
  "Suite B: invalid public key algorithm",
  "Suite B: invalid ECC curve",
  "Suite B: invalid signature algorithm",
  "Suite B: curve not allowed for this LOS",
  "Suite B: cannot sign P-384 with P-256",
  "hostname mismatch",
  "email address mismatch",
  "IP address mismatch",
  "no matching DANE TLSA records",
  "EE certificate key too weak",
  "CA certificate key too weak",
  "CA signature digest algorithm too weak",
  "invalid certificate verification context",
  "issuer certificate lookup error",
  "Certificate Transparency required, but no valid SCTs found",
  "proxy subject name violation",
  "OCSP verification needed",
  "OCSP verification failed",
  "OCSP unknown cert",
  "Cannot find certificate signature algorithm",
  "subject signature algorithm and issuer public key algorithm mismatch",
  "cert info signature and signature algorithm mismatch",
  "invalid CA certificate",
  "Path length invalid for non-CA cert",
  "Path length given without key usage keyCertSign",
  "Key usage keyCertSign invalid for non-CA cert",
  "Issuer name empty",
  "Subject name empty",
  "Missing Authority Key Identifier",
  "Missing Subject Key Identifier",
  "Empty Subject Alternative Name extension",
  "Subject empty and Subject Alt Name extension not critical",
  "Basic Constraints of CA cert not marked critical",
  "Authority Key Identifier marked critical",
  "Subject Key Identifier marked critical",
  "CA cert does not include key usage extension",
  "Using cert extension requires at least X509v3",
  "Certificate public key has explicit ECC parameters",
];

/**
 * Returns OpenSSL 3.0's text for a verification result code, as `openssl verify` prints it.
 *
 * @param code - An `X509_V_*` number; unknown numbers give OpenSSL's fallback text.
 * @returns The text, e.g. `"certificate has expired"` for `10`.
 * @example
 * ```ts
 * verifyCodeMessage(X509VerifyCode.X509_V_ERR_CERT_HAS_EXPIRED); // "certificate has expired"
 * ```
 * @see OpenSSL `X509_verify_cert_error_string(3)`; Python `SSLCertVerificationError.verify_message`
 */
export function verifyCodeMessage(code: number): string {
  return (Number.isInteger(code) ? MESSAGES[code] : undefined) ?? "unknown certificate verification error";
}
