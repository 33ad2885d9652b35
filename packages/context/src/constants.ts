/**
 * Certificate verification policy; names and values match Python's `ssl.VerifyMode`.
 *
 * @example
 * ```ts
 * context.verifyMode = VerifyMode.CERT_OPTIONAL;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.VerifyMode | ssl.VerifyMode}
 */
export const VerifyMode = {
  /** {@inheritDoc CERT_NONE} */
  CERT_NONE: 0,
  /** {@inheritDoc CERT_OPTIONAL} */
  CERT_OPTIONAL: 1,
  /** {@inheritDoc CERT_REQUIRED} */
  CERT_REQUIRED: 2,
} as const;
/** One of the {@link VerifyMode} values. */
export type VerifyMode = (typeof VerifyMode)[keyof typeof VerifyMode];

/**
 * `ssl.CERT_NONE`: the peer's certificate is not requested (server) or not verified (client).
 *
 * @example
 * ```ts
 * context.verifyMode = CERT_NONE;
 * ```
 * @see Python `ssl.CERT_NONE`
 */
export const CERT_NONE = 0;
/**
 * `ssl.CERT_OPTIONAL`: a server asks for a client certificate and verifies it when one is sent.
 *
 * @example
 * ```ts
 * context.verifyMode = CERT_OPTIONAL;
 * ```
 * @see Python `ssl.CERT_OPTIONAL`
 */
export const CERT_OPTIONAL = 1;
/**
 * `ssl.CERT_REQUIRED`: the peer must present a certificate that verifies.
 *
 * @example
 * ```ts
 * context.verifyMode = CERT_REQUIRED;
 * ```
 * @see Python `ssl.CERT_REQUIRED`
 */
export const CERT_REQUIRED = 2;

/**
 * The protocol a context is made for; names and values match Python's `ssl._SSLMethod`
 * (`PROTOCOL_SSLv2 = 0` and `PROTOCOL_SSLv3 = 1` as in Python 2.7–3.9, where they existed).
 *
 * @example
 * ```ts
 * const context = new SSLContext(Protocol.PROTOCOL_TLS_SERVER);
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.PROTOCOL_TLS | ssl.PROTOCOL_*}
 */
export const Protocol = {
  /** {@inheritDoc PROTOCOL_SSLv2} */
  PROTOCOL_SSLv2: 0,
  /** {@inheritDoc PROTOCOL_SSLv3} */
  PROTOCOL_SSLv3: 1,
  /** {@inheritDoc PROTOCOL_TLS} */
  PROTOCOL_TLS: 2,
  /** {@inheritDoc PROTOCOL_TLSv1} */
  PROTOCOL_TLSv1: 3,
  /** {@inheritDoc PROTOCOL_TLSv1_1} */
  PROTOCOL_TLSv1_1: 4,
  /** {@inheritDoc PROTOCOL_TLSv1_2} */
  PROTOCOL_TLSv1_2: 5,
  /** {@inheritDoc PROTOCOL_TLS_CLIENT} */
  PROTOCOL_TLS_CLIENT: 16,
  /** {@inheritDoc PROTOCOL_TLS_SERVER} */
  PROTOCOL_TLS_SERVER: 17,
} as const;
/** One of the {@link Protocol} values. */
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/**
 * `ssl.PROTOCOL_SSLv2`: exists for old code; no OpenSSL that Node runs supports SSLv2.
 *
 * @example
 * ```ts
 * if (protocol === PROTOCOL_SSLv2) console.warn("SSLv2 is gone");
 * ```
 * @see Python `ssl.PROTOCOL_SSLv2`
 */
export const PROTOCOL_SSLv2 = 0;
/**
 * `ssl.PROTOCOL_SSLv3`: exists for old code; Node's OpenSSL is built without SSLv3.
 *
 * @example
 * ```ts
 * if (protocol === PROTOCOL_SSLv3) console.warn("SSLv3 is gone");
 * ```
 * @see Python `ssl.PROTOCOL_SSLv3`
 */
export const PROTOCOL_SSLv3 = 1;
/**
 * `ssl.PROTOCOL_TLS`: negotiate the highest version both sides support.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS);
 * ```
 * @see Python `ssl.PROTOCOL_TLS`
 */
