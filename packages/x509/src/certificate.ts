import { derToPEM } from "@sslkit/pem";
import { invalidArgTypeError } from "@sslkit/errors";
import type { DistinguishedName, PeerCertDict } from "./peer-cert-dict.js";
import { parseASN1Time } from "./internal/asn1-time.js";
import { certificateDER } from "./internal/certificate-input.js";
import { DerReader, hexUpper } from "./internal/der.js";
import { parseSingleCertificate } from "./internal/der-certificate.js";
import type { ParsedCertificate } from "./internal/der-certificate.js";
import {
  parseAuthorityInfoAccess,
  parseAuthorityKeyIdentifier,
  parseBasicConstraints,
  parseCertificatePolicies,
  parseCRLDistributionPoints,
  parseExtension,
  parseExtKeyUsage,
  parseGeneralNamesExtension,
  parseKeyUsage,
  parseNameConstraints,
  parseSubjectKeyIdentifier,
} from "./internal/der-extensions.js";
import type {
  AuthorityInfoAccess,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CertificateKeyUsage,
  DistributionPoint,
  GeneralName,
  NameConstraints,
  PolicyInformation,
} from "./internal/der-extensions.js";
import { integerValue } from "./internal/der-integer.js";
import { nameToRDNs } from "./internal/der-name.js";
import { canonicalNameEncoding, nameHash } from "./internal/name-canon.js";
import { oidLongName, oidShortName, oidToDotted } from "./internal/oids.js";
import { buildPeerCertDict, serialText, versionNumber } from "./internal/peer-cert-dict-builder.js";
import { readPublicKeyInfo } from "./internal/public-key-info.js";
import type { PublicKeyInfo } from "./internal/public-key-info.js";
import { nameToRFC4514 } from "./internal/rfc4514.js";
import { sha1, sha256 } from "./internal/sha.js";

/** One extension of a certificate, raw: enough to check unknown critical extensions. */
export interface CertificateExtension {
  /** The extension OID, dotted (`"2.5.29.17"`). */
  readonly oid: string;
  /** OpenSSL's short name for the OID (`"subjectAltName"`), or `undefined` when unknown. */
  readonly name: string | undefined;
  /** Whether the extension is marked critical (a verifier that does not know it must reject the certificate). */
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content (the DER of the extension's own structure). */
  readonly value: Uint8Array;
}

/** `Certificate.toJSON()`: the certificate's fields as JSON-safe values. */
export interface CertificateJSON {
  /** The subject as an RFC 4514 string ({@link Certificate.subjectString}). */
  readonly subject: string;
  /** The issuer as an RFC 4514 string ({@link Certificate.issuerString}). */
  readonly issuer: string;
  /** The serial number as upper-case hex, `-` when negative ({@link Certificate.serialHex}). */
  readonly serialNumber: string;
  /** Start of validity as an ISO 8601 string, or `null` when the time does not parse. */
  readonly notBefore: string | null;
  /** End of validity as an ISO 8601 string, or `null` when the time does not parse. */
  readonly notAfter: string | null;
  /** 1 for v1, 3 for v3 ({@link Certificate.version}). */
  readonly version: number;
  /** The key's algorithm, size and, for EC keys, curve ({@link Certificate.publicKey} without the DER). */
  readonly publicKey: {
    /** `"RSA"`, `"EC"`, `"Ed25519"`, …, or the dotted OID of an unknown algorithm. */
    readonly algorithm: string;
    /** Key size as OpenSSL's `EVP_PKEY_get_bits` reports it; 0 when unknown. */
    readonly bits: number;
    /** Named curve of an EC key (`"P-256"`, …); absent for other keys. */
    readonly curve?: string;
  };
  /** The outer signatureAlgorithm OID, dotted ({@link Certificate.signatureAlgorithmOID}). */
  readonly signatureAlgorithm: string;
  /** SHA-256 fingerprint of the DER, upper-case hex with colons. */
  readonly fingerprintSHA256: string;
  /** Whether Basic Constraints says `cA: TRUE`. */
  readonly isCA: boolean;
  /** Whether the certificate is self-issued as OpenSSL decides it ({@link Certificate.isSelfSigned}). */
  readonly isSelfSigned: boolean;
  /** The certificate as one PEM `CERTIFICATE` block. */
  readonly pem: string;
}

const OID = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
} as const;

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An X.509 certificate, decoded lazily from its DER by the same walker as {@link decodeCert}:
 * the constructor validates the structure; every field is computed on first access.
 *
 * @example
 * ```ts
 * const cert = new Certificate(await readFile("server.pem", "utf8"));
 * console.log(cert.subjectString, cert.notAfter, cert.publicKey, cert.fingerprintSHA256);
 * ```
 * @see Python has no certificate object in `ssl`; {@link Certificate.toDict} is `getpeercert()`.
 */
