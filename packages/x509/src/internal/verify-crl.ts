/**
 * Certificate revocation lists (RFC 5280 §5, §6.3) for verifyChain's `crls` option.
 *
 * CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
 *                                signatureValue BIT STRING }
 * TBSCertList ::= SEQUENCE { version Version OPTIONAL, signature AlgorithmIdentifier, issuer Name,
 *   thisUpdate Time, nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE {
 *   userCertificate CertificateSerialNumber, revocationDate Time, crlEntryExtensions Extensions
 *   OPTIONAL } OPTIONAL, crlExtensions [0] EXPLICIT Extensions OPTIONAL }
 */
import { X509VerifyCode as V } from "../verify-codes.js";
import { DERSyntaxError, TAG, bytesEqual, children, decodeBitString, decodeBoolean, decodeOID, encoding, integerBytes, parseSingle } from "./verify-der.js";
import type { TLV } from "./verify-der.js";
import { KU, parseAlgorithm, parseName, parseTime } from "./verify-parse.js";
import type { AlgorithmIdentifier, Defect, ParsedCert, ParsedName } from "./verify-parse.js";
import { checkSignature } from "./verify-signature.js";

const CRL_NUMBER = "2.5.29.20";
const AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
/** CRL extensions this validator understands (RFC 5280 §5.2). */
const KNOWN_CRL_EXTENSIONS = new Set([CRL_NUMBER, AUTHORITY_KEY_IDENTIFIER, "2.5.29.18", "2.5.29.27", "2.5.29.28", "2.5.29.46"]);

