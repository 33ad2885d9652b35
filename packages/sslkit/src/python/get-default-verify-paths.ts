import { getDefaultVerifyPaths } from "@sslkit/context";

/** Python's `ssl.DefaultVerifyPaths` named tuple, with its field names. */
export interface DefaultVerifyPaths {
  /** `SSL_CERT_FILE` or OpenSSL's default file, or `null` when it does not exist. */
  readonly cafile: string | null;
  /** `SSL_CERT_DIR` or OpenSSL's default directory, or `null` when it does not exist. */
  readonly capath: string | null;
  /** `"SSL_CERT_FILE"`. */
  readonly openssl_cafile_env: string;
  /** OpenSSL's default CA file. */
  readonly openssl_cafile: string;
  /** `"SSL_CERT_DIR"`. */
  readonly openssl_capath_env: string;
  /** OpenSSL's default CA directory. */
  readonly openssl_capath: string;
}

/**
 * Returns where OpenSSL looks for CA certificates: sslkit's `getDefaultVerifyPaths` under Python's field names.
 *
 * @throws Nothing.
 * @see Python `ssl.get_default_verify_paths`
 * @example
 * ```ts
 * console.log(get_default_verify_paths().openssl_cafile);
 * ```
 */
export function get_default_verify_paths(): DefaultVerifyPaths {
  const paths = getDefaultVerifyPaths();
  return {
    cafile: paths.caFile,
    capath: paths.caPath,
    openssl_cafile_env: paths.opensslCAFileEnv,
    openssl_cafile: paths.opensslCAFile,
    openssl_capath_env: paths.opensslCAPathEnv,
    openssl_capath: paths.opensslCAPath,
  };
}
