import { invalidArgValueError } from "@sslkit/errors";
import { CERT_NONE, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, Purpose } from "./constants.js";
import type { Protocol, PurposeObject } from "./constants.js";
import { SSLContext } from "./ssl-context.js";

/** Options accepted by {@link createDefaultContext}. */
export interface DefaultContextOptions {
  /** Which peer the context authenticates. @defaultValue `Purpose.SERVER_AUTH` (a client context) */
  readonly purpose?: PurposeObject;
  /** A PEM file of trusted CAs, instead of the system's. */
  readonly caFile?: string;
  /** An OpenSSL hashed directory of trusted CAs, instead of the system's. */
  readonly caPath?: string;
  /** Trusted CAs as PEM text or DER bytes, instead of the system's. */
  readonly caData?: string | Uint8Array;
}

/**
 * Returns a context with Python's secure defaults for a purpose: `Purpose.SERVER_AUTH` gives a
 * `PROTOCOL_TLS_CLIENT` context that verifies the server and its host name against the
 * system CAs (or `caFile`/`caPath`/`caData` when given); `Purpose.CLIENT_AUTH` gives a
 * `PROTOCOL_TLS_SERVER` context. `SSLKEYLOGFILE` in the environment sets `keylogFilename`.
 *
 * @param options - {@link DefaultContextOptions}.
 * @throws `ERR_INVALID_ARG_VALUE` for an unknown purpose.
 * @throws Whatever {@link SSLContext.loadVerifyLocations} throws for the CA options.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.create_default_context | ssl.create_default_context}
 * @example
 * ```ts
 * const context = createDefaultContext();
 * const socket = tls.connect({ host: "example.org", port: 443, ...context.toTLSOptions({ serverHostname: "example.org" }) });
 * ```
 */
export function createDefaultContext(options?: DefaultContextOptions): SSLContext;
/**
 * Returns a context with Python's secure defaults, as an instance of `contextClass`:
 * `@sslkit/socket` passes its `SSLContext` subclass (the one with `wrapSocket`).
 *
 * @param options - {@link DefaultContextOptions}.
 * @param contextClass - The class to instantiate.
 * @throws `ERR_INVALID_ARG_VALUE` for an unknown purpose.
 * @throws Whatever {@link SSLContext.loadVerifyLocations} throws for the CA options.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.create_default_context | ssl.create_default_context}
 * @example
 * ```ts
 * class MyContext extends SSLContext {}
 * const context = createDefaultContext({}, MyContext);
 * ```
 */
export function createDefaultContext<T extends SSLContext>(options: DefaultContextOptions, contextClass: new (protocol: Protocol) => T): T;
export function createDefaultContext(
  options: DefaultContextOptions = {},
  contextClass: new (protocol: Protocol) => SSLContext = SSLContext,
): SSLContext {
  const { purpose = Purpose.SERVER_AUTH, caFile, caPath, caData } = options;
  let context: SSLContext;
  if (purpose.oid === Purpose.SERVER_AUTH.oid) context = new contextClass(PROTOCOL_TLS_CLIENT);
  else if (purpose.oid === Purpose.CLIENT_AUTH.oid) context = new contextClass(PROTOCOL_TLS_SERVER);
  else throw invalidArgValueError("options.purpose", purpose, "must be Purpose.SERVER_AUTH or Purpose.CLIENT_AUTH");
  if (caFile !== undefined || caPath !== undefined || caData !== undefined) {
    context.loadVerifyLocations({
      ...(caFile === undefined ? {} : { caFile }),
      ...(caPath === undefined ? {} : { caPath }),
      ...(caData === undefined ? {} : { caData }),
    });
  } else if (context.verifyMode !== CERT_NONE) {
    context.loadDefaultCerts();
  }
  const keylog = process.env["SSLKEYLOGFILE"];
  if (keylog !== undefined && keylog !== "") context.keylogFilename = keylog;
  return context;
}
