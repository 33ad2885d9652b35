import { OPENSSL_VERSION_NUMBER } from "./version.js";

/**
 * `ssl.HAS_SNI`: Node's TLS sends and receives Server Name Indication.
 *
 * @example
 * ```ts
 * if (HAS_SNI) context.sniCallback = pick;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.HAS_SNI | ssl.HAS_SNI}
 */
export const HAS_SNI = true;
/**
 * `ssl.HAS_ALPN`: Node negotiates ALPN (`ALPNProtocols`).
 *
 * @example
 * ```ts
 * if (HAS_ALPN) console.log("HAS_ALPN");
 * ```
 * @see Python `ssl.HAS_ALPN`
 */
export const HAS_ALPN = true;
/**
 * `ssl.HAS_NPN`: false; Node removed NPN in v12, as OpenSSL 3 builds often do.
 *
 * @example
 * ```ts
 * if (HAS_NPN) console.log("HAS_NPN");
 * ```
 * @see Python `ssl.HAS_NPN`
 */
export const HAS_NPN = false;
/**
 * `ssl.HAS_ECDH`: Node supports ECDHE key exchange (`setEcdhCurve`).
 *
 * @example
 * ```ts
 * if (HAS_ECDH) console.log("HAS_ECDH");
 * ```
 * @see Python `ssl.HAS_ECDH`
 */
export const HAS_ECDH = true;
/**
 * `ssl.HAS_NEVER_CHECK_COMMON_NAME`: `hostnameChecksCommonName` can be switched off.
 *
 * @example
 * ```ts
 * if (HAS_NEVER_CHECK_COMMON_NAME) console.log("HAS_NEVER_CHECK_COMMON_NAME");
 * ```
 * @see Python `ssl.HAS_NEVER_CHECK_COMMON_NAME`
 */
export const HAS_NEVER_CHECK_COMMON_NAME = true;
/**
 * `ssl.HAS_SSLv2`: false; no OpenSSL since 1.1.0 has SSLv2.
 *
 * @example
 * ```ts
 * if (HAS_SSLv2) console.log("HAS_SSLv2");
 * ```
 * @see Python `ssl.HAS_SSLv2`
 */
export const HAS_SSLv2 = false;
/**
 * `ssl.HAS_SSLv3`: false; Node's OpenSSL is built with `no-ssl3`.
 *
 * @example
 * ```ts
 * if (HAS_SSLv3) console.log("HAS_SSLv3");
 * ```
 * @see Python `ssl.HAS_SSLv3`
 */
export const HAS_SSLv3 = false;
/**
 * `ssl.HAS_TLSv1`: TLS 1.0 can be negotiated (at `@SECLEVEL=0` on OpenSSL 3).
 *
 * @example
 * ```ts
 * if (HAS_TLSv1) console.log("HAS_TLSv1");
 * ```
 * @see Python `ssl.HAS_TLSv1`
 */
export const HAS_TLSv1 = true;
/**
 * `ssl.HAS_TLSv1_1`: TLS 1.1 can be negotiated (at `@SECLEVEL=0` on OpenSSL 3).
 *
 * @example
 * ```ts
 * if (HAS_TLSv1_1) console.log("HAS_TLSv1_1");
 * ```
 * @see Python `ssl.HAS_TLSv1_1`
 */
export const HAS_TLSv1_1 = true;
/**
 * `ssl.HAS_TLSv1_2`: TLS 1.2 can be negotiated.
 *
 * @example
 * ```ts
 * if (HAS_TLSv1_2) console.log("HAS_TLSv1_2");
 * ```
 * @see Python `ssl.HAS_TLSv1_2`
 */
export const HAS_TLSv1_2 = true;
/**
 * `ssl.HAS_TLSv1_3`: TLS 1.3 can be negotiated (OpenSSL ≥ 1.1.1).
 *
 * @example
 * ```ts
 * if (HAS_TLSv1_3) console.log("HAS_TLSv1_3");
 * ```
 * @see Python `ssl.HAS_TLSv1_3`
 */
export const HAS_TLSv1_3: boolean = OPENSSL_VERSION_NUMBER >= 0x10101000;
