import { decodePEM, derToPEM } from "@sslkit/pem";
import type { PEMBlock } from "@sslkit/pem";
import { invalidArgTypeError, invalidArgValueError, outOfRangeError } from "@sslkit/errors";
import { assertKeyType, createKeyPair } from "./create-key-pair.js";
import type { KeyPair, KeyType, WebCryptoKey } from "./create-key-pair.js";
import { inetPton6 } from "./internal/ip-address.js";
import { signingParams } from "./internal/key-algorithms.js";
import type { WebAlgorithm } from "./internal/key-algorithms.js";
import { loadPeculiar } from "./internal/load-peculiar.js";
import type { Peculiar } from "./internal/load-peculiar.js";
import { getWebCrypto } from "./internal/webcrypto.js";
import type { WebCrypto } from "./internal/webcrypto.js";
import { KEY_USAGE_BITS } from "./internal/key-usage-bits.js";

/** Subject attributes, named as in CPython's certificate dict (OpenSSL long names). */
export interface CertificateSubject {
  /** `CN`, e.g. `"localhost"` or `"sslkit test CA"`. */
  readonly commonName?: string;
  /** `O`. */
  readonly organizationName?: string;
  /** `OU`. */
  readonly organizationalUnitName?: string;
  /** `C`: two capital letters, e.g. `"US"`. */
  readonly countryName?: string;
  /** `ST`. */
  readonly stateOrProvinceName?: string;
  /** `L`. */
  readonly localityName?: string;
  /** PKCS #9 `emailAddress` (ASCII). */
  readonly emailAddress?: string;
}

/** One subjectAltName entry: `dns` (may start with `*.`), `ip` (IPv4 or IPv6), `email` or `uri`. */
export interface SubjectAltName {
  /** The GeneralName kind. */
  readonly type: "dns" | "ip" | "email" | "uri";
  /** ASCII text (IDNs as A-labels); an IPv4/IPv6 address for `ip`. */
  readonly value: string;
}

/** The CA that signs a new certificate: a previous {@link CreateCertificateResult} fits as is. */
export interface CertificateIssuer {
  /** The issuer's certificate, PEM text or DER bytes. */
  readonly certificate: string | Uint8Array;
  /** The issuer's private key: PKCS #8 PEM text or DER bytes, or a WebCrypto private key. */
  readonly privateKey: string | Uint8Array | WebCryptoKey;
  /** Used instead of importing `privateKey` when present (as in a {@link CreateCertificateResult}). */
  readonly keyPair?: KeyPair;
}

/** Extended key usages by name; a dotted OID is accepted too. */
export type ExtendedKeyUsageName = "serverAuth" | "clientAuth" | "codeSigning" | "emailProtection" | "timeStamping" | "OCSPSigning";

/** Key usage bits by their RFC 5280 names. */
export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";

/** The validity period of a certificate. */
export interface CertificateValidity {
  /** Start of validity (whole seconds; years 1950–9999). @defaultValue five minutes ago */
  readonly notBefore?: Date;
  /** End of validity, not before `notBefore`. @defaultValue `notBefore` + 365 days */
  readonly notAfter?: Date;
}

/** Options of {@link createCertificate}. */
export interface CreateCertificateOptions {
  /** The subject name; at least one attribute. */
  readonly subject: CertificateSubject;
  /** Who signs the certificate. @defaultValue none: the certificate is self-signed */
  readonly issuer?: CertificateIssuer;
  /** Makes a CA certificate (basicConstraints `CA:TRUE`, keyUsage keyCertSign + cRLSign). @defaultValue `false` */
  readonly isCA?: boolean;
  /** basicConstraints pathLenConstraint of a CA (0 = may only issue leaves). @defaultValue unlimited */
  readonly pathLength?: number;
  /** subjectAltName entries, in order. @defaultValue none */
  readonly subjectAltNames?: readonly SubjectAltName[];
  /** Key type of a new key pair. @defaultValue `"ec-p256"` */
  readonly keyType?: KeyType;
  /** Use this key pair instead of generating one (`keyType` is then ignored). */
  readonly keyPair?: KeyPair;
  /** The validity period. */
  readonly validity?: CertificateValidity;
  /** A positive serial number of at most 20 octets. @defaultValue 16 random bytes */
  readonly serialNumber?: bigint | number;
  /** extKeyUsage entries. @defaultValue `["serverAuth", "clientAuth"]` for a leaf, none for a CA */
  readonly extendedKeyUsage?: readonly (ExtendedKeyUsageName | `${number}.${number}.${string}`)[];
  /** keyUsage bits (a critical extension). @defaultValue CA: `digitalSignature, keyCertSign, cRLSign`; leaf: `digitalSignature` (+ `keyEncipherment` for RSA) */
  readonly keyUsage?: readonly KeyUsageName[];
}

