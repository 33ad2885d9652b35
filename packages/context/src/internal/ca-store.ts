import { X509Certificate } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { SSLError, SSLKitError } from "@sslkit/errors";
import { decodePEM } from "@sslkit/pem";
import { subjectNameHash } from "@sslkit/x509";
import type { PEMBlock } from "@sslkit/pem";
import { ContextErrorCode } from "../error-codes.js";
import { readFileForContext } from "./read-input.js";

/** One trusted certificate in the store. */
export interface StoredCA {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly isCA: boolean;
}

/** OpenSSL's hashed-directory names: `<8 hex>.<n>` for certificates, `<8 hex>.r<n>` for CRLs. */
const HASHED_CERT = /^[0-9a-f]{8}\.\d+$/;
const HASHED_CRL = /^[0-9a-f]{8}\.r\d+$/;

function toPEM(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Whether a certificate's OpenSSL subject-name hash is `hash` (8 lower-case hex digits). */
function hashMatches(der: Uint8Array, hash: string): boolean {
  try {
    return subjectNameHash(der).toString(16).padStart(8, "0") === hash;
  } catch {
    return false;
  }
}

/** Length of the DER element at `offset` (tag, length and contents), or -1 if truncated/invalid. */
function derElementLength(bytes: Uint8Array, offset: number): number {
  if (offset + 2 > bytes.length) return -1;
  const first = bytes[offset + 1] ?? 0;
  if (first < 0x80) return offset + 2 + first <= bytes.length ? 2 + first : -1;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 2 + count > bytes.length) return -1;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] ?? 0);
  const total = 2 + count + length;
  return offset + total <= bytes.length ? total : -1;
}

function parseCertificate(der: Uint8Array, where: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der));
  } catch (error) {
    throw new SSLError(`${where} contains data that is not an X.509 certificate`, {
      library: "X509",
      reason: "ASN1_LIB",
      code: ContextErrorCode.BAD_CERTIFICATE,
      cause: error,
    });
  }
}

/**
 * The trust store of an SSLContext: certificates and CRLs from `caFile`/`caData` (loaded and
 * counted at once, like OpenSSL's X509_STORE) and `caPath` directories (read when the
 * SecureContext is built, cached with it, and not counted, like OpenSSL's lazy hash-dir lookup).
 */
export class CAStore {
  readonly #certs = new Map<string, StoredCA>();
  readonly #crls = new Map<string, string>();
  readonly #capaths: string[] = [];

  get certs(): readonly StoredCA[] {
    return [...this.#certs.values()];
  }

  get crls(): readonly string[] {
    return [...this.#crls.values()];
  }

  get capaths(): readonly string[] {
    return this.#capaths;
  }

  #addCert(der: Uint8Array, where: string): void {
    const cert = parseCertificate(der, where);
    // OpenSSL's X509_STORE ignores a certificate it already holds.
    if (!this.#certs.has(cert.fingerprint256)) this.#certs.set(cert.fingerprint256, { der, pem: toPEM("CERTIFICATE", der), isCA: cert.ca });
  }

  #addPEMBlocks(blocks: readonly PEMBlock[], where: string, withCRLs: boolean): number {
    let added = 0;
    for (const block of blocks) {
      if (block.label === "CERTIFICATE" || block.label === "TRUSTED CERTIFICATE") {
        this.#addCert(block.der, where);
        added++;
      } else if (withCRLs && block.label === "X509 CRL") {
        this.#crls.set(Buffer.from(block.der).toString("base64"), toPEM("X509 CRL", block.der));
        added++;
      }
    }
    return added;
  }

  static #decode(text: string, where: string): PEMBlock[] {
    try {
      return decodePEM(text);
    } catch (error) {
      throw new SSLError(`${where} is not valid PEM: ${(error as Error).message}`, {
        library: "PEM",
        reason: "BAD_BASE64_DECODE",
        code: ContextErrorCode.BAD_CERTIFICATE,
        cause: error,
      });
    }
  }