export const PROTOCOL_TLS = 2;
/**
 * `ssl.PROTOCOL_SSLv23`: Python's old alias of {@link PROTOCOL_TLS}.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_SSLv23);
 * ```
 * @see Python `ssl.PROTOCOL_SSLv23`
 */
export const PROTOCOL_SSLv23 = 2;
/**
 * `ssl.PROTOCOL_TLSv1`: TLS 1.0 only.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLSv1);
 * ```
 * @see Python `ssl.PROTOCOL_TLSv1`
 */
export const PROTOCOL_TLSv1 = 3;
/**
 * `ssl.PROTOCOL_TLSv1_1`: TLS 1.1 only.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLSv1_1);
 * ```
 * @see Python `ssl.PROTOCOL_TLSv1_1`
 */
export const PROTOCOL_TLSv1_1 = 4;
/**
 * `ssl.PROTOCOL_TLSv1_2`: TLS 1.2 only.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLSv1_2);
 * ```
 * @see Python `ssl.PROTOCOL_TLSv1_2`
 */
export const PROTOCOL_TLSv1_2 = 5;
/**
 * `ssl.PROTOCOL_TLS_CLIENT`: client side; verifies the server and its host name by default.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS_CLIENT);
 * ```
 * @see Python `ssl.PROTOCOL_TLS_CLIENT`
 */
export const PROTOCOL_TLS_CLIENT = 16;
/**
 * `ssl.PROTOCOL_TLS_SERVER`: server side.
 *
 * @example
 * ```ts
 * const context = new SSLContext(PROTOCOL_TLS_SERVER);
 * ```
 * @see Python `ssl.PROTOCOL_TLS_SERVER`
 */
export const PROTOCOL_TLS_SERVER = 17;

/**
 * TLS protocol versions for {@link SSLContext.minimumVersion}/`maximumVersion`; names and
 * values match Python's `ssl.TLSVersion` (wire version numbers, and -2/-1 for the bounds).
 *
 * @example
 * ```ts
 * context.minimumVersion = TLSVersion.TLSv1_3;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.TLSVersion | ssl.TLSVersion}
 */
export const TLSVersion = {
  /** The lowest version the TLS library supports (Python `TLSVersion.MINIMUM_SUPPORTED`); TLS 1.0 with Node's OpenSSL. */
  MINIMUM_SUPPORTED: -2,
  /** SSL 3.0 (Python `TLSVersion.SSLv3`); Node's OpenSSL is built without it. */
  SSLv3: 0x0300,
  /** TLS 1.0 (Python `TLSVersion.TLSv1`). */
  TLSv1: 0x0301,
  /** TLS 1.1 (Python `TLSVersion.TLSv1_1`). */
  TLSv1_1: 0x0302,
  /** TLS 1.2 (Python `TLSVersion.TLSv1_2`). */
  TLSv1_2: 0x0303,
  /** TLS 1.3 (Python `TLSVersion.TLSv1_3`). */
  TLSv1_3: 0x0304,
  /** The highest version the TLS library supports (Python `TLSVersion.MAXIMUM_SUPPORTED`); TLS 1.3 with Node's OpenSSL. */
  MAXIMUM_SUPPORTED: -1,
} as const;
/** One of the {@link TLSVersion} values. */
export type TLSVersion = (typeof TLSVersion)[keyof typeof TLSVersion];

/**
 * `SSL_OP_*` option bits with Python's names and OpenSSL 3's values (`OP_ALL` is OpenSSL's
 * `SSL_OP_ALL` without `SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS`, as in Python).
 *
 * @example
 * ```ts
 * context.options |= Options.OP_NO_TLSv1_3;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.Options | ssl.Options}
 */
