import { writeFileSync } from "node:fs";
import { runOpenSSL } from "@sslkit/test-utils";

/** One certificate made by the `openssl` CLI for the CPython comparison. */
export interface GeneratedCert {
  readonly name: string;
  readonly path: string;
}

const REQ_CONFIG = `[req]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
[dn]
[dir_sect]
C = DE
O = Dir Org
CN = Dir Name
[dir_sect2]
1.2.3.4.5 = custom attribute
[crl_sect]
relativename.CN = relative
[crl_sect2]
fullname = URI:http://crl.example/second.crl
`;

const REQ_CONFIG_DEFAULT_MASK = REQ_CONFIG.replace("string_mask = utf8only", "string_mask = default");

const caConfig = (dir: string): string => `[ca]
default_ca = ca_default
[ca_default]
database = ${dir}/index.txt
new_certs_dir = ${dir}
serial = ${dir}/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = yes
preserve = yes
[policy_any]
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectAltName = DNS:dated.example
authorityInfoAccess = OCSP;URI:http://ocsp.dated.example/
`;

/**
 * Generates the ≥ 20 diverse certificates of the CPython comparison with the `openssl` CLI:
 * RSA, EC and Ed25519 keys; v1 and v3; UTF-8, BMP and T61 names; multi-valued RDNs; every SAN
 * kind; AIA and CRL DP; negative, huge and padded serials; dates before 2000 and after 2049.
 */
