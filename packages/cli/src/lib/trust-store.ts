import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Certificate } from "@sslkit/x509";
import { loadCertificates } from "@sslkit/x509";

/** OpenSSL's default CA bundle on Debian-like systems; `SSL_CERT_FILE` overrides it. */
export const DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

/** The `--cafile` help text every command that verifies shows. */
export const CAFILE_HELP = `Trusted CA certificates, PEM or DER (default: $SSL_CERT_FILE, else ${DEFAULT_CA_FILE}, unless --capath is given)`;
/** The `--capath` help text every command that verifies shows. */
export const CAPATH_HELP = "OpenSSL hashed directory of trusted CAs (<hash>.<n> files, as made by sslkit rehash)";

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

/** Where the trust anchors come from: the `--cafile` and `--capath` options. */
export interface TrustAnchorOptions {
  readonly cafile?: string | undefined;
  readonly capath?: string | undefined;
}

function readDefaultBundle(warn: (message: string) => void): Certificate[] {
  const fromEnvironment = process.env.SSL_CERT_FILE !== undefined && process.env.SSL_CERT_FILE !== "";
  const path = fromEnvironment ? (process.env.SSL_CERT_FILE as string) : DEFAULT_CA_FILE;
  if (existsSync(path)) return readCertificateFile(path);
  warn(`no default CA bundle at ${path}${fromEnvironment ? " ($SSL_CERT_FILE)" : ""}: no certificate is trusted; use --cafile or --capath`);
  return [];
}

const warnOnStderr = (message: string): void => {
  process.stderr.write(`sslkit: warning: ${message}\n`);
};

/**
 * Reads the trust anchors `verify`, `connect` and `scan` use, the same way for all three:
 *
 * - `--cafile F`: the certificates of F; a missing or unreadable F is an I/O error (exit 3).
 * - `--capath DIR`: for each chain, the issuers found in the hashed directory DIR (and their
 *   issuers, recursively); added to `--cafile`'s when both are given.
 * - neither: the default bundle, `$SSL_CERT_FILE` or else {@link DEFAULT_CA_FILE}. When that file
 *   does not exist nothing is trusted, as in OpenSSL (verification then fails with verify code
 *   20), and a one-line warning goes to stderr; it is not an error.
 *
 * Files are read once, here; the returned function adds the `--capath` look-ups for a chain
 * (`scan` calls it once per endpoint).
 */
export function trustAnchorLoader(options: TrustAnchorOptions, warn: (message: string) => void = warnOnStderr): (presented: readonly Certificate[]) => Certificate[] {
  const fixed: Certificate[] = [];
  if (options.cafile !== undefined) fixed.push(...readCertificateFile(options.cafile));
  if (options.cafile === undefined && options.capath === undefined) fixed.push(...readDefaultBundle(warn));
  const { capath } = options;
  return (presented) => (capath === undefined ? [...fixed] : [...fixed, ...lookUpInHashedDirectory(capath, presented)]);
}

/**
 * The trust anchors for verifying `presented` (the chain, leaf first, and any untrusted
 * intermediates) under `--cafile`/`--capath`; see {@link trustAnchorLoader} for the rules.
 */
export function loadTrustAnchors(options: TrustAnchorOptions, presented: readonly Certificate[], warn?: (message: string) => void): Certificate[] {
  return trustAnchorLoader(options, warn)(presented);
}