export const Options = {
  /** {@inheritDoc OP_ALL} */
  OP_ALL: 0x80000050,
  /** {@inheritDoc OP_LEGACY_SERVER_CONNECT} */
  OP_LEGACY_SERVER_CONNECT: 0x4,
  /** {@inheritDoc OP_IGNORE_UNEXPECTED_EOF} */
  OP_IGNORE_UNEXPECTED_EOF: 0x80,
  /** {@inheritDoc OP_NO_TICKET} */
  OP_NO_TICKET: 0x4000,
  /** {@inheritDoc OP_NO_COMPRESSION} */
  OP_NO_COMPRESSION: 0x20000,
  /** {@inheritDoc OP_ENABLE_MIDDLEBOX_COMPAT} */
  OP_ENABLE_MIDDLEBOX_COMPAT: 0x100000,
  /** {@inheritDoc OP_CIPHER_SERVER_PREFERENCE} */
  OP_CIPHER_SERVER_PREFERENCE: 0x400000,
  /** {@inheritDoc OP_NO_SSLv2} */
  OP_NO_SSLv2: 0,
  /** {@inheritDoc OP_NO_SSLv3} */
  OP_NO_SSLv3: 0x2000000,
  /** {@inheritDoc OP_NO_TLSv1} */
  OP_NO_TLSv1: 0x4000000,
  /** {@inheritDoc OP_NO_TLSv1_2} */
  OP_NO_TLSv1_2: 0x8000000,
  /** {@inheritDoc OP_NO_TLSv1_1} */
  OP_NO_TLSv1_1: 0x10000000,
  /** {@inheritDoc OP_NO_TLSv1_3} */
  OP_NO_TLSv1_3: 0x20000000,
  /** {@inheritDoc OP_NO_RENEGOTIATION} */
  OP_NO_RENEGOTIATION: 0x40000000,
  /** {@inheritDoc OP_SINGLE_DH_USE} */
  OP_SINGLE_DH_USE: 0,
  /** {@inheritDoc OP_SINGLE_ECDH_USE} */
  OP_SINGLE_ECDH_USE: 0,
} as const;
/** A bitmask of {@link Options} values. */
export type Options = number;

/**
 * `ssl.OP_ALL`: OpenSSL's bug workarounds.
 *
 * @example
 * ```ts
 * context.options |= OP_ALL;
 * ```
 * @see Python `ssl.OP_ALL`
 */
export const OP_ALL = 0x80000050;
/**
 * `ssl.OP_NO_SSLv2`: 0, SSLv2 no longer exists in OpenSSL.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_SSLv2;
 * ```
 * @see Python `ssl.OP_NO_SSLv2`
 */
export const OP_NO_SSLv2 = 0;
/**
 * `ssl.OP_NO_SSLv3`: refuse SSLv3.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_SSLv3;
 * ```
 * @see Python `ssl.OP_NO_SSLv3`
 */
export const OP_NO_SSLv3 = 0x2000000;
/**
 * `ssl.OP_NO_TLSv1`: refuse TLS 1.0.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_TLSv1;
 * ```
 * @see Python `ssl.OP_NO_TLSv1`
 */
export const OP_NO_TLSv1 = 0x4000000;
/**
 * `ssl.OP_NO_TLSv1_1`: refuse TLS 1.1.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_TLSv1_1;
 * ```
 * @see Python `ssl.OP_NO_TLSv1_1`
 */
export const OP_NO_TLSv1_1 = 0x10000000;
/**
 * `ssl.OP_NO_TLSv1_2`: refuse TLS 1.2.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_TLSv1_2;
 * ```
 * @see Python `ssl.OP_NO_TLSv1_2`
 */
export const OP_NO_TLSv1_2 = 0x8000000;
/**
 * `ssl.OP_NO_TLSv1_3`: refuse TLS 1.3.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_TLSv1_3;
 * ```
 * @see Python `ssl.OP_NO_TLSv1_3`
 */
export const OP_NO_TLSv1_3 = 0x20000000;
/**
 * `ssl.OP_NO_COMPRESSION`: no TLS compression (CRIME).
 *
 * @example
 * ```ts
 * context.options |= OP_NO_COMPRESSION;
 * ```
 * @see Python `ssl.OP_NO_COMPRESSION`
 */
export const OP_NO_COMPRESSION = 0x20000;
/**
 * `ssl.OP_CIPHER_SERVER_PREFERENCE`: a server picks the cipher by its own order.
 *
 * @example
 * ```ts
 * context.options |= OP_CIPHER_SERVER_PREFERENCE;
 * ```
 * @see Python `ssl.OP_CIPHER_SERVER_PREFERENCE`
 */
export const OP_CIPHER_SERVER_PREFERENCE = 0x400000;
/**
 * `ssl.OP_SINGLE_DH_USE`: 0 in OpenSSL ≥ 1.1 (always on).
 *
 * @example
 * ```ts
 * context.options |= OP_SINGLE_DH_USE;
 * ```
 * @see Python `ssl.OP_SINGLE_DH_USE`
 */
