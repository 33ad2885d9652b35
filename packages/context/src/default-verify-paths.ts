import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** Python's `ssl.DefaultVerifyPaths` named tuple, with camelCase keys. */
export interface DefaultVerifyPaths {
  /** `SSL_CERT_FILE` or OpenSSL's default file, or `null` when that file does not exist. */
  readonly caFile: string | null;
  /** `SSL_CERT_DIR` or OpenSSL's default directory, or `null` when it does not exist. */
  readonly caPath: string | null;
  /** Always `"SSL_CERT_FILE"`. */
  readonly opensslCAFileEnv: string;
  /** OpenSSL's default CA file, `<OPENSSLDIR>/cert.pem`. */
  readonly opensslCAFile: string;
  /** Always `"SSL_CERT_DIR"`. */
  readonly opensslCAPathEnv: string;
  /** OpenSSL's default CA directory, `<OPENSSLDIR>/certs`. */
  readonly opensslCAPath: string;
}

/**
 * Where the system's OpenSSL keeps its configuration. Node's bundled OpenSSL is built with
 * its own OPENSSLDIR, which usually holds no certificates, so sslkit uses the directory of
 * the platform's OpenSSL, as Python (linked to it) does.
 */
const OPENSSL_DIR_CANDIDATES = ["/usr/lib/ssl", "/etc/pki/tls", "/etc/ssl", "/usr/local/etc/openssl@3", "/opt/homebrew/etc/openssl@3", "/usr/local/ssl"];

function opensslDir(): string {
  return OPENSSL_DIR_CANDIDATES.find((dir) => existsSync(join(dir, "cert.pem")) || existsSync(join(dir, "certs"))) ?? "/usr/local/ssl";
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Returns where the default CA certificates are looked up, honouring `SSL_CERT_FILE` and
 * `SSL_CERT_DIR` exactly as Python's `ssl.get_default_verify_paths()` does.
 *
 * @returns {@link DefaultVerifyPaths}; `caFile`/`caPath` are `null` when missing.
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.get_default_verify_paths | ssl.get_default_verify_paths}
 * @example
 * ```ts
 * const { caFile, caPath } = getDefaultVerifyPaths();
 * ```
 */
export function getDefaultVerifyPaths(): DefaultVerifyPaths {
  const dir = opensslDir();
  const opensslCAFile = join(dir, "cert.pem");
  const opensslCAPath = join(dir, "certs");
  const caFile = process.env["SSL_CERT_FILE"] ?? opensslCAFile;
  const caPath = process.env["SSL_CERT_DIR"] ?? opensslCAPath;
  return {
    caFile: isFile(caFile) ? caFile : null,
    caPath: isDirectory(caPath) ? caPath : null,
    opensslCAFileEnv: "SSL_CERT_FILE",
    opensslCAFile,
    opensslCAPathEnv: "SSL_CERT_DIR",
    opensslCAPath,
  };
}
