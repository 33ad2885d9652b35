import {
  SSLCertVerificationError,
  SSLEOFError,
  SSLError,
  isSSLKitError,
} from "@sslkit/errors";
import { VERIFY_CODES } from "./internal/verify-codes.js";
import { pythonVerifyCodeName } from "./internal/python-verify-code.js";

/** OpenSSL 3's `ERR_lib_error_string()` texts → the mnemonics Python shows as `SSLError.library`. */
const LIBRARY_MNEMONICS: ReadonlyMap<string, string> = new Map([
  ["SSL routines", "SSL"],
  ["PEM routines", "PEM"],
  ["X509 certificate routines", "X509"],
  ["X509 V3 routines", "X509V3"],
  ["asn1 encoding routines", "ASN1"],
  ["digital envelope routines", "EVP"],
  ["BIO routines", "BIO"],
  ["system library", "SYS"],
  ["elliptic curve routines", "EC"],
  ["rsa routines", "RSA"],
  ["bignum routines", "BN"],
  ["DECODER routines", "DECODER"],
  ["ENCODER routines", "ENCODER"],
  ["STORE routines", "OSSL_STORE"],
  ["PKCS12 routines", "PKCS12"],
  ["PKCS7 routines", "PKCS7"],
  ["Provider routines", "PROV"],
  ["common libcrypto routines", "CRYPTO"],
  ["CMS routines", "CMS"],
  ["DH routines", "DH"],
  ["dsa routines", "DSA"],
]);

/** The message Node gives when the TCP connection ends during the handshake. */
const DISCONNECTED_DURING_HANDSHAKE = "Client network socket disconnected before secure TLS connection was established";

interface NodeTLSErrorShape {
  readonly code?: unknown;
  readonly library?: unknown;
  readonly reason?: unknown;
  readonly syscall?: unknown;
  readonly host?: unknown;
  readonly message?: unknown;
}

function libraryMnemonic(library: string): string {
  return LIBRARY_MNEMONICS.get(library) ?? library.split(" ")[0]?.toUpperCase() ?? library;
}

function reasonMnemonic(reason: string): string {
  return reason.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

function eofError(cause: unknown): SSLEOFError {
  return new SSLEOFError("EOF occurred in violation of protocol", { library: "SSL", reason: "UNEXPECTED_EOF_WHILE_READING", cause });
}

function hostnameMismatch(host: string, cause: unknown): SSLCertVerificationError {
  const isIP = /^[\d.]+$/.test(host) || host.includes(":");
  const [verifyCode, verifyMessage] = isIP
    ? [64, `IP address mismatch, certificate is not valid for '${host}'.`]
    : [62, `Hostname mismatch, certificate is not valid for '${host}'.`];
  return new SSLCertVerificationError({ verifyCode, verifyMessage, cause });
}

/**
 * Turns an error from `node:tls` or OpenSSL into the `SSLError` subclass Python would raise,
 * with Python's `library`, `reason`, `verifyCode`, `verifyMessage` and message text
 * (`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired`,
 * without CPython's `(_ssl.c:…)` suffix). The original error is kept as `cause`.
 *
 * This is the contract `@sslkit/socket` uses for every error a TLS socket emits.
 *
 * - certificate verification codes (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`,
 *   `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, … every `X509_V_ERR_*`) → `SSLCertVerificationError`
 *   (Node's `UNABLE_TO_VERIFY_LEAF_SIGNATURE` is the error OpenSSL reports after the one
 *   Python reports, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`; the latter is given)
 * - `ERR_TLS_CERT_ALTNAME_INVALID` → `SSLCertVerificationError` 62 (host) or 64 (IP address)
 * - `ERR_SSL_UNEXPECTED_EOF_WHILE_READING` and Node's "socket disconnected before secure TLS
 *   connection was established" → `SSLEOFError`
 * - `ERR_SSL_NO_CIPHER_MATCH` → `SSLError("No cipher can be selected.")`
 * - `ERR_TLS_SESSION_ATTACK` (Node's limit of 3 client renegotiations in 10 minutes) → `SSLError`
 * - any other OpenSSL error (`ERR_SSL_*`, `ERR_OSSL_*`, with `library`/`reason`) → `SSLError`
 * - sslkit errors, system errors (`ECONNRESET` from a syscall, `EPIPE`, …) and anything else
 *   are returned unchanged (Python raises `OSError` subclasses for those).
 *
 * @param error - What a `tls.TLSSocket`, `tls.connect`, `tls.createServer` or
 *   `tls.createSecureContext` threw or emitted.
 * @returns The mapped error, or `error` itself (as an `Error`) when it is not a TLS error.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#exceptions | ssl exceptions}
 * @example
 * ```ts
 * tlsSocket.on("error", (e) => reject(mapTLSError(e)));
 * ```
 */
export function mapTLSError(error: unknown): Error {
  if (isSSLKitError(error)) return error;
  if (typeof error !== "object" || error === null) return new Error(String(error));
  const shape = error as NodeTLSErrorShape;
  const fallback = error instanceof Error ? error : new Error(String(shape.message));
  const code = typeof shape.code === "string" ? shape.code : undefined;
  if (code === undefined) return fallback;

  const verify = VERIFY_CODES.get(pythonVerifyCodeName(code));
  if (verify !== undefined) {
    const [verifyCode, verifyMessage] = verify;
    return new SSLCertVerificationError({ verifyCode, verifyMessage, cause: error });
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return hostnameMismatch(typeof shape.host === "string" ? shape.host : "", error);
  }
  if (code === "ERR_SSL_UNEXPECTED_EOF_WHILE_READING") return eofError(error);
  if (code === "ECONNRESET" && shape.message === DISCONNECTED_DURING_HANDSHAKE && shape.syscall === undefined) {
    return eofError(error);
  }
  if (code === "ERR_SSL_NO_CIPHER_MATCH") return new SSLError("No cipher can be selected.", { cause: error });
  // Node's guard against renegotiation floods (more than 3 client renegotiations in 10 minutes).
  if (code === "ERR_TLS_SESSION_ATTACK") return new SSLError("TLS session renegotiation attack detected", { cause: error });
  if (typeof shape.reason === "string" && (code.startsWith("ERR_SSL_") || code.startsWith("ERR_OSSL_"))) {
    const library = typeof shape.library === "string" ? libraryMnemonic(shape.library) : undefined;
    const reason = code.startsWith("ERR_SSL_") ? code.slice("ERR_SSL_".length) : reasonMnemonic(shape.reason);
    return new SSLError(shape.reason, { library, reason, cause: error });
  }
  return fallback;
}