export const OP_SINGLE_DH_USE = 0;
/**
 * `ssl.OP_SINGLE_ECDH_USE`: 0 in OpenSSL ≥ 1.1 (always on).
 *
 * @example
 * ```ts
 * context.options |= OP_SINGLE_ECDH_USE;
 * ```
 * @see Python `ssl.OP_SINGLE_ECDH_USE`
 */
export const OP_SINGLE_ECDH_USE = 0;
/**
 * `ssl.OP_NO_TICKET`: no stateless session tickets.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_TICKET;
 * ```
 * @see Python `ssl.OP_NO_TICKET`
 */
export const OP_NO_TICKET = 0x4000;
/**
 * `ssl.OP_NO_RENEGOTIATION`: refuse TLS ≤ 1.2 renegotiation.
 *
 * @example
 * ```ts
 * context.options |= OP_NO_RENEGOTIATION;
 * ```
 * @see Python `ssl.OP_NO_RENEGOTIATION`
 */
export const OP_NO_RENEGOTIATION = 0x40000000;
/**
 * `ssl.OP_ENABLE_MIDDLEBOX_COMPAT`: TLS 1.3 middlebox compatibility mode.
 *
 * @example
 * ```ts
 * context.options |= OP_ENABLE_MIDDLEBOX_COMPAT;
 * ```
 * @see Python `ssl.OP_ENABLE_MIDDLEBOX_COMPAT`
 */
export const OP_ENABLE_MIDDLEBOX_COMPAT = 0x100000;
/**
 * `ssl.OP_IGNORE_UNEXPECTED_EOF`: treat a ragged EOF as a clean close.
 *
 * @example
 * ```ts
 * context.options |= OP_IGNORE_UNEXPECTED_EOF;
 * ```
 * @see Python `ssl.OP_IGNORE_UNEXPECTED_EOF`
 */
export const OP_IGNORE_UNEXPECTED_EOF = 0x80;
/**
 * `ssl.OP_LEGACY_SERVER_CONNECT` (Python 3.12): allow servers without RFC 5746.
 *
 * @example
 * ```ts
 * context.options |= OP_LEGACY_SERVER_CONNECT;
 * ```
 * @see Python `ssl.OP_LEGACY_SERVER_CONNECT`
 */
export const OP_LEGACY_SERVER_CONNECT = 0x4;

/**
 * `X509_V_FLAG_*` verification flags with Python's names and OpenSSL's values.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VerifyFlags.VERIFY_X509_PARTIAL_CHAIN;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.VerifyFlags | ssl.VerifyFlags}
 */
export const VerifyFlags = {
  /** {@inheritDoc VERIFY_DEFAULT} */
  VERIFY_DEFAULT: 0,
  /** {@inheritDoc VERIFY_CRL_CHECK_LEAF} */
  VERIFY_CRL_CHECK_LEAF: 0x4,
  /** {@inheritDoc VERIFY_CRL_CHECK_CHAIN} */
  VERIFY_CRL_CHECK_CHAIN: 0xc,
  /** {@inheritDoc VERIFY_X509_STRICT} */
  VERIFY_X509_STRICT: 0x20,
  /** {@inheritDoc VERIFY_ALLOW_PROXY_CERTS} */
  VERIFY_ALLOW_PROXY_CERTS: 0x40,
  /** {@inheritDoc VERIFY_X509_TRUSTED_FIRST} */
  VERIFY_X509_TRUSTED_FIRST: 0x8000,
  /** {@inheritDoc VERIFY_X509_PARTIAL_CHAIN} */
  VERIFY_X509_PARTIAL_CHAIN: 0x80000,
} as const;
/** A bitmask of {@link VerifyFlags} values. */
export type VerifyFlags = number;

/**
 * `ssl.VERIFY_DEFAULT`: no extra checks.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_DEFAULT;
 * ```
 * @see Python `ssl.VERIFY_DEFAULT`
 */
export const VERIFY_DEFAULT = 0;
/**
 * `ssl.VERIFY_CRL_CHECK_LEAF`: check the leaf against loaded CRLs.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_CRL_CHECK_LEAF;
 * ```
 * @see Python `ssl.VERIFY_CRL_CHECK_LEAF`
 */
