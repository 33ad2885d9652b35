import type { Protocol } from "@sslkit/context";
import { getServerCertificate } from "@sslkit/socket";
import type { Address } from "@sslkit/socket";
import { checkKeywords, definedOnly } from "./internal/keywords.js";

/** Python's `ssl.get_server_certificate` keyword arguments. */
export interface GetServerCertificateKeywords {
  /** The protocol of the context used. @defaultValue `PROTOCOL_TLS_CLIENT` */
  readonly ssl_version?: Protocol;
  /** PEM file of trusted CAs: when given, the certificate is verified. */
  readonly ca_certs?: string | null;
  /** Seconds for the connection and the handshake each. */
  readonly timeout?: number | null;
}

const KEYWORDS = ["ssl_version", "ca_certs", "timeout"] as const;

/**
 * Returns a server's certificate as PEM: sslkit's `getServerCertificate` with Python's keyword names.
 *
 * @param addr - `[host, port]`.
 * @param keywords - {@link GetServerCertificateKeywords}.
 * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword; what `getServerCertificate` throws.
 * @see Python `ssl.get_server_certificate`
 * @example
 * ```ts
 * const pem = await get_server_certificate(["example.org", 443], { timeout: 10 });
 * ```
 */
export function get_server_certificate(addr: Address, keywords?: GetServerCertificateKeywords): Promise<string> {
  const k = checkKeywords("get_server_certificate", keywords, KEYWORDS);
  return getServerCertificate(addr, definedOnly({ sslVersion: k.ssl_version, caCerts: k.ca_certs, timeout: k.timeout }));
}
