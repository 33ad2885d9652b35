import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { makeTempDir, runOpenSSL, runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";

/** Key algorithms the PKI helper can generate with `openssl genpkey`. */
export type KeyType = "ec256" | "ec384" | "ec521" | "rsa2048" | "rsa1024" | "ed25519" | "ed448" | "ec192";

/** What to put in one certificate; every field has a Web PKI-conformant default. */
export interface CertSpec {
  /** `openssl -subj` syntax, e.g. `/CN=leaf`; `""` for an empty subject. */
  readonly subject: string;
  /** Name of the issuing certificate made earlier; absent for a self-signed certificate. */
  readonly issuer?: string;
  /** Key name; defaults to the certificate's own name (a fresh key). */
  readonly key?: string;
  readonly keyType?: KeyType;
  /** `openssl x509v3_config` lines. */
  readonly ext: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
  /** Digest for the signature. @defaultValue "sha256" */
  readonly md?: string;
  readonly serial?: string;
  /** Extra `-sigopt` pairs, e.g. `rsa_padding_mode:pss`. */
  readonly sigopts?: readonly string[];
}

export const ROOT_EXT: readonly string[] = ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash"];
export const CA_EXT: readonly string[] = [...ROOT_EXT, "authorityKeyIdentifier=keyid:always"];
export const LEAF_EXT: readonly string[] = [
  "keyUsage=critical,digitalSignature",
  "extendedKeyUsage=serverAuth",
  "subjectAltName=DNS:example.com,DNS:*.example.com",
  "subjectKeyIdentifier=hash",
  "authorityKeyIdentifier=keyid:always",
];

const GENPKEY: Record<KeyType, string[]> = {
  ec256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  ec384: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
  ec521: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
  ec192: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-192"],
  rsa2048: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  rsa1024: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
  ed25519: ["-algorithm", "ED25519"],
  ed448: ["-algorithm", "ED448"],
};

/** A throw-away certificate authority driven by the `openssl` CLI (`openssl ca`, any dates). */
export class OpenSSLPKI {
  readonly dir: TempDir;
  #serial = 0x1000;
  #config: string;

  constructor() {
    this.dir = makeTempDir("sslkit-verify-");
    mkdirSync(this.dir.file("newcerts"));
    writeFileSync(this.dir.file("index.txt"), "");
    writeFileSync(this.dir.file("crlnumber"), "1000\n");
    this.#config = this.dir.file("ca.cnf");
    writeFileSync(
      this.#config,
      [
        "[ca]",
        "default_ca = ca_default",
        "[ca_default]",
        `database = ${this.dir.file("index.txt")}`,
        `new_certs_dir = ${this.dir.file("newcerts")}`,
        `serial = ${this.dir.file("serial")}`,
        `crlnumber = ${this.dir.file("crlnumber")}`,
        "default_md = sha256",
        "policy = policy_any",
        "unique_subject = no",
        "email_in_dn = yes",
        "copy_extensions = none",
        "[policy_any]",
        "countryName = optional",
        "organizationName = optional",
        "organizationalUnitName = optional",
        "commonName = optional",
        "emailAddress = optional",
        "[req]",
        "distinguished_name = dn",
        "[dn]",
        "",
      ].join("\n"),
    );
  }

  path(name: string, suffix = "pem"): string {
    return this.dir.file(`${name}.${suffix}`);
  }

  async key(name: string, type: KeyType = "ec256"): Promise<void> {
    await runOpenSSL(["genpkey", ...GENPKEY[type], "-out", this.path(name, "key")]);
  }

  /** Issues a certificate and returns its PEM text. */
  async cert(name: string, spec: CertSpec): Promise<string> {
    const keyName = spec.key ?? name;
    if (spec.key === undefined) await this.key(keyName, spec.keyType ?? "ec256");
    const csr = this.path(name, "csr");
    await runOpenSSL(["req", "-new", "-config", this.#config, "-key", this.path(keyName, "key"), "-subj", spec.subject === "" ? "/" : spec.subject, "-out", csr]);
    const extfile = this.path(name, "ext");
    writeFileSync(extfile, `${spec.ext.join("\n")}\n`);
    writeFileSync(this.dir.file("serial"), `${spec.serial ?? (this.#serial++).toString(16).padStart(4, "0")}\n`);
    const args = [
      "ca", "-batch", "-notext", "-config", this.#config, "-in", csr, "-out", this.path(name),
      "-startdate", spec.notBefore ?? "20240101000000Z", "-enddate", spec.notAfter ?? "20340101000000Z",
      "-md", spec.md ?? "sha256", "-preserveDN", "-extfile", extfile,
      ...(spec.subject === "" ? [] : ["-subj", spec.subject, "-multivalue-rdn"]),
      ...(spec.sigopts ?? []).flatMap((opt) => ["-sigopt", opt]),
    ];
    if (spec.issuer === undefined) args.push("-selfsign", "-keyfile", this.path(keyName, "key"));
    else args.push("-cert", this.path(spec.issuer), "-keyfile", this.path(this.keyOf(spec.issuer), "key"));
    await runOpenSSL(args);
    this.#keys.set(name, keyName);
    return this.pem(name);
  }

  #keys = new Map<string, string>();

  /** Marks a certificate made earlier as revoked in the CA database. */
  async revoke(name: string, issuer: string): Promise<void> {
    await runOpenSSL(["ca", "-batch", "-config", this.#config, "-revoke", this.path(name), "-cert", this.path(issuer), "-keyfile", this.path(this.keyOf(issuer), "key")]);
  }

  /** Issues a CRL signed by `issuer` listing every certificate revoked so far; returns its PEM. */
  async crl(issuer: string, lastUpdate = "20260101000000Z", nextUpdate = "20270101000000Z"): Promise<string> {
    const out = this.path(`${issuer}-${lastUpdate}-${nextUpdate}`, "crl");
    await runOpenSSL(["ca", "-batch", "-gencrl", "-config", this.#config, "-cert", this.path(issuer), "-keyfile", this.path(this.keyOf(issuer), "key"), "-crl_lastupdate", lastUpdate, "-crl_nextupdate", nextUpdate, "-md", "sha256", "-out", out]);
    return readFileSync(out, "utf8");
  }

  keyOf(name: string): string {
    return this.#keys.get(name) ?? name;
  }

  pem(name: string): string {
    const text = readFileSync(this.path(name), "utf8");
    return text.slice(text.indexOf("-----BEGIN"));
  }

  der(name: string): Uint8Array {
    const pem = this.pem(name);
    const body = pem.replace(/-----[^-]+-----/gu, "").replace(/\s+/gu, "");
    return new Uint8Array(Buffer.from(body, "base64"));
  }

  /** Writes PEM text to a file for `openssl verify` and returns its path. */
  write(name: string, pems: readonly string[]): string {
    const file = this.dir.file(`${name}.bundle.pem`);
    writeFileSync(file, pems.join(""));
    return file;
  }

  remove(): void {
    this.dir.remove();
  }
}

/** What `openssl verify` concluded: `code` 0 when it printed OK. */
export interface OpenSSLVerdict {
  readonly code: number;
  readonly depth: number;
  readonly message: string;
}

/**
 * Runs `openssl verify -x509_strict -purpose sslserver -attime … -partial_chain` (a trust anchor
 * need not be self-signed, as in verifyChain) and returns the first error it reports.
 */
export async function opensslVerify(pki: OpenSSLPKI, leafPem: string, intermediates: readonly string[], anchors: readonly string[], options: { time: Date; hostname?: string; purpose?: string; crls?: readonly string[] }): Promise<OpenSSLVerdict> {
  const args = ["verify", "-x509_strict", "-partial_chain", "-attime", String(Math.floor(options.time.getTime() / 1000))];
  if (options.crls !== undefined && options.crls.length > 0) args.push("-crl_check", "-CRLfile", pki.write(`crls-${Math.random().toString(36).slice(2)}`, options.crls));
  if (options.purpose !== "any") args.push("-purpose", options.purpose ?? "sslserver");
  args.push("-CAfile", pki.write(`anchors-${Math.random().toString(36).slice(2)}`, anchors.length === 0 ? [] : anchors));
  if (intermediates.length > 0) args.push("-untrusted", pki.write(`untrusted-${Math.random().toString(36).slice(2)}`, intermediates));
  if (options.hostname !== undefined) args.push(options.hostname.includes(":") || /^\d+\.\d+\.\d+\.\d+$/u.test(options.hostname) ? "-verify_ip" : "-verify_hostname", options.hostname);
  args.push(pki.write(`leaf-${Math.random().toString(36).slice(2)}`, [leafPem]));
  const result = await runProcess("openssl", args);
  const text = `${result.stdout.toString("utf8")}\n${result.stderr}`;
  const match = /error (\d+) at (\d+) depth lookup: ([^\n]*)/u.exec(text);
  if (match !== null) return { code: Number(match[1]), depth: Number(match[2]), message: match[3] ?? "" };
  if (result.status === 0 && /: OK/u.test(text)) return { code: 0, depth: 0, message: "ok" };
  throw new Error(`unexpected openssl verify output: ${text}`);
}