export const VERIFY_CRL_CHECK_LEAF = 0x4;
/**
 * `ssl.VERIFY_CRL_CHECK_CHAIN`: check every certificate of the chain against loaded CRLs.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_CRL_CHECK_CHAIN;
 * ```
 * @see Python `ssl.VERIFY_CRL_CHECK_CHAIN`
 */
export const VERIFY_CRL_CHECK_CHAIN = 0xc;
/**
 * `ssl.VERIFY_X509_STRICT`: reject non-conforming certificates.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_X509_STRICT;
 * ```
 * @see Python `ssl.VERIFY_X509_STRICT`
 */
export const VERIFY_X509_STRICT = 0x20;
/**
 * `ssl.VERIFY_ALLOW_PROXY_CERTS`: accept RFC 3820 proxy certificates.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_ALLOW_PROXY_CERTS;
 * ```
 * @see Python `ssl.VERIFY_ALLOW_PROXY_CERTS`
 */
export const VERIFY_ALLOW_PROXY_CERTS = 0x40;
/**
 * `ssl.VERIFY_X509_TRUSTED_FIRST`: prefer trusted certificates when building the chain.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_X509_TRUSTED_FIRST;
 * ```
 * @see Python `ssl.VERIFY_X509_TRUSTED_FIRST`
 */
export const VERIFY_X509_TRUSTED_FIRST = 0x8000;
/**
 * `ssl.VERIFY_X509_PARTIAL_CHAIN`: accept a trusted intermediate as a trust anchor.
 *
 * @example
 * ```ts
 * context.verifyFlags |= VERIFY_X509_PARTIAL_CHAIN;
 * ```
 * @see Python `ssl.VERIFY_X509_PARTIAL_CHAIN`
 */
export const VERIFY_X509_PARTIAL_CHAIN = 0x80000;

/** An `ssl.Purpose` value: the extended key usage a default context authenticates. */
export interface PurposeObject {
  /** OpenSSL's NID of the extended key usage (`129` for serverAuth), Python `Purpose.nid`. */
  readonly nid: number;
  /** OpenSSL's short name (`"serverAuth"`), Python `Purpose.shortname`. */
  readonly shortname: string;
  /** OpenSSL's long name (`"TLS Web Server Authentication"`), Python `Purpose.longname`. */
  readonly longname: string;
  /** The OID, dotted (`"1.3.6.1.5.5.7.3.1"`), Python `Purpose.oid`. */
  readonly oid: string;
}

/**
 * What {@link createDefaultContext} prepares a context for, like Python's `ssl.Purpose`.
 * `SERVER_AUTH` makes a client context (it authenticates servers), `CLIENT_AUTH` a server one.
 *
 * @example
 * ```ts
 * const serverContext = createDefaultContext({ purpose: Purpose.CLIENT_AUTH });
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.Purpose | ssl.Purpose}
 */
export const Purpose: {
  /** `ssl.Purpose.SERVER_AUTH` (serverAuth, 1.3.6.1.5.5.7.3.1): a client context that authenticates servers. */
  readonly SERVER_AUTH: PurposeObject;
  /** `ssl.Purpose.CLIENT_AUTH` (clientAuth, 1.3.6.1.5.5.7.3.2): a server context that authenticates clients. */
  readonly CLIENT_AUTH: PurposeObject;
} = Object.freeze({
  SERVER_AUTH: Object.freeze({ nid: 129, shortname: "serverAuth", longname: "TLS Web Server Authentication", oid: "1.3.6.1.5.5.7.3.1" }),
  CLIENT_AUTH: Object.freeze({ nid: 130, shortname: "clientAuth", longname: "TLS Web Client Authentication", oid: "1.3.6.1.5.5.7.3.2" }),
});
/** One of the {@link Purpose} values. */
export type Purpose = PurposeObject;

/**
 * TLS alert descriptions with Python's names (`ssl.AlertDescription`) and RFC 8446 values;
 * an `sniCallback` may return one to abort the handshake.
 *
 * @example
 * ```ts
 * context.sniCallback = () => AlertDescription.ALERT_DESCRIPTION_UNRECOGNIZED_NAME;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.AlertDescription | ssl.AlertDescription}
 */