  /** Loads every certificate and CRL of a PEM file (Python's `cafile`). */
  loadFile(path: string): void {
    const text = Buffer.from(readFileForContext(path, "cafile")).toString("latin1");
    const where = `cafile '${path}'`;
    if (this.#addPEMBlocks(CAStore.#decode(text, where), where, true) === 0) {
      throw new SSLError(`no certificate or crl found in ${where}`, { library: "X509", reason: "NO_CERTIFICATE_OR_CRL_FOUND", code: ContextErrorCode.NO_CA_CERTIFICATE });
    }
  }

  /** Loads PEM text (string) or concatenated DER certificates (bytes), Python's `cadata`. */
  loadData(data: string | Uint8Array): void {
    if (typeof data === "string") {
      const blocks = CAStore.#decode(data, "cadata").filter((block) => block.label === "CERTIFICATE" || block.label === "TRUSTED CERTIFICATE");
      if (blocks.length === 0) {
        throw new SSLError("no start line: cadata does not contain a certificate", { library: "PEM", reason: "NO_START_LINE", code: ContextErrorCode.NO_CA_CERTIFICATE });
      }
      this.#addPEMBlocks(blocks, "cadata", false);
      return;
    }
    let offset = 0;
    let count = 0;
    while (offset < data.length) {
      const length = data[offset] === 0x30 ? derElementLength(data, offset) : -1;
      if (length < 0) {
        throw new SSLError(`not enough data: cadata does not contain a certificate at byte ${offset}`, {
          library: "ASN1",
          reason: "NOT_ENOUGH_DATA",
          code: count === 0 ? ContextErrorCode.NO_CA_CERTIFICATE : ContextErrorCode.BAD_CERTIFICATE,
        });
      }
      this.#addCert(data.subarray(offset, offset + length), `cadata (certificate at byte ${offset})`);
      offset += length;
      count++;
    }
    if (count === 0) {
      throw new SSLError("not enough data: cadata does not contain a certificate", { library: "ASN1", reason: "NOT_ENOUGH_DATA", code: ContextErrorCode.NO_CA_CERTIFICATE });
    }
  }

  /** Remembers an OpenSSL hashed directory (Python's `capath`); it must exist. */
  addPath(path: string): void {
    try {
      readdirSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SSLKitError(
        code === "ENOENT" ? ContextErrorCode.FILE_NOT_FOUND : ContextErrorCode.FILE_UNREADABLE,
        `capath '${path}' ${code === "ENOENT" ? "does not exist" : `cannot be read: ${code ?? "unknown error"}`}`,
        { cause: error },
      );
    }
    if (!this.#capaths.includes(path)) this.#capaths.push(path);
  }

  /**
   * Reads the hashed entries of every capath: certificates and CRLs, deduplicated (the
   * `<hash>.<n>` names are usually symlinks to one file). Entries that are not PEM
   * certificates, or whose subject-name hash (`subjectNameHash` from `@sslkit/x509`) is not
   * their name, are skipped, as OpenSSL's hash lookup never finds them.
   */
  readCapaths(): { certs: string[]; crls: string[] } {
    const certs = new Map<string, string>();
    const crls = new Map<string, string>();
    for (const dir of this.#capaths) {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        const isCert = HASHED_CERT.test(name);
        if (!isCert && !HASHED_CRL.test(name)) continue;
        let blocks: PEMBlock[];
        try {
          blocks = decodePEM(Buffer.from(readFileForContext(join(dir, name), "capath entry")).toString("latin1"));
        } catch {
          continue;
        }
        const hash = name.slice(0, 8);
        for (const block of blocks) {
          // OpenSSL finds a CA only under its own subject-name hash: a misnamed file is never used.
          if (isCert && block.label === "CERTIFICATE" && hashMatches(block.der, hash)) {
            certs.set(Buffer.from(block.der).toString("base64"), toPEM("CERTIFICATE", block.der));
          }
          if (!isCert && block.label === "X509 CRL") crls.set(Buffer.from(block.der).toString("base64"), toPEM("X509 CRL", block.der));
        }
      }
    }
    return { certs: [...certs.values()], crls: [...crls.values()] };
  }

  /** Python's `cert_store_stats()`. */
  stats(): { x509: number; crl: number; x509_ca: number } {
    const certs = this.certs;
    return { x509: certs.length, crl: this.#crls.size, x509_ca: certs.filter((cert) => cert.isCA).length };
  }
}
