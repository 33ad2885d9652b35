import { decodePEM, detectFormat } from "@sslkit/pem";
import { X509ErrorCode } from "../error-codes.js";
import { fail } from "./der.js";

const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);

/**
 * Whether bytes are PEM text rather than DER: they hold a `-----BEGIN ` line and are not a
 * sequence of complete DER elements (text may start with "0", the SEQUENCE tag byte).
 */
export function looksLikePEM(bytes: Uint8Array): boolean {
  return detectFormat(bytes) === "pem";
}

/** The DER of the first certificate in PEM text, or `ERR_SSLKIT_X509_NO_CERTIFICATE`. */
function firstPEMCertificate(text: string | Uint8Array): Uint8Array {
  for (const block of decodePEM(text)) {
    if (CERTIFICATE_LABELS.has(block.label)) return block.der;
  }
  return fail(X509ErrorCode.NO_CERTIFICATE, "no CERTIFICATE PEM block in the input", 0);
}

/** Turns `decodeCert`-style input (PEM text, PEM bytes or DER bytes) into DER bytes. */
export function certificateDER(input: string | Uint8Array): Uint8Array {
  if (input.length === 0) fail(X509ErrorCode.NO_CERTIFICATE, "empty input", 0);
  if (typeof input === "string") return firstPEMCertificate(input);
  return looksLikePEM(input) ? firstPEMCertificate(input) : input;
}
