import type { PurposeObject } from "@sslkit/context";
import { invalidArgValueError } from "@sslkit/errors";
import { createDefaultContext } from "@sslkit/socket";
import { asPython } from "./internal/aliases.js";
import { checkKeywords, definedOnly } from "./internal/keywords.js";
import { SSLContext } from "./ssl-context.js";

/** Python's `ssl.create_default_context` keyword arguments. */
export interface CreateDefaultContextKeywords {
  /** `Purpose.SERVER_AUTH` (a client context) or `Purpose.CLIENT_AUTH` (a server context). */
  readonly purpose?: PurposeObject;
  /** A PEM file of trusted CAs, instead of the system's. */
  readonly cafile?: string | null;
  /** An OpenSSL hashed directory of trusted CAs. */
  readonly capath?: string | null;
  /** Trusted CAs as PEM text or DER bytes. */
  readonly cadata?: string | Uint8Array | null;
}

const KEYWORDS = ["purpose", "cafile", "capath", "cadata"] as const;

function isPurpose(value: unknown): value is PurposeObject {
  return typeof value === "object" && value !== null && "oid" in value && "nid" in value;
}

/**
 * Returns a context with Python's secure defaults: sslkit's `createDefaultContext` with
 * Python's arguments, as this module's {@link SSLContext}.
 *
 * @param purpose - `Purpose.SERVER_AUTH` or `Purpose.CLIENT_AUTH`, or the keyword object.
 * @param keywords - `cafile`, `capath`, `cadata` (and `purpose`).
 * @throws `ERR_INVALID_ARG_VALUE` for an unknown keyword or purpose, or a purpose given twice; what `createDefaultContext` throws.
 * @see Python `ssl.create_default_context`
 * @example
 * ```ts
 * const context = create_default_context(Purpose.SERVER_AUTH, { cafile: "ca.pem" });
 * ```
 */
export function create_default_context(purpose?: PurposeObject | CreateDefaultContextKeywords, keywords?: CreateDefaultContextKeywords): SSLContext {
  let k: CreateDefaultContextKeywords;
  if (isPurpose(purpose)) {
    k = checkKeywords("create_default_context", keywords, KEYWORDS);
    // Python: "got multiple values for argument 'purpose'".
    if (k.purpose !== undefined) throw invalidArgValueError("keywords.purpose", k.purpose, "cannot be given with a positional purpose");
    k = { ...k, purpose };
  } else {
    k = checkKeywords("create_default_context", purpose ?? keywords, KEYWORDS);
  }
  const context = createDefaultContext(
    definedOnly({ purpose: k.purpose, caFile: k.cafile ?? undefined, caPath: k.capath ?? undefined, caData: k.cadata ?? undefined }),
  );
  return asPython(context, SSLContext);
}
