import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Certificate} from "@sslkit/x509";
import { loadCertificates } from "@sslkit/x509";

/** OpenSSL's default CA bundle on Debian-like systems; `SSL_CERT_FILE` overrides it. */
export const DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

/** Certificates of a bundle file (PEM with any text between blocks, or DER). */
export function readCertificateFile(path: string): Certificate[] {
  return loadCertificates(new Uint8Array(readFileSync(path)));
}

/**
 * Looks up the issuers of `certificates` in an OpenSSL hashed directory (`<hash>.<n>` files
 * named by subject-name hash), reading only the files that can match, as OpenSSL does.
 */
export function lookUpInHashedDirectory(directory: string, certificates: readonly Certificate[]): Certificate[] {
  const found: Certificate[] = [];
  const seen = new Set<string>();
  const queue = [...certificates];
  for (let certificate = queue.shift(); certificate !== undefined; certificate = queue.shift()) {
    const hash = certificate.issuerNameHash.toString(16).padStart(8, "0");
    for (let n = 0; existsSync(join(directory, `${hash}.${n}`)); n++) {
      for (const candidate of readCertificateFile(join(directory, `${hash}.${n}`))) {
        if (seen.has(candidate.fingerprintSHA256)) continue;
        seen.add(candidate.fingerprintSHA256);
        found.push(candidate);
        // An intermediate found in the directory may need its own issuer from there too.
        if (!candidate.isSelfSigned) queue.push(candidate);
      }
    }
  }
  return found;
}