export class Certificate {
  readonly #der: Uint8Array;
  readonly #parsed: ParsedCertificate;
  #extensions: CertificateExtension[] | undefined;
  readonly #cache = new Map<string, unknown>();

  /**
   * Decodes a certificate.
   *
   * @param pemOrDer - PEM text (first CERTIFICATE block) or DER bytes (PEM bytes are recognised).
   * @throws TypeError `ERR_INVALID_ARG_TYPE` for anything but a string or Uint8Array.
   * @throws {@link @sslkit/errors!X509Error} every `ERR_SSLKIT_X509_*` decoding code of {@link decodeCert}.
   */
  constructor(pemOrDer: string | Uint8Array) {
    if (typeof pemOrDer !== "string" && !(pemOrDer instanceof Uint8Array)) {
      throw invalidArgTypeError("pemOrDer", "of type string or an instance of Uint8Array", pemOrDer);
    }
    const der = certificateDER(pemOrDer);
    // A private plain Uint8Array (not a Buffer, not the caller's array).
    this.#der = der === pemOrDer ? new Uint8Array(der) : der;
    this.#parsed = parseSingleCertificate(this.#der);
  }

  #memo<T>(key: string, compute: () => T): T {
    if (this.#cache.has(key)) return this.#cache.get(key) as T;
    const value = compute();
    this.#cache.set(key, value);
    return value;
  }

  /** The subject as CPython's RDN arrays of `[longName, value]` pairs. */
  get subject(): DistinguishedName {
    return this.#memo("subject", () => nameToRDNs(this.#der, this.#parsed.subjectStart, this.#parsed.subjectEnd));
  }

  /** The issuer as CPython's RDN arrays of `[longName, value]` pairs. */
  get issuer(): DistinguishedName {
    return this.#memo("issuer", () => nameToRDNs(this.#der, this.#parsed.issuerStart, this.#parsed.issuerEnd));
  }

  /** The subject as an RFC 4514 string (`"CN=example.com,O=Example,C=US"`). */
  get subjectString(): string {
    return this.#memo("subjectString", () => nameToRFC4514(this.#der, this.#parsed.subjectStart, this.#parsed.subjectEnd));
  }

  /** The issuer as an RFC 4514 string. */
  get issuerString(): string {
    return this.#memo("issuerString", () => nameToRFC4514(this.#der, this.#parsed.issuerStart, this.#parsed.issuerEnd));
  }

  /** The subject Name's DER (for exact comparisons and chain building). */
  get subjectDER(): Uint8Array {
    return this.#der.slice(this.#parsed.subjectStart, this.#parsed.subjectEnd);
  }

  /** The issuer Name's DER. */
  get issuerDER(): Uint8Array {
    return this.#der.slice(this.#parsed.issuerStart, this.#parsed.issuerEnd);
  }

