import { X509Certificate, createPrivateKey } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { SSLError, invalidArgTypeError, outOfRangeError } from "@sslkit/errors";
import { decodePEM } from "@sslkit/pem";
import type { PEMBlock } from "@sslkit/pem";
import { ContextErrorCode } from "../error-codes.js";
import { readCertOrKeyInput } from "./read-input.js";
import type { ReadInput } from "./read-input.js";

/** What `loadCertChain` accepts as a password (Python: str, bytes or a callable returning one). */
export type PasswordInput = string | Uint8Array | (() => string | Uint8Array);

/** A certificate chain and its key, checked and ready for `tls.createSecureContext`. */
export interface LoadedCertChain {
  /** Leaf first, then the rest of the chain, as PEM. */
  readonly certPEM: string;
  /** The private key, decrypted, as PKCS #8 PEM. */
  readonly keyPEM: string;
  readonly leaf: X509Certificate;
}

/** OpenSSL's PEM_BUFSIZE: Python refuses longer passwords. */
const MAX_PASSWORD_BYTES = 1024;

function blocksOf(input: ReadInput, role: string): PEMBlock[] {
  try {
    return decodePEM(input.text);
  } catch (error) {
    throw new SSLError(`${role} ${input.label} is not valid PEM: ${(error as Error).message}`, {
      library: "PEM",
      reason: "BAD_BASE64_DECODE",
      code: ContextErrorCode.BAD_CERTIFICATE,
      cause: error,
    });
  }
}

function resolvePassword(password: PasswordInput | undefined): string | Buffer | undefined {
  if (password === undefined) return undefined;
  const value = typeof password === "function" ? password() : password;
  if (typeof value !== "string" && !(value instanceof Uint8Array)) {
    throw invalidArgTypeError(typeof password === "function" ? "password()" : "password", "of type string or an instance of Uint8Array", value);
  }
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
  if (bytes.length > MAX_PASSWORD_BYTES) throw outOfRangeError("password", `at most ${MAX_PASSWORD_BYTES} bytes long`, `${bytes.length} bytes`);
  return bytes;
}

function isKeyLabel(label: string): boolean {
  return label === "PRIVATE KEY" || label === "ENCRYPTED PRIVATE KEY" || / PRIVATE KEY$/.test(label);
}

function isEncrypted(block: PEMBlock): boolean {
  return block.label === "ENCRYPTED PRIVATE KEY" || (block.headers["Proc-Type"] ?? "").includes("ENCRYPTED");
}

function loadKey(keyText: string, block: PEMBlock, input: ReadInput, password: PasswordInput | undefined): KeyObject {
  const pem = keyText.slice(block.start, block.end);
  const encrypted = isEncrypted(block);
  if (encrypted && password === undefined) {
    throw new SSLError(`the private key in ${input.label} is encrypted and no password was given`, {
      library: "PEM",
      reason: "BAD_PASSWORD_READ",
      code: ContextErrorCode.PASSWORD_REQUIRED,
    });
  }
  const passphrase = encrypted ? resolvePassword(password) : undefined;
  try {
    return createPrivateKey(passphrase === undefined ? { key: pem, format: "pem" } : { key: pem, format: "pem", passphrase });
  } catch (error) {
    if (encrypted) {
      throw new SSLError(`bad decrypt: the password does not decrypt the private key in ${input.label}`, {
        library: "EVP",
        reason: "BAD_DECRYPT",
        code: ContextErrorCode.BAD_PASSWORD,
        cause: error,
      });
    }
    throw new SSLError(`the private key in ${input.label} cannot be read: ${(error as Error).message}`, {
      library: "PEM",
      reason: "BAD_DECRYPT",
      code: ContextErrorCode.BAD_CERTIFICATE,
      cause: error,
    });
  }
}

/**
 * Reads, decrypts and cross-checks a certificate chain and its key, as OpenSSL's
 * `SSL_CTX_use_certificate_chain_file` + `SSL_CTX_use_PrivateKey_file` +
 * `SSL_CTX_check_private_key` do for Python's `load_cert_chain`.
 */
export function loadCertChainInputs(certfile: unknown, keyfile: unknown, password: PasswordInput | undefined): LoadedCertChain {
  const certInput = readCertOrKeyInput(certfile, "certfile");
  const certBlocks = blocksOf(certInput, "certfile");
  const certs = certBlocks.filter((block) => block.label === "CERTIFICATE" || block.label === "TRUSTED CERTIFICATE");
  if (certs.length === 0) {
    throw new SSLError(`no certificate found in certfile ${certInput.label}`, { library: "PEM", reason: "NO_START_LINE", code: ContextErrorCode.NO_CERTIFICATE });
  }
  const x509s = certs.map((block, index) => {
    try {
      return new X509Certificate(Buffer.from(block.der));
    } catch (error) {
      throw new SSLError(`certificate #${index + 1} in certfile ${certInput.label} is not a valid X.509 certificate`, {
        library: "X509",
        reason: "ASN1_LIB",
        code: ContextErrorCode.BAD_CERTIFICATE,
        cause: error,
      });
    }
  });
  const [leaf] = x509s as [X509Certificate, ...X509Certificate[]];

  const keyInput = keyfile === undefined || keyfile === null ? certInput : readCertOrKeyInput(keyfile, "keyfile");
  const keyBlocks = keyInput === certInput ? certBlocks : blocksOf(keyInput, "keyfile");
  const keyBlock = keyBlocks.find((block) => isKeyLabel(block.label));
  if (keyBlock === undefined) {
    throw new SSLError(`no private key found in ${keyInput === certInput ? "certfile" : "keyfile"} ${keyInput.label}`, {
      library: "PEM",
      reason: "NO_START_LINE",
      code: ContextErrorCode.NO_PRIVATE_KEY,
    });
  }
  const key = loadKey(keyInput.text, keyBlock, keyInput, password);
  if (!leaf.checkPrivateKey(key)) {
    const where = keyInput === certInput ? `certfile ${certInput.label}` : `keyfile ${keyInput.label}`;
    throw new SSLError(`key values mismatch: the private key in ${where} does not belong to the certificate in certfile ${certInput.label}`, {
      library: "X509",
      reason: "KEY_VALUES_MISMATCH",
      code: ContextErrorCode.KEY_MISMATCH,
    });
  }
  return {
    certPEM: x509s.map((cert) => cert.toString()).join(""),
    keyPEM: key.export({ format: "pem", type: "pkcs8" }).toString(),
    leaf,
  };
}