/** What {@link createCertificate} returns; pass it as `issuer` to sign further certificates. */
export interface CreateCertificateResult {
  /** The certificate as PEM text (one `CERTIFICATE` block, as Python's `DER_cert_to_PEM_cert` writes it). */
  readonly certificate: string;
  /** The certificate's private key as unencrypted PKCS #8 PEM. */
  readonly privateKey: string;
  /** The certificate as DER bytes. */
  readonly der: Uint8Array;
  /** The certificate's key pair (WebCrypto keys and PEM). */
  readonly keyPair: KeyPair;
  /** The serial number as CPython's dict prints it: upper-case hex, two digits per byte. */
  readonly serialNumber: string;
  /** Start of validity, truncated to whole seconds as encoded. */
  readonly notBefore: Date;
  /** End of validity, truncated to whole seconds as encoded. */
  readonly notAfter: Date;
}

const SUBJECT_ATTRIBUTES = [
  ["countryName", "2.5.4.6", "printableString"],
  ["stateOrProvinceName", "2.5.4.8", "utf8String"],
  ["localityName", "2.5.4.7", "utf8String"],
  ["organizationName", "2.5.4.10", "utf8String"],
  ["organizationalUnitName", "2.5.4.11", "utf8String"],
  ["commonName", "2.5.4.3", "utf8String"],
  ["emailAddress", "1.2.840.113549.1.9.1", "ia5String"],
] as const;

const EKU_OIDS: Readonly<Record<ExtendedKeyUsageName, string>> = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
};


const DAY_MS = 86_400_000;
const MAX_SERIAL = 2n ** 159n; // 20 octets, the first one below 0x80
const MIN_TIME = Date.UTC(1950, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);
const OID_PATTERN = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const ASCII_PRINTABLE = /^[\x20-\x7e]+$/;