  /** 1 for v1, 3 for v3 (as `version` of the CPython dict). */
  get version(): number {
    return versionNumber(this.#parsed);
  }

  /** The serial number, signed. */
  get serialNumber(): bigint {
    return this.#memo("serial", () => integerValue(this.#der, this.#parsed.serialValueStart, this.#parsed.serialValueEnd));
  }

  /** The serial number as CPython prints it: upper-case hex, `-` when negative (`"04D2"`). */
  get serialHex(): string {
    return serialText(this.#der, this.#parsed.serialValueStart, this.#parsed.serialValueEnd);
  }

  /** Start of validity; an invalid `Date` when the time does not parse (CPython: "Bad time value"). */
  get notBefore(): Date {
    const p = this.#parsed;
    return new Date(parseASN1Time(p.notBeforeBytes, p.notBeforeTag, p.notBeforeValueStart, p.notBeforeValueEnd)?.epochMs ?? Number.NaN);
  }

  /** End of validity; an invalid `Date` when the time does not parse. */
  get notAfter(): Date {
    const p = this.#parsed;
    return new Date(parseASN1Time(p.notAfterBytes, p.notAfterTag, p.notAfterValueStart, p.notAfterValueEnd)?.epochMs ?? Number.NaN);
  }

  /** Key algorithm, size and curve, plus the SubjectPublicKeyInfo DER. */
  get publicKey(): PublicKeyInfo {
    return this.#memo("publicKey", () => readPublicKeyInfo(this.#der, this.#parsed.spkiStart, this.#parsed.spkiEnd));
  }

  /** The TBSCertificate DER: the bytes the issuer signed. */
  get tbsCertificate(): Uint8Array {
    return this.#der.slice(this.#parsed.tbsStart, this.#parsed.tbsEnd);
  }

  /** The outer signatureAlgorithm OID, dotted (`"1.2.840.113549.1.1.11"`). */
  get signatureAlgorithmOID(): string {
    const reader = new DerReader(this.#der);
    const end = reader.read(this.#parsed.signatureAlgorithmStart, this.#parsed.signatureAlgorithmEnd);
    const oidEnd = reader.read(reader.valueStart, end);
    return oidToDotted(this.#der, reader.valueStart, oidEnd);
  }

  /**
   * OpenSSL's long name of the outer signature algorithm (`"sha256WithRSAEncryption"`,
   * `"ecdsa-with-SHA256"`, `"ED25519"`), or the dotted OID when OpenSSL has no name for it.
   */
  get signatureAlgorithmName(): string {
    const reader = new DerReader(this.#der);
    const end = reader.read(this.#parsed.signatureAlgorithmStart, this.#parsed.signatureAlgorithmEnd);
    const oidEnd = reader.read(reader.valueStart, end);
    return oidLongName(this.#der, reader.valueStart, oidEnd);
  }

  /** The outer signatureAlgorithm AlgorithmIdentifier DER (OID and parameters, e.g. RSA-PSS's). */
  get signatureAlgorithmDER(): Uint8Array {
    return this.#der.slice(this.#parsed.signatureAlgorithmStart, this.#parsed.signatureAlgorithmEnd);
  }

  /** The inner (TBSCertificate) signature AlgorithmIdentifier DER; RFC 5280 requires it to equal the outer one. */
  get tbsSignatureAlgorithmDER(): Uint8Array {
    return this.#der.slice(this.#parsed.innerAlgorithmStart, this.#parsed.innerAlgorithmEnd);
  }

  /** The signature BIT STRING's bytes (after the unused-bits byte). */
  get signatureValue(): Uint8Array {
    return this.#parsed.signatureBytes.slice(this.#parsed.signatureValueStart, this.#parsed.signatureValueEnd);
  }

  /** Every extension in order with its OID, criticality and raw value. */
  get extensions(): readonly CertificateExtension[] {
    if (this.#extensions !== undefined) return this.#extensions;
    const list: CertificateExtension[] = [];
    const raw = this.#parsed.extensions;
    for (let i = 0; i < raw.length; i += 5) {
      const oidStart = raw[i] ?? 0;
      const oidEnd = raw[i + 1] ?? 0;
      const [bytes, valueStart, valueEnd] = this.#parsed.extensionValue(i);
      list.push({
        oid: oidToDotted(this.#der, oidStart, oidEnd),
        name: oidShortName(this.#der, oidStart, oidEnd),
        critical: raw[i + 2] === 1,
        value: bytes.slice(valueStart, valueEnd),
      });
    }
    this.#extensions = list;
    return list;
  }

  /** Parses the first extension with this OID (RFC 5280 forbids duplicates), or `undefined`. */
  #extension<T>(oid: string, what: string, parse: Parameters<typeof parseExtension<T>>[4]): T | undefined {
    return this.#memo(oid, () => {
      const extension = this.extensions.find((e) => e.oid === oid);
      if (extension === undefined) return undefined;
      return parseExtension(extension.value, 0, extension.value.length, what, parse);
    });
  }

  /** Basic Constraints, or `undefined` when absent. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get basicConstraints(): BasicConstraints | undefined {
    return this.#extension(OID.basicConstraints, "basicConstraints", parseBasicConstraints);
  }

  /** Key Usage bit names, or `undefined` when absent. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get keyUsage(): readonly CertificateKeyUsage[] | undefined {
    return this.#extension(OID.keyUsage, "keyUsage", parseKeyUsage);
  }

  /** Extended Key Usage purpose OIDs, dotted (`"1.3.6.1.5.5.7.3.1"` = serverAuth). @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get extKeyUsage(): readonly string[] | undefined {
    return this.#extension(OID.extKeyUsage, "extKeyUsage", parseExtKeyUsage);
  }

  /** Subject Alternative Names, structured. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get subjectAltNames(): readonly GeneralName[] | undefined {
    return this.#extension(OID.subjectAltName, "subjectAltName", parseGeneralNamesExtension);
  }

  /** Issuer Alternative Names, structured. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get issuerAltNames(): readonly GeneralName[] | undefined {
    return this.#extension(OID.issuerAltName, "issuerAltName", parseGeneralNamesExtension);
  }

  /** Subject Key Identifier bytes. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get subjectKeyIdentifier(): Uint8Array | undefined {
    return this.#extension(OID.subjectKeyIdentifier, "subjectKeyIdentifier", parseSubjectKeyIdentifier);
  }

  /** Authority Key Identifier. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get authorityKeyIdentifier(): AuthorityKeyIdentifier | undefined {
    return this.#extension(OID.authorityKeyIdentifier, "authorityKeyIdentifier", parseAuthorityKeyIdentifier);
  }

  /** Authority Information Access (OCSP, CA issuers). @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get authorityInfoAccess(): AuthorityInfoAccess | undefined {
    return this.#extension(OID.authorityInfoAccess, "authorityInfoAccess", parseAuthorityInfoAccess);
  }

  /** CRL Distribution Points. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get crlDistributionPoints(): readonly DistributionPoint[] | undefined {
    return this.#extension(OID.crlDistributionPoints, "crlDistributionPoints", parseCRLDistributionPoints);
  }

  /** Certificate Policies. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get certificatePolicies(): readonly PolicyInformation[] | undefined {
    return this.#extension(OID.certificatePolicies, "certificatePolicies", parseCertificatePolicies);
  }

  /** Name Constraints. @throws X509Error `ERR_SSLKIT_X509_BAD_EXTENSION` when malformed. */
  get nameConstraints(): NameConstraints | undefined {
    return this.#extension(OID.nameConstraints, "nameConstraints", parseNameConstraints);
  }

  /** SHA-1 fingerprint of the DER, upper-case hex with colons (as `openssl x509 -fingerprint -sha1`). */
  get fingerprintSHA1(): string {
    return this.#memo("sha1", () => hexUpper(sha1(this.#der), 0, 20, ":"));
  }

  /** SHA-256 fingerprint of the DER, upper-case hex with colons (as Node's `X509Certificate.fingerprint256`). */
  get fingerprintSHA256(): string {
    return this.#memo("sha256", () => hexUpper(sha256(this.#der), 0, 32, ":"));
  }

  /** Whether Basic Constraints says `cA: TRUE`. */
  get isCA(): boolean {
    return this.basicConstraints?.ca === true;
  }

  /**
   * Whether the certificate is self-issued as OpenSSL decides it: subject and issuer names equal
   * after OpenSSL's canonicalisation, and an Authority Key Identifier, when present, matches the
   * Subject Key Identifier and the certificate's own serial number. The signature is not checked.
   */
  get isSelfSigned(): boolean {
    return this.#memo("selfSigned", () => {
      const p = this.#parsed;
      const subject = canonicalNameEncoding(this.#der, p.subjectStart, p.subjectEnd);
      const issuer = canonicalNameEncoding(this.#der, p.issuerStart, p.issuerEnd);
      if (!bytesEqual(subject, issuer)) return false;
      let aki: AuthorityKeyIdentifier | undefined;
      try {
        aki = this.authorityKeyIdentifier;
      } catch {
        return false;
      }
      if (aki === undefined) return true;
      const ski = this.subjectKeyIdentifier;
      if (aki.keyIdentifier !== undefined && ski !== undefined && !bytesEqual(aki.keyIdentifier, ski)) return false;
      if (aki.authorityCertSerialNumber !== undefined && aki.authorityCertSerialNumber !== this.serialNumber) return false;
      return true;
    });
  }

  /** OpenSSL's `X509_NAME_hash` of the subject (`openssl x509 -subject_hash`). */
  get subjectNameHash(): number {
    return nameHash(this.#der, this.#parsed.subjectStart, this.#parsed.subjectEnd);
  }

  /** OpenSSL's `X509_NAME_hash` of the issuer (`openssl x509 -issuer_hash`). */
  get issuerNameHash(): number {
    return nameHash(this.#der, this.#parsed.issuerStart, this.#parsed.issuerEnd);
  }

  /** Whether this certificate's issuer name equals `other`'s subject name (OpenSSL's canonical comparison). */
  isIssuedBy(other: Certificate): boolean {
    const p = this.#parsed;
    return bytesEqual(canonicalNameEncoding(this.#der, p.issuerStart, p.issuerEnd), other.canonicalSubject);
  }

  /** The subject's canonical encoding (OpenSSL's `canon_enc`), for name comparisons. */
  get canonicalSubject(): Uint8Array {
    return this.#memo("canonSubject", () => canonicalNameEncoding(this.#der, this.#parsed.subjectStart, this.#parsed.subjectEnd));
  }

  /** The issuer's canonical encoding (OpenSSL's `canon_enc`). */
  get canonicalIssuer(): Uint8Array {
    return this.#memo("canonIssuer", () => canonicalNameEncoding(this.#der, this.#parsed.issuerStart, this.#parsed.issuerEnd));
  }

  /** Returns the DER bytes (a copy). */
  toDER(): Uint8Array {
    return this.#der.slice();
  }

  /** Returns the certificate as PEM text (64-column base64, as Python's `DER_cert_to_PEM_cert`). */
  toPEM(): string {
    return derToPEM(this.#der);
  }

  /** Returns CPython's `getpeercert()` dict, exactly as {@link decodeCert}. */
  toDict(): PeerCertDict {
    return this.#memo("dict", () => buildPeerCertDict(this.#parsed));
  }

  /** Returns a JSON-safe summary (used by `JSON.stringify`). */
  toJSON(): CertificateJSON {
    const key = this.publicKey;
    const validDate = (d: Date): string | null => (Number.isNaN(d.getTime()) ? null : d.toISOString());
    return {
      subject: this.subjectString,
      issuer: this.issuerString,
      serialNumber: this.serialHex,
      notBefore: validDate(this.notBefore),
      notAfter: validDate(this.notAfter),
      version: this.version,
      publicKey: key.curve === undefined ? { algorithm: key.algorithm, bits: key.bits } : { algorithm: key.algorithm, bits: key.bits, curve: key.curve },
      signatureAlgorithm: this.signatureAlgorithmOID,
      fingerprintSHA256: this.fingerprintSHA256,
      isCA: this.isCA,
      isSelfSigned: this.isSelfSigned,
      pem: this.toPEM(),
    };
  }
}
