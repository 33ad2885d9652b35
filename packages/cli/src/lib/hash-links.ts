import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { decodePEM } from "@sslkit/pem";
import { Certificate } from "@sslkit/x509";

/** One `<hash>.<n>` link of a directory after {@link rehashDirectory}. */
export interface HashLink {
  /** `d4dae3dd.0` */
  readonly link: string;
  /** The file it points to, as written in the link (a name in the same directory). */
  readonly target: string;
  /** Whether the link was already there and left as it was. */
  readonly kept: boolean;
}

/** What {@link rehashDirectory} did in one directory. */
export interface RehashResult {
  readonly directory: string;
  readonly links: HashLink[];
  /** Links deleted because their target no longer needs one. */
  readonly removed: string[];
  /** Files with a certificate extension that were not linked, and why. */
  readonly skipped: { file: string; reason: string }[];
}

/** File extensions `openssl rehash` reads (compared case-insensitively). */
const EXTENSIONS = new Set(["pem", "crt", "cer", "crl"]);
/** `<8 hex digits>.<n>` (certificates) or `.r<n>` (CRLs), as `openssl rehash` recognises its links. */
const LINK_NAME = /^([0-9a-fA-F]{8})\.([rR]?)(\d*)$/;
const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]);
const KEY_LABEL = /PRIVATE KEY$/;

interface Entry {
  readonly filename: string;
  oldId: number;
  needSymlink: boolean;
  fingerprint: string | null;
}

interface Bucket {
  readonly type: "" | "r";
  readonly hash: number;
  readonly entries: Entry[];
  needed: number;
}

/** What a file holds, counted as OpenSSL's `PEM_X509_INFO_read` counts it. */
type FileContent = { kind: "certificate"; certificate: Certificate } | { kind: "crl" } | { kind: "skip"; reason: string } | { kind: "ignore" };

function readContent(path: string): FileContent {
  let blocks;
  try {
    blocks = decodePEM(readFileSync(path));
  } catch {
    return { kind: "ignore" }; // OpenSSL gives up on the file silently when its PEM is malformed
  }
  // A certificate or CRL starts a new item; a key joins the current item unless it already has one.
  const items: { certificate?: Uint8Array; crl?: boolean; key?: boolean }[] = [];
  for (const block of blocks) {
    const current = items.at(-1);
    if (CERTIFICATE_LABELS.has(block.label)) {
      if (current === undefined || current.certificate !== undefined || current.crl === true) items.push({ certificate: block.der });
      else current.certificate = block.der;
    } else if (block.label === "X509 CRL") {
      if (current === undefined || current.certificate !== undefined || current.crl === true) items.push({ crl: true });
      else current.crl = true;
    } else if (KEY_LABEL.test(block.label)) {
      if (current === undefined || current.key === true) items.push({ key: true });
      else current.key = true;
    }
  }
  const only = items[0];
  if (items.length !== 1 || only === undefined) return { kind: "skip", reason: "it does not contain exactly one certificate or CRL" };
  if (only.certificate !== undefined) {
    try {
      return { kind: "certificate", certificate: new Certificate(only.certificate) };
    } catch (error) {
      return { kind: "skip", reason: `not a valid certificate: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (only.crl === true) return { kind: "skip", reason: "CRLs are not linked (sslkit reads no CRLs; openssl rehash links them as <hash>.r<n>)" };
  return { kind: "skip", reason: "it holds a key but no certificate" };
}

/**
 * Makes the `<hash>.<n>` symbolic links OpenSSL's `capath` look-up needs, with the algorithm of
 * `openssl rehash` (OpenSSL 3.0 `apps/rehash.c`), so the links are the same: file names read in
 * byte order; only `.pem`, `.crt`, `.cer` and `.crl` files holding exactly one certificate;
 * duplicates (same certificate) skipped; existing links whose number is still in range kept,
 * new ones numbered from the lowest free number, links to files that no longer need one removed.
 */
export function rehashDirectory(directory: string): RehashResult {
  const buckets = new Map<string, Bucket>();
  const skipped: { file: string; reason: string }[] = [];
  const bucketOf = (type: "" | "r", hash: number): Bucket => {
    const key = `${type}${hash}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { type, hash, entries: [], needed: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  const addEntry = (bucket: Bucket, filename: string, fingerprint: string | null, needSymlink: boolean, oldId: number): void => {
    let found: Entry | undefined;
    for (const entry of bucket.entries) {
      if (fingerprint !== null && entry.fingerprint === fingerprint) {
        skipped.push({ file: filename, reason: "duplicate certificate" });
        return;
      }
      if (entry.filename === filename) {
        found = entry;
        if (fingerprint === null) break;
      }
    }
    if (found === undefined) {
      found = { filename, oldId: Number.POSITIVE_INFINITY, needSymlink: false, fingerprint: null };
      bucket.entries.push(found);
    }
    found.oldId = Math.min(found.oldId, oldId);
    if (needSymlink && !found.needSymlink) {
      found.needSymlink = true;
      found.fingerprint = fingerprint;
      bucket.needed++;
    }
  };

  const names = readdirSync(directory).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const path = join(directory, name);
    const link = LINK_NAME.exec(name);
    if (link !== null && lstatSync(path).isSymbolicLink()) {
      const [, hex = "", type = "", id = ""] = link;
      addEntry(bucketOf(type === "" ? "" : "r", Number.parseInt(hex, 16)), readlinkSync(path), null, false, id === "" ? 0 : Number(id));
      continue;
    }
    const dot = name.lastIndexOf(".");
    if (dot === -1 || !EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) continue;
    const content = readContent(path);
    if (content.kind === "skip") skipped.push({ file: name, reason: content.reason });
    if (content.kind !== "certificate") continue;
    addEntry(bucketOf("", content.certificate.subjectNameHash), name, content.certificate.fingerprintSHA256, true, Number.POSITIVE_INFINITY);
  }

  const links: HashLink[] = [];
  const removed: string[] = [];
  for (const bucket of buckets.values()) {
    const linkName = (id: number): string => `${bucket.hash.toString(16).padStart(8, "0")}.${bucket.type}${id}`;
    const used = new Set(bucket.entries.filter((entry) => entry.oldId < bucket.needed).map((entry) => entry.oldId));
    let next = 0;
    for (const entry of bucket.entries) {
      if (entry.oldId < bucket.needed) {
        links.push({ link: linkName(entry.oldId), target: entry.filename, kept: true });
      } else if (entry.needSymlink) {
        while (used.has(next)) next++;
        const path = join(directory, linkName(next));
        try {
          unlinkSync(path);
        } catch (error) {
          if ((error as { code?: unknown }).code !== "ENOENT") throw error;
        }
        symlinkSync(entry.filename, path);
        used.add(next);
        links.push({ link: linkName(next), target: entry.filename, kept: false });
      } else {
        try {
          unlinkSync(join(directory, linkName(entry.oldId)));
          removed.push(linkName(entry.oldId));
        } catch (error) {
          if ((error as { code?: unknown }).code !== "ENOENT") throw error;
        }
      }
    }
  }
  links.sort((a, b) => (a.link < b.link ? -1 : a.link > b.link ? 1 : 0));
  return { directory, links, removed, skipped };
}