/** A decoded CRL. */
export interface ParsedCRL {
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly issuer: ParsedName;
  readonly thisUpdate: number | undefined;
  readonly nextUpdate: number | undefined;
  /** Hex of each revoked serial number's INTEGER contents. */
  readonly revoked: ReadonlySet<string>;
  readonly extensions: readonly { readonly oid: string; readonly critical: boolean }[];
  readonly signatureMismatch: boolean;
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

function parseExtensionList(tlv: TLV): { oid: string; critical: boolean }[] {
  return children(tlv).map((ext) => {
    const [oidTLV, second, third] = children(ext);
    if (ext.tag !== TAG.SEQUENCE || oidTLV?.tag !== TAG.OID || second === undefined) throw new DERSyntaxError("Extension: malformed", ext.start);
    const critical = second.tag === TAG.BOOLEAN ? decodeBoolean(second) : false;
    if ((second.tag === TAG.BOOLEAN ? third : second)?.tag !== TAG.OCTET_STRING) throw new DERSyntaxError("Extension: malformed", ext.start);
    return { oid: decodeOID(oidTLV), critical };
  });
}

/**
 * Decodes one DER CRL.
 *
 * @throws DERSyntaxError when it is not a DER CertificateList.
 */
export function parseCRL(der: Uint8Array): ParsedCRL {
  const list = parseSingle(der, TAG.SEQUENCE, "CertificateList");
  const [tbsTLV, algTLV, sigTLV, extra] = children(list);
  if (tbsTLV?.tag !== TAG.SEQUENCE || algTLV === undefined || sigTLV?.tag !== TAG.BIT_STRING || extra !== undefined) {
    throw new DERSyntaxError("CertificateList: expected tbsCertList, signatureAlgorithm, signatureValue", 0);
  }
  const fields = children(tbsTLV);
  let index = 0;
  if (fields[0]?.tag === TAG.INTEGER) {
    integerBytes(fields[0]);
    index++;
  }
  const sigInTbs = fields[index++];
  const issuerTLV = fields[index++];
  const thisUpdateTLV = fields[index++];
  if (sigInTbs === undefined || issuerTLV === undefined || thisUpdateTLV === undefined) throw new DERSyntaxError("TBSCertList: missing fields", tbsTLV.start);
  let nextUpdate: number | undefined;
  let next = fields[index];
  if (next !== undefined && (next.tag === TAG.UTC_TIME || next.tag === TAG.GENERALIZED_TIME)) {
    nextUpdate = parseTime(next);
    next = fields[++index];
  }
  const revoked = new Set<string>();
  if (next?.tag === TAG.SEQUENCE) {
    for (const entry of children(next)) {
      const [serial] = children(entry);
      if (entry.tag !== TAG.SEQUENCE || serial?.tag !== TAG.INTEGER) throw new DERSyntaxError("revokedCertificates entry: malformed", entry.start);
      revoked.add(hex(integerBytes(serial)));
    }
    next = fields[++index];
  }
  let extensions: { oid: string; critical: boolean }[] = [];
  if (next?.tag === 0xa0) {
    const [inner] = children(next);
    if (inner?.tag !== TAG.SEQUENCE) throw new DERSyntaxError("crlExtensions: malformed", next.start);
    extensions = parseExtensionList(inner);
    next = fields[++index];
  }
  if (next !== undefined) throw new DERSyntaxError("TBSCertList: unexpected field", next.start);
  const signatureAlgorithm = parseAlgorithm(algTLV);
  const { bits: signature, unused } = decodeBitString(sigTLV);
  if (unused !== 0) throw new DERSyntaxError("CRL signatureValue has unused bits", sigTLV.start);
  return {
    tbs: encoding(tbsTLV),
    signatureAlgorithm,
    signature,
    issuer: parseName(issuerTLV),
    thisUpdate: parseTime(thisUpdateTLV),
    nextUpdate,
    revoked,
    extensions,
    signatureMismatch: !bytesEqual(encoding(sigInTbs), signatureAlgorithm.der),
  };
}

/**
 * Checks `cert` against the CRLs its `issuer` signed: revoked → 23; an unusable CRL from that
 * issuer (bad signature, no cRLSign, missing or critical cRLNumber, unknown critical extension,
 * outside its validity) → the matching CRL error. Certificates without a CRL are not checked.
 */
export async function checkRevocation(cert: ParsedCert, issuer: ParsedCert, crls: readonly ParsedCRL[], timeMs: number): Promise<Defect | undefined> {
  for (const crl of crls) {
    if (crl.issuer.key !== cert.issuer.key) continue;
    // A CRL whose signature does not verify with this issuer's key is another CA's: skip it.
    if ((await checkSignature(crl, issuer.publicKey)) !== undefined) continue;
    if (issuer.keyUsage !== undefined && (issuer.keyUsage & KU.cRLSign) === 0) return { code: V.X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, reason: "the CRL issuer's keyUsage lacks cRLSign" };
    if (crl.signatureMismatch) return { code: V.X509_V_ERR_CRL_SIGNATURE_FAILURE, reason: "tbsCertList.signature differs from signatureAlgorithm" };
    const number = crl.extensions.find((ext) => ext.oid === CRL_NUMBER);
    if (number === undefined) return { code: V.X509_V_ERR_CRL_PATH_VALIDATION_ERROR, reason: "CRL without cRLNumber (RFC 5280 §5.2.3)" };
    if (number.critical) return { code: V.X509_V_ERR_CRL_PATH_VALIDATION_ERROR, reason: "critical cRLNumber (RFC 5280 §5.2.3)" };
    const unknown = crl.extensions.find((ext) => ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid));
    if (unknown !== undefined) return { code: V.X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION, reason: `unhandled critical CRL extension ${unknown.oid}` };
    if (crl.thisUpdate === undefined) return { code: V.X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, reason: "malformed thisUpdate" };
    if (timeMs < crl.thisUpdate) return { code: V.X509_V_ERR_CRL_NOT_YET_VALID, reason: "CRL thisUpdate is after the validation time" };
    if (crl.nextUpdate !== undefined && timeMs > crl.nextUpdate) return { code: V.X509_V_ERR_CRL_HAS_EXPIRED, reason: "CRL nextUpdate is before the validation time" };
    if (crl.revoked.has(hex(cert.serial))) return { code: V.X509_V_ERR_CERT_REVOKED, reason: "the serial number is on the issuer's CRL" };
  }
  return undefined;
}

