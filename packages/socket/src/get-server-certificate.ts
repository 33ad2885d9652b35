import { CERT_NONE, CERT_REQUIRED, PROTOCOL_TLS_CLIENT, SSLContext as BaseSSLContext } from "@sslkit/context";
import type { Protocol } from "@sslkit/context";
import { invalidArgTypeError } from "@sslkit/errors";
import { Certificate } from "@sslkit/x509";
import type { Address } from "./constants.js";
import { Socket, checkAddress } from "./socket.js";
import { wrapSocket } from "./wrap-socket.js";

/** Options of {@link getServerCertificate}. */
export interface GetServerCertificateOptions {
  /** The protocol of the context used. @defaultValue `PROTOCOL_TLS_CLIENT` */
  readonly sslVersion?: Protocol;
  /** PEM file of trusted CAs: when given, the certificate is verified (host name not checked, as in Python). */
  readonly caCerts?: string | null;
  /** Seconds for the connection and the handshake each. @defaultValue `null` (no limit) */
  readonly timeout?: number | null;
}

/**
 * Connects to a TLS server, completes the handshake and returns its certificate as PEM.
 *
 * @param address - `[host, port]`; `host` is also sent as SNI.
 * @param options - {@link GetServerCertificateOptions}.
 * @returns The server's leaf certificate, PEM-encoded as Python's `DER_cert_to_PEM_cert` does.
 * @throws `SSLCertVerificationError` when `caCerts` is given and verification fails; `SSLError`
 *   for handshake failures; {@link @sslkit/errors!TimeoutError}; system errors such as `ECONNREFUSED`.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.get_server_certificate | ssl.get_server_certificate}
 * @example
 * ```ts
 * const pem = await getServerCertificate(["example.org", 443], { timeout: 10 });
 * ```
 */
export async function getServerCertificate(address: Address, options: GetServerCertificateOptions = {}): Promise<string> {
  const [host, port] = checkAddress(address);
  const { sslVersion = PROTOCOL_TLS_CLIENT, caCerts = null, timeout = null } = options;
  if (caCerts !== null && typeof caCerts !== "string") throw invalidArgTypeError("options.caCerts", "of type string", caCerts);
  const context = new BaseSSLContext(sslVersion);
  context.checkHostname = false;
  context.verifyMode = caCerts === null ? CERT_NONE : CERT_REQUIRED;
  if (caCerts !== null) context.loadVerifyLocations({ caFile: caCerts });
  const sock = new Socket();
  sock.setTimeout(timeout);
  await sock.connect([host, port]);
  let ssl;
  try {
    ssl = await wrapSocket(sock, { context, serverHostname: host });
  } catch (error) {
    await sock.close();
    throw error;
  }
  try {
    const der = ssl.getPeerCert(true);
    if (der === null) throw invalidArgTypeError("certificate", "present", der);
    return new Certificate(der).toPEM();
  } finally {
    await ssl.close();
  }
}
