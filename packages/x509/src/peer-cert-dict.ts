/**
 * One name attribute as CPython returns it: `["commonName", "example.com"]`. The value is a
 * `Uint8Array` only for a BIT STRING value (e.g. `x500UniqueIdentifier`), where CPython returns bytes.
 */
export type NameAttribute = readonly [name: string, value: string | Uint8Array];

/** A relative distinguished name: usually one attribute, several for a multi-valued RDN. */
export type RelativeDistinguishedName = readonly NameAttribute[];

/** A distinguished name as CPython returns it: a tuple of RDN tuples (arrays here). */
export type DistinguishedName = readonly RelativeDistinguishedName[];

/**
 * One `subjectAltName` entry as CPython returns it: `["DNS", "example.com"]`,
 * `["IP Address", "2001:DB8:0:0:0:0:0:1"]`, `["email", …]`, `["URI", …]`,
 * `["Registered ID", …]`, `["othername", "<unsupported>"]`, `["X400Name", "<unsupported>"]`,
 * `["EdiPartyName", "<unsupported>"]` or `["DirName", DistinguishedName]`.
 */
export type SubjectAltNameEntry = readonly [kind: string, value: string] | readonly [kind: "DirName", value: DistinguishedName];

/**
 * The dict CPython's `ssl._ssl._test_decode_cert()` and `SSLSocket.getpeercert()` return, with
 * Python tuples as arrays. Keys appear in CPython's order; the optional ones only when CPython
 * sets them.
 *
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSocket.getpeercert | SSLSocket.getpeercert}
 */
export interface PeerCertDict {
  /** The subject name as RDN arrays of `[longName, value]` pairs (Python `cert["subject"]`). */
  readonly subject: DistinguishedName;
  /** The issuer name as RDN arrays of `[longName, value]` pairs (Python `cert["issuer"]`). */
  readonly issuer: DistinguishedName;
  /** `X509_get_version() + 1`: 1 for v1, 3 for v3. */
  readonly version: number;
  /** Upper-case hex as OpenSSL's `i2a_ASN1_INTEGER` prints it (`"-"` prefix when negative). */
  readonly serialNumber: string;
  /** `ASN1_TIME_print` output: `"May  9 00:00:00 2007 GMT"` (or `"Bad time value"`). */
  readonly notBefore: string;
  /** End of validity, `ASN1_TIME_print` output like `notBefore` (Python `cert["notAfter"]`). */
  readonly notAfter: string;
  /** The Subject Alternative Name entries, present only when the certificate has the extension. */
  readonly subjectAltName?: readonly SubjectAltNameEntry[];
  /** OCSP responder URIs from the Authority Information Access extension. */
  readonly OCSP?: readonly string[];
  /** CA issuer URIs from the Authority Information Access extension. */
  readonly caIssuers?: readonly string[];
  /** Full-name URIs of the CRL Distribution Points extension. */
  readonly crlDistributionPoints?: readonly string[];
}