export async function generateOpenSSLCorpus(dir: string): Promise<GeneratedCert[]> {
  const file = (name: string): string => `${dir}/${name}`;
  writeFileSync(file("req.cnf"), REQ_CONFIG);
  writeFileSync(file("req-default.cnf"), REQ_CONFIG_DEFAULT_MASK);
  writeFileSync(file("ca.cnf"), caConfig(dir));
  writeFileSync(file("index.txt"), "");
  writeFileSync(file("serial"), "00FF01\n");

  await Promise.all([
    runOpenSSL(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file("rsa.key")]),
    runOpenSSL(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file("p256.key")]),
    runOpenSSL(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", file("p384.key")]),
    runOpenSSL(["genpkey", "-algorithm", "ED25519", "-out", file("ed25519.key")]),
  ]);

  const certs: GeneratedCert[] = [];
  const selfSigned = async (name: string, key: string, args: string[], config = "req.cnf"): Promise<void> => {
    const path = file(`${name}.pem`);
    await runOpenSSL(["req", "-x509", "-new", "-config", file(config), "-key", file(key), "-days", "30", "-out", path, ...args]);
    certs.push({ name, path });
  };
  const san = (value: string): string[] => ["-addext", `subjectAltName=${value}`];
  const huge = "0x" + "A1".repeat(40);

  await Promise.all([
    selfSigned("rsa-all-san-kinds", "rsa.key", [
      "-subj", "/C=US/ST=California/L=San Francisco/O=Example Inc/OU=Web/CN=www.example.com/emailAddress=admin@example.com",
      ...san("DNS:www.example.com,DNS:*.example.org,IP:192.0.2.1,IP:0.0.0.0,IP:2001:db8::ff00:42:8329,IP:::1,email:a@example.com,URI:https://example.com/path?q=1,RID:1.2.3.4.5,RID:2.5.4.3,dirName:dir_sect,otherName:1.3.6.1.5.5.7.8.5;UTF8:xmpp@example.com,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com,otherName:1.3.6.1.5.5.7.8.7;IA5:_http.example.com,otherName:1.2.3.4;UTF8:unknown"),
    ]),
    selfSigned("ec-p256-aia-crldp", "p256.key", [
      "-subj", "/CN=aia.example/O=AIA Org",
      "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.example.com/,caIssuers;URI:http://ca.example.com/ca.crt,OCSP;URI:http://ocsp2.example.com/,caIssuers;URI:ldap://ldap.example.com/cn=ca",
      "-addext", "crlDistributionPoints=URI:http://crl.example.com/a.crl,URI:http://crl2.example.com/b.crl",
    ]),
    selfSigned("ec-p384-ipv6", "p384.key", ["-subj", "/CN=ip.example", ...san("IP:fe80::1,IP:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,IP:::,IP:10.0.0.255")]),
    selfSigned("ed25519-basic", "ed25519.key", ["-subj", "/CN=ed25519.example", ...san("DNS:ed.example")]),
    selfSigned("multi-valued-rdn", "p256.key", ["-multivalue-rdn", "-subj", "/C=US/O=Org+OU=Unit+CN=Multi Valued/emailAddress=mv@example.com"]),
    selfSigned("utf8-non-ascii", "p256.key", ["-subj", "/C=DE/O=Grüße & Söhne/CN=日本語の名前 🚀/L=Zürich"]),
    selfSigned("default-mask-bmp-t61", "p256.key", ["-subj", "/C=FR/O=Société Générale/CN=日本語/OU=ASCII only"], "req-default.cnf"),
    selfSigned("unknown-attribute-oids", "p256.key", ["-subj", "/1.2.3.4.5.6=custom value/2.5.4.97=VATDE-123/DC=example/DC=com/UID=jdoe/serialNumber=12345/CN=oids"]),
    selfSigned("empty-subject", "p256.key", ["-subj", "/", ...san("DNS:nosubject.example")]),
    selfSigned("serial-negative", "ed25519.key", ["-subj", "/CN=neg", "-set_serial", "-1234"]),
    selfSigned("serial-negative-128", "ed25519.key", ["-subj", "/CN=neg128", "-set_serial", "-128"]),
    selfSigned("serial-zero", "ed25519.key", ["-subj", "/CN=zero", "-set_serial", "0"]),
    selfSigned("serial-high-bit", "ed25519.key", ["-subj", "/CN=pad", "-set_serial", "0x00ff"]),
    selfSigned("serial-huge", "ed25519.key", ["-subj", "/CN=huge", "-set_serial", huge]),
    selfSigned("serial-leading-zero-nibble", "ed25519.key", ["-subj", "/CN=nibble", "-set_serial", "0x0102030405"]),
    selfSigned("dirname-custom-oid", "ed25519.key", ["-subj", "/CN=dir", ...san("dirName:dir_sect2,email:ü@example.com")]),
    selfSigned("critical-extensions", "rsa.key", [
      "-subj", "/CN=crit",
      "-addext", "basicConstraints=critical,CA:TRUE,pathlen:2",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      "-addext", "extendedKeyUsage=serverAuth,clientAuth",
      "-addext", "certificatePolicies=2.23.140.1.2.1,1.2.3.4",
      "-addext", "nameConstraints=permitted;DNS:.example.com,excluded;IP:10.0.0.0/255.0.0.0",
    ]),
    selfSigned("crldp-relative-name", "p256.key", ["-subj", "/CN=crl", "-addext", "crlDistributionPoints=crl_sect,crl_sect2"]),
  ]);

  // v1: `openssl x509 -req` without extensions.
  const csr = file("v1.csr");
  await runOpenSSL(["req", "-new", "-config", file("req.cnf"), "-key", file("rsa.key"), "-subj", "/C=GB/CN=version one", "-out", csr]);
  await runOpenSSL(["x509", "-req", "-in", csr, "-key", file("rsa.key"), "-days", "10", "-out", file("v1.pem")]);
  certs.push({ name: "v1", path: file("v1.pem") });

  // Explicit dates through `openssl ca`: UTCTime before 2000, GeneralizedTime before 1950 and after 2049.
  const ca = file("ca.pem");
  await runOpenSSL(["req", "-x509", "-new", "-config", file("req.cnf"), "-key", file("p256.key"), "-subj", "/CN=Dated CA", "-days", "3650", "-out", ca]);
  const dated: [string, string, string][] = [
    ["dates-1999-2049", "990101000000Z", "20491231235959Z"],
    ["dates-1949-2050", "19490615120000Z", "20500101000000Z"],
    ["dates-far-future", "20000229000000Z", "99991231235959Z"],
  ];
  for (const [name, start, end] of dated) {
    const request = file(`${name}.csr`);
    await runOpenSSL(["req", "-new", "-config", file("req.cnf"), "-key", file("ed25519.key"), "-subj", `/O=Dated/CN=${name}`, "-out", request]);
    await runOpenSSL(["ca", "-batch", "-notext", "-config", file("ca.cnf"), "-cert", ca, "-keyfile", file("p256.key"), "-in", request,
      "-startdate", start, "-enddate", end, "-extensions", "ext", "-extfile", file("ca.cnf"), "-out", file(`${name}.pem`)]);
    certs.push({ name, path: file(`${name}.pem`) });
  }
  certs.push({ name: "dated-ca", path: ca });
  return certs;
}