export const AlertDescription = {
  /** `close_notify`: the sender will send no more data on this connection (RFC 8446 §6.1). */
  ALERT_DESCRIPTION_CLOSE_NOTIFY: 0,
  /** `unexpected_message`: an inappropriate message, such as one out of order, was received. */
  ALERT_DESCRIPTION_UNEXPECTED_MESSAGE: 10,
  /** `bad_record_mac`: a record could not be deprotected (its authentication failed). */
  ALERT_DESCRIPTION_BAD_RECORD_MAC: 20,
  /** `record_overflow`: a record was longer than the protocol allows. */
  ALERT_DESCRIPTION_RECORD_OVERFLOW: 22,
  /** `decompression_failure`: a record did not decompress (TLS 1.2 and older, RFC 5246). */
  ALERT_DESCRIPTION_DECOMPRESSION_FAILURE: 30,
  /** `handshake_failure`: no acceptable set of security parameters could be agreed. */
  ALERT_DESCRIPTION_HANDSHAKE_FAILURE: 40,
  /** `bad_certificate`: a certificate was corrupt or its signatures did not verify. */
  ALERT_DESCRIPTION_BAD_CERTIFICATE: 42,
  /** `unsupported_certificate`: a certificate was of an unsupported type. */
  ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE: 43,
  /** `certificate_revoked`: a certificate was revoked by its signer. */
  ALERT_DESCRIPTION_CERTIFICATE_REVOKED: 44,
  /** `certificate_expired`: a certificate has expired or is not yet valid. */
  ALERT_DESCRIPTION_CERTIFICATE_EXPIRED: 45,
  /** `certificate_unknown`: another problem made the certificate unacceptable. */
  ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN: 46,
  /** `illegal_parameter`: a handshake field was out of range or inconsistent with other fields. */
  ALERT_DESCRIPTION_ILLEGAL_PARAMETER: 47,
  /** `unknown_ca`: the certificate chain does not lead to a trusted CA. */
  ALERT_DESCRIPTION_UNKNOWN_CA: 48,
  /** `access_denied`: the peer is authenticated but access control refused the handshake. */
  ALERT_DESCRIPTION_ACCESS_DENIED: 49,
  /** `decode_error`: a message could not be decoded (a field out of range or a wrong length). */
  ALERT_DESCRIPTION_DECODE_ERROR: 50,
  /** `decrypt_error`: a handshake cryptographic operation failed (a signature or Finished check). */
  ALERT_DESCRIPTION_DECRYPT_ERROR: 51,
  /** `protocol_version`: the peer's protocol version is recognised but not supported. */
  ALERT_DESCRIPTION_PROTOCOL_VERSION: 70,
  /** `insufficient_security`: the server requires parameters more secure than the client offers. */
  ALERT_DESCRIPTION_INSUFFICIENT_SECURITY: 71,
  /** `internal_error`: a failure unrelated to the peer or the protocol (such as out of memory). */
  ALERT_DESCRIPTION_INTERNAL_ERROR: 80,
  /** `user_cancelled`: the user cancelled the handshake for a reason unrelated to the protocol. */
  ALERT_DESCRIPTION_USER_CANCELLED: 90,
  /** `no_renegotiation`: a renegotiation request is refused (TLS 1.2 and older, RFC 5246). */
  ALERT_DESCRIPTION_NO_RENEGOTIATION: 100,
  /** `unsupported_extension`: a message carried an extension that is forbidden there or was not offered. */
  ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION: 110,
  /** `certificate_unobtainable`: a certificate could not be fetched from a client-given URL (RFC 6066). */
  ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE: 111,
  /** `unrecognized_name`: the server has no identity for the SNI name the client sent (RFC 6066). */
  ALERT_DESCRIPTION_UNRECOGNIZED_NAME: 112,
  /** `bad_certificate_status_response`: the OCSP response the server provided was invalid or unacceptable. */
  ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE: 113,
  /** `bad_certificate_hash_value`: a certificate did not match the hash the client gave (RFC 6066). */
  ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE: 114,
  /** `unknown_psk_identity`: no key is known for the PSK identity the client offered (RFC 4279). */
  ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY: 115,
} as const;
/** One of the {@link AlertDescription} values. */
export type AlertDescription = (typeof AlertDescription)[keyof typeof AlertDescription];
