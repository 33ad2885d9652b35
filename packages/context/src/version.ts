import { parseOpenSSLVersion } from "./internal/openssl-version.js";

const parsed = parseOpenSSLVersion(process.versions.openssl);

/**
 * The OpenSSL that Node runs, as Python spells it (`"OpenSSL 3.0.19"`). Python also prints
 * the release date (`"OpenSSL 3.0.19 27 Jan 2026"`); Node does not expose it, so the text
 * is Python's up to the date.
 *
 * @example
 * ```ts
 * console.log(OPENSSL_VERSION); // "OpenSSL 3.0.19"
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.OPENSSL_VERSION | ssl.OPENSSL_VERSION}
 */
export const OPENSSL_VERSION: string = parsed.text;

/**
 * Python's 5-tuple `(major, minor, fix, patch, status)`, computed from
 * {@link OPENSSL_VERSION_NUMBER} the way CPython does (`(3, 0, 0, 19, 0)` for 3.0.19).
 *
 * @example
 * ```ts
 * const [major] = OPENSSL_VERSION_INFO;
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.OPENSSL_VERSION_INFO | ssl.OPENSSL_VERSION_INFO}
 */
export const OPENSSL_VERSION_INFO: readonly [number, number, number, number, number] = parsed.info;

/**
 * OpenSSL's `OPENSSL_VERSION_NUMBER` for the OpenSSL that Node runs (`0x30000130` for 3.0.19).
 *
 * @example
 * ```ts
 * if (OPENSSL_VERSION_NUMBER >= 0x30000000) console.log("OpenSSL 3");
 * ```
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.OPENSSL_VERSION_NUMBER | ssl.OPENSSL_VERSION_NUMBER}
 */
export const OPENSSL_VERSION_NUMBER: number = parsed.number;