/** Validated, normalised options. */
interface Plan {
  readonly subject: Record<string, { readonly [stringType: string]: string }[]>[];
  readonly isCA: boolean;
  readonly pathLength: number | undefined;
  readonly altNames: { readonly type: "dns" | "ip" | "email" | "url"; readonly value: string }[];
  readonly keyType: KeyType;
  readonly keyPair: KeyPair | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialHex: string;
  readonly extendedKeyUsage: readonly string[] | undefined;
  readonly keyUsage: number | undefined;
  readonly issuer: CertificateIssuer | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function planSubject(subject: unknown): Plan["subject"] {
  if (!isObject(subject)) throw invalidArgTypeError("options.subject", "of type object", subject);
  const rdns: Plan["subject"] = [];
  for (const [name, oid, stringType] of SUBJECT_ATTRIBUTES) {
    const value = subject[name];
    if (value === undefined) continue;
    const argName = `options.subject.${name}`;
    if (typeof value !== "string") throw invalidArgTypeError(argName, "of type string", value);
    if (value === "") throw invalidArgValueError(argName, value, "must not be empty");
    if (value.includes("\0")) throw invalidArgValueError(argName, value, "must not contain NUL");
    if (name === "countryName" && !/^[A-Z]{2}$/.test(value)) throw invalidArgValueError(argName, value, "must be two capital letters");
    if (name === "emailAddress" && !ASCII_PRINTABLE.test(value)) throw invalidArgValueError(argName, value, "must be printable ASCII");
    rdns.push({ [oid]: [{ [stringType]: value }] });
  }
  const unknown = Object.keys(subject).filter((key) => !SUBJECT_ATTRIBUTES.some(([name]) => name === key));
  if (unknown.length > 0) throw invalidArgValueError("options.subject", unknown[0], "has an unknown attribute");
  if (rdns.length === 0) throw invalidArgValueError("options.subject", subject, "must have at least one attribute");
  return rdns;
}

/** Returns an IP address in a form @peculiar/x509 encodes reliably (dotted quad or 8 hex groups). */
function normaliseIP(value: string): string | undefined {
  if (/^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/.test(value)) {
    return value.split(".").every((part) => Number(part) <= 255) ? value : undefined;
  }
  const bytes = inetPton6(value);
  if (bytes === undefined) return undefined;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(":");
}

function planAltNames(altNames: unknown): Plan["altNames"] {
  if (altNames === undefined) return [];
  if (!Array.isArray(altNames)) throw invalidArgTypeError("options.subjectAltNames", "an array", altNames);
  return altNames.map((entry: unknown, i) => {
    const argName = `options.subjectAltNames[${i}]`;
    if (!isObject(entry)) throw invalidArgTypeError(argName, "of type object", entry);
    const { type, value } = entry;
    if (typeof value !== "string") throw invalidArgTypeError(`${argName}.value`, "of type string", value);
    if (!ASCII_PRINTABLE.test(value)) throw invalidArgValueError(`${argName}.value`, value, "must be non-empty printable ASCII");
    switch (type) {
      case "dns":
      case "email":
        return { type, value };
      case "uri":
        return { type: "url" as const, value };
      case "ip": {
        const ip = normaliseIP(value);
        if (ip === undefined) throw invalidArgValueError(`${argName}.value`, value, "must be an IPv4 or IPv6 address");
        return { type, value: ip };
      }
      default:
        throw invalidArgValueError(`${argName}.type`, type, "must be 'dns', 'ip', 'email' or 'uri'");
    }
  });
}

function planDate(value: unknown, name: string, fallback: number): Date {
  if (value === undefined) return new Date(Math.floor(fallback / 1000) * 1000);
  if (!(value instanceof Date)) throw invalidArgTypeError(name, "an instance of Date", value);
  const time = value.getTime();
  if (!(time >= MIN_TIME && time <= MAX_TIME)) throw outOfRangeError(name, "a date from 1950 to 9999", value);
  return new Date(Math.floor(time / 1000) * 1000);
}

function planSerial(value: unknown, webcrypto: WebCrypto): string {
  if (value === undefined) {
    const bytes = webcrypto.getRandomValues(new Uint8Array(16));
    // Positive, and exactly 16 significant bytes: 0x40..0x7f first.
    bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
  }
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw outOfRangeError("options.serialNumber", "a safe integer or a bigint", value);
  }
  if (typeof value !== "bigint" && typeof value !== "number") {
    throw invalidArgTypeError("options.serialNumber", "of type bigint or number", value);
  }
  const serial = BigInt(value);
  if (serial < 1n || serial >= MAX_SERIAL) throw outOfRangeError("options.serialNumber", ">= 1 and < 2 ** 159 (20 octets)", value);
  const hex = serial.toString(16).toUpperCase();
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

function planNames<T extends string>(value: unknown, name: string, accept: (item: string) => T | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidArgTypeError(name, "an array", value);
  return value.map((item: unknown, i) => {
    if (typeof item !== "string") throw invalidArgTypeError(`${name}[${i}]`, "of type string", item);
    const accepted = accept(item);
    if (accepted === undefined) throw invalidArgValueError(`${name}[${i}]`, item, "is not a known name");
    return accepted;
  });
}

function plan(options: unknown, webcrypto: WebCrypto): Plan {
  if (!isObject(options)) throw invalidArgTypeError("options", "of type object", options);
  const isCA = options.isCA ?? false;
  if (typeof isCA !== "boolean") throw invalidArgTypeError("options.isCA", "of type boolean", isCA);
  const { pathLength } = options;
  if (pathLength !== undefined) {
    if (typeof pathLength !== "number") throw invalidArgTypeError("options.pathLength", "of type number", pathLength);
    if (!Number.isInteger(pathLength) || pathLength < 0 || pathLength > 2 ** 31 - 1) {
      throw outOfRangeError("options.pathLength", "an integer >= 0 and <= 2147483647", pathLength);
    }
    if (!isCA) throw invalidArgValueError("options.pathLength", pathLength, "needs isCA: true");
  }
  const keyPair = options.keyPair;
  if (keyPair !== undefined && (!isObject(keyPair) || !isObject(keyPair.privateKey) || !isObject(keyPair.publicKey))) {
    throw invalidArgTypeError("options.keyPair", "a KeyPair from createKeyPair()", keyPair);
  }
  const keyType = keyPair === undefined ? (options.keyType ?? "ec-p256") : keyPair.keyType;
  assertKeyType(keyType, keyPair === undefined ? "options.keyType" : "options.keyPair.keyType");
  const validity = options.validity ?? {};
  if (!isObject(validity)) throw invalidArgTypeError("options.validity", "of type object", validity);
  const notBefore = planDate(validity.notBefore, "options.validity.notBefore", Date.now() - 5 * 60_000);
  const notAfter = planDate(validity.notAfter, "options.validity.notAfter", notBefore.getTime() + 365 * DAY_MS);
  if (notAfter < notBefore) throw outOfRangeError("options.validity.notAfter", "not before options.validity.notBefore", validity.notAfter);
  const issuer = options.issuer;
  if (issuer !== undefined && !isObject(issuer)) throw invalidArgTypeError("options.issuer", "of type object", issuer);
  const extendedKeyUsage = planNames(options.extendedKeyUsage, "options.extendedKeyUsage", (item) =>
    item in EKU_OIDS ? EKU_OIDS[item as ExtendedKeyUsageName] : OID_PATTERN.test(item) ? item : undefined,
  );
  const keyUsageNames = planNames(options.keyUsage, "options.keyUsage", (item) => (item in KEY_USAGE_BITS ? (item as KeyUsageName) : undefined));
  return {
    subject: planSubject(options.subject),
    isCA,
    pathLength,
    altNames: planAltNames(options.subjectAltNames),
    keyType,
    keyPair: keyPair as KeyPair | undefined,
    notBefore,
    notAfter,
    serialHex: planSerial(options.serialNumber, webcrypto),
    extendedKeyUsage,
    keyUsage: keyUsageNames?.reduce((bits, name) => bits | KEY_USAGE_BITS[name], 0),
    issuer: issuer as CertificateIssuer | undefined,
  };
}

function singleDER(input: unknown, name: string, label: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (typeof input !== "string") throw invalidArgTypeError(name, "a PEM string or a Uint8Array", input);
  let blocks: PEMBlock[];
  try {
    blocks = decodePEM(input).filter((block) => block.label === label);
  } catch {
    blocks = [];
  }
  if (blocks.length !== 1 || blocks[0] === undefined) {
    throw invalidArgValueError(name, input, `must hold exactly one "${label}" PEM block`);
  }
  return blocks[0].der;
}

function jwkPublicParts(jwk: Readonly<Record<string, unknown>>): string {
  return JSON.stringify([jwk.kty, jwk.crv, jwk.x, jwk.y, jwk.n, jwk.e]);
}

/** The issuer's name, signing key, signature algorithm and key identifier. */
interface Signer {
  readonly name: InstanceType<Peculiar["Name"]> | undefined;
  readonly key: WebCryptoKey;
  readonly sign: WebAlgorithm;
  readonly keyIdHex: string | undefined;
}

/** Signers already prepared, per issuer object, valid while its three fields stay the same. */
const signerCache = new WeakMap<CertificateIssuer, { readonly fields: readonly unknown[]; readonly signer: Promise<Signer> }>();

/** Returns the issuer's signer, parsing and checking an issuer object only once (chains reuse one CA). */
function cachedIssuerSigner(x509: Peculiar, issuer: CertificateIssuer, webcrypto: WebCrypto): Promise<Signer> {
  const fields = [issuer.certificate, issuer.privateKey, issuer.keyPair];
  const cached = signerCache.get(issuer);
  if (cached?.fields.every((field, i) => field === fields[i]) === true) return cached.signer;
  const signer = issuerSigner(x509, issuer, webcrypto);
  signerCache.set(issuer, { fields, signer });
  // A rejected signer is not kept: the next call reports the problem afresh.
  signer.catch(() => signerCache.delete(issuer));
  return signer;
}

async function issuerSigner(x509: Peculiar, issuer: CertificateIssuer, webcrypto: WebCrypto): Promise<Signer> {
  const der = singleDER(issuer.certificate, "options.issuer.certificate", "CERTIFICATE");
  let certificate: InstanceType<Peculiar["X509Certificate"]>;
  let publicKey: WebCryptoKey;
  try {
    certificate = new x509.X509Certificate(der);
    publicKey = (await certificate.publicKey.export(webcrypto)) as WebCryptoKey;
  } catch {
    throw invalidArgValueError("options.issuer.certificate", issuer.certificate, "is not an X.509 certificate with a supported key");
  }
  const params = signingParams(publicKey.algorithm);
  if (params === undefined) {
    throw invalidArgValueError("options.issuer.certificate", issuer.certificate, `has a ${publicKey.algorithm.name} key, which cannot sign here`);
  }
  let key: WebCryptoKey;
  const supplied = issuer.keyPair?.privateKey ?? issuer.privateKey;
  if (typeof supplied === "string" || supplied instanceof Uint8Array) {
    const pkcs8 = singleDER(supplied, "options.issuer.privateKey", "PRIVATE KEY");
    try {
      key = await webcrypto.subtle.importKey("pkcs8", pkcs8, params.importParams, true, ["sign"]);
    } catch {
      throw invalidArgValueError("options.issuer.privateKey", "(PKCS #8 key)", `is not a PKCS #8 ${publicKey.algorithm.name} private key`);
    }
  } else if (isObject(supplied) && typeof (supplied as { type?: unknown }).type === "string") {
    key = supplied;
  } else {
    throw invalidArgTypeError("options.issuer.privateKey", "a PEM string, a Uint8Array or a CryptoKey", supplied);
  }
  if (key.type !== "private" || key.algorithm.name !== publicKey.algorithm.name) {
    throw invalidArgValueError("options.issuer.privateKey", "(key)", "does not match options.issuer.certificate");
  }
  if (key.extractable) {
    // A private JWK carries the public values, so a mismatched pair is caught before signing.
    const [privateJwk, publicJwk] = await Promise.all([webcrypto.subtle.exportKey("jwk", key), webcrypto.subtle.exportKey("jwk", publicKey)]);
    if (jwkPublicParts(privateJwk as Record<string, unknown>) !== jwkPublicParts(publicJwk as Record<string, unknown>)) {
      throw invalidArgValueError("options.issuer.privateKey", "(key)", "does not match options.issuer.certificate");
    }
  }
  const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  const keyIdHex = ski?.keyId ?? toHex(await certificate.publicKey.getKeyIdentifier(webcrypto));
  return { name: certificate.subjectName, key, sign: params.sign, keyIdHex };
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Creates an X.509 v3 certificate (self-signed, or signed by `options.issuer`) with a new key,
 * using WebCrypto (`globalThis.crypto`) and `@peculiar/x509`; runs in browsers as well as Node.
 *
 * Roots, intermediates and leaves for tests and demos: EC P-256 keys by default (fast), P-384,
 * Ed25519 and RSA 2048–4096 on request; SHA-256 signatures (SHA-384 for a P-384 issuer).
 * Every certificate gets a critical basicConstraints, a critical keyUsage and a
 * subjectKeyIdentifier; issued ones an authorityKeyIdentifier; leaves the EKUs serverAuth and
 * clientAuth unless `extendedKeyUsage` says otherwise. The output is accepted by `openssl verify`
 * and `node:tls`. The issuer need not be a CA, and dates may lie in the past or the future, so
 * tests of verifiers can build broken chains on purpose.
 *
 * @param options - Subject, issuer, CA flag, names, key and validity; see {@link CreateCertificateOptions}.
 * @returns PEM and DER of the certificate, its PKCS #8 private key and the WebCrypto key pair.
 * @throws `TypeError` `ERR_INVALID_ARG_TYPE` when an option has the wrong type.
 * @throws `TypeError` `ERR_INVALID_ARG_VALUE` for an unknown key type, subject attribute, SAN kind, EKU or key usage name, an invalid IP address, non-ASCII names, `pathLength` without `isCA`, or an issuer certificate/key that cannot be used (unparseable, unsupported key, not matching each other).
 * @throws `RangeError` `ERR_OUT_OF_RANGE` for a negative or non-integer `pathLength`, a serial number outside 1 … 2^159 − 1, dates outside 1950–9999, or `notAfter` before `notBefore`.
 * @throws {@link @sslkit/errors!X509Error} `ERR_SSLKIT_X509_NO_WEBCRYPTO` if the runtime has no `globalThis.crypto.subtle`.
 * @see Python has no equivalent (CPython's tests ship pre-made certificates); OpenSSL `openssl req -x509` / `openssl x509 -req`.
 * @example
 * ```ts
 * const ca = await createCertificate({ subject: { commonName: "Test CA" }, isCA: true });
 * const leaf = await createCertificate({
 *   subject: { commonName: "localhost" },
 *   issuer: ca,
 *   subjectAltNames: [{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }],
 * });
 * // tls.createServer({ cert: leaf.certificate, key: leaf.privateKey }) — clients trust ca.certificate
 * ```
 */
export async function createCertificate(options: CreateCertificateOptions): Promise<CreateCertificateResult> {
  const webcrypto = getWebCrypto();
  const p = plan(options, webcrypto);
  const [x509, keyPair] = await Promise.all([loadPeculiar(), p.keyPair ?? createKeyPair(p.keyType)]);
  const ownKeyId = await keyIdOfKey(x509, keyPair.publicKey, webcrypto);
  const signer: Signer =
    p.issuer === undefined
      ? { name: undefined, key: keyPair.privateKey, sign: selfSignParams(keyPair), keyIdHex: ownKeyId }
      : await cachedIssuerSigner(x509, p.issuer, webcrypto);

  const isRSA = keyPair.keyType.startsWith("rsa-");
  const defaultUsage = p.isCA
    ? KEY_USAGE_BITS.digitalSignature | KEY_USAGE_BITS.keyCertSign | KEY_USAGE_BITS.cRLSign
    : KEY_USAGE_BITS.digitalSignature | (isRSA ? KEY_USAGE_BITS.keyEncipherment : 0);
  const extensions: InstanceType<Peculiar["Extension"]>[] = [
    new x509.BasicConstraintsExtension(p.isCA, p.pathLength, true),
    // A combination of KeyUsageFlags bits is a plain number; the enum type cannot express it.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
    new x509.KeyUsagesExtension(p.keyUsage ?? defaultUsage, true),
    new x509.SubjectKeyIdentifierExtension(ownKeyId),
  ];
  if (signer.keyIdHex !== undefined) extensions.push(new x509.AuthorityKeyIdentifierExtension(signer.keyIdHex));
  const eku = p.extendedKeyUsage ?? (p.isCA ? [] : [EKU_OIDS.serverAuth, EKU_OIDS.clientAuth]);
  if (eku.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension([...eku]));
  if (p.altNames.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(p.altNames));

  const subjectName = new x509.Name(p.subject);
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: p.serialHex,
      subject: subjectName,
      issuer: signer.name ?? subjectName,
      notBefore: p.notBefore,
      notAfter: p.notAfter,
      extensions,
      signingAlgorithm: signer.sign,
      publicKey: keyPair.publicKey,
      signingKey: signer.key,
    },
    webcrypto,
  );
  const der = new Uint8Array(certificate.rawData);
  return {
    certificate: derToPEM(der),
    privateKey: keyPair.privateKeyPEM,
    der,
    keyPair,
    serialNumber: p.serialHex,
    notBefore: p.notBefore,
    notAfter: p.notAfter,
  };
}

function selfSignParams(keyPair: KeyPair): WebAlgorithm {
  const params = signingParams(keyPair.privateKey.algorithm);
  if (params === undefined) throw invalidArgValueError("options.keyPair", keyPair.keyType, "cannot sign");
  return params.sign;
}

async function keyIdOfKey(x509: Peculiar, publicKey: WebCryptoKey, webcrypto: WebCrypto): Promise<string> {
  const key = await x509.PublicKey.create(publicKey, webcrypto);
  return toHex(await key.getKeyIdentifier(webcrypto));
}
