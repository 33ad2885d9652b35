import { X509Error } from "@sslkit/errors";
import { X509ErrorCode } from "../error-codes.js";

/** The WebCrypto object of this runtime (`globalThis.crypto`). */
export type WebCrypto = typeof globalThis.crypto;

/** A WebCrypto `CryptoKey`, named without depending on the DOM or Node type libraries. */
export type WebCryptoKey = Awaited<ReturnType<WebCrypto["subtle"]["importKey"]>>;

/** Returns `globalThis.crypto`, or throws when the runtime has no WebCrypto with `subtle`. */
export function getWebCrypto(): WebCrypto {
  const webcrypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (webcrypto?.subtle === undefined) {
    throw new X509Error(X509ErrorCode.NO_WEBCRYPTO, "this runtime has no WebCrypto (globalThis.crypto.subtle)");
  }
  return webcrypto;
}
