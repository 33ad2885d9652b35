// The public contract of @sslkit/x509: explicit named exports, added as each concept lands.
export { X509ErrorCode } from "./error-codes.js";
export { decodeCert } from "./decode-cert.js";
export type { PeerCertDict, NameAttribute, RelativeDistinguishedName, DistinguishedName, SubjectAltNameEntry } from "./peer-cert-dict.js";
export { Certificate } from "./certificate.js";
export type { CertificateExtension, CertificateJSON } from "./certificate.js";
export type { PublicKeyInfo } from "./internal/public-key-info.js";
export type { AuthorityInfoAccess, AuthorityKeyIdentifier, BasicConstraints, CertificateKeyUsage, DistributionPoint, GeneralName, GeneralNameType, GeneralSubtree, NameConstraints, PolicyInformation } from "./internal/der-extensions.js";
export { loadCertificates } from "./load-certificates.js";
export { subjectNameHash, issuerNameHash } from "./name-hash.js";
export { certTimeToSeconds } from "./cert-time.js";
export { matchHostname } from "./match-hostname.js";
export type { HostnameCertDict, CertDictSource } from "./match-hostname.js";
export { verifyChain } from "./verify-chain.js";
export type { VerifyChainOptions, VerifyChainResult, VerifyCertificateInput } from "./verify-chain.js";
export { X509VerifyCode, verifyCodeMessage } from "./verify-codes.js";
export { createKeyPair } from "./create-key-pair.js";
export type { KeyPair, KeyType, WebCryptoKey } from "./create-key-pair.js";
export { createCertificate } from "./create-certificate.js";
export type {
  CreateCertificateOptions,
  CreateCertificateResult,
  CertificateSubject,
  CertificateIssuer,
  CertificateValidity,
  SubjectAltName,
  ExtendedKeyUsageName,
  KeyUsageName,
} from "./create-certificate.js";
