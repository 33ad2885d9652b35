import { decodePEM } from "@sslkit/pem";
import { X509ErrorCode } from "../error-codes.js";
import { fail } from "./der.js";

const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);

/** Whether bytes look like PEM text rather than DER (DER certificates start with a SEQUENCE tag). */
function looksLikePEM(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x30) return false;
  for (let i = 0; i + 11 <= bytes.length; i++) {
    if (bytes[i] === 0x2d && bytes[i + 5] === 0x42 && bytes[i + 1] === 0x2d && bytes[i + 4] === 0x2d) return true;
  }
  return false;
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
