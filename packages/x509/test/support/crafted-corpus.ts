import type { Part } from "./der-builder.js";
import { buildCertificate, cn, extension, generalizedTime, hex, latin1, name, oid, seq, set, tlv, utcTime, utf8 } from "./der-builder.js";

const CN = "2.5.4.3";
const SAN = "2.5.29.17";
const AIA = "1.3.6.1.5.5.7.1.1";
const CRLDP = "2.5.29.31";

const withSubjectValue = (tag: number, value: Part): Uint8Array => buildCertificate({ subject: name([[CN, tag, value]]) });
const withSAN = (...names: Part[]): Uint8Array => buildCertificate({ extensions: [extension(SAN, seq(...names))] });
const withTimes = (notBefore: Uint8Array, notAfter: Uint8Array): Uint8Array => buildCertificate({ validity: seq(notBefore, notAfter) });
const withSerial = (content: Part): Uint8Array => buildCertificate({ serial: tlv(0x02, content) });
const withVersion = (content: Part): Uint8Array => buildCertificate({ version: tlv(0xa0, tlv(0x02, content)) });
const ucs4 = (text: string): Uint8Array => Uint8Array.from(Array.from(text).flatMap((c) => { const v = c.codePointAt(0)!; return [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255]; }));
const ucs2 = (text: string): Uint8Array => Uint8Array.from(Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)).flatMap((v) => { return [v >> 8, v & 255]; }));
const uri = (text: string): Uint8Array => tlv(0x86, utf8(text));
const longOID = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i === 0 ? 0x2a : i === length - 1 ? 0x01 : 0x81));
/** Re-encodes a certificate's outer SEQUENCE with an indefinite length (BER). */
export const berOuter = (der: Uint8Array): Uint8Array => {
  const headerLength = der[1]! < 0x80 ? 2 : 2 + (der[1]! & 0x7f);
  return Uint8Array.from([0x30, 0x80, ...der.subarray(headerLength), 0x00, 0x00]);
};
const accessDescription = (method: string, location: Uint8Array): Uint8Array => seq(oid(method), location);

/**
 * Hand-made certificates that probe the rules behind CPython's dict: every string type,
 * odd times, serials and versions, every GeneralName kind, and extensions OpenSSL ignores.
 */
export const CRAFTED_CERTIFICATES: readonly (readonly [string, Uint8Array])[] = [
  ["PrintableString", withSubjectValue(0x13, latin1("Printable 'quoted' (x)"))],
  ["T61String with Latin-1 bytes", withSubjectValue(0x14, latin1("caf\xe9 \xff"))],
  ["IA5String with a high byte", withSubjectValue(0x16, latin1("ia5 \xfc"))],
  ["NumericString", withSubjectValue(0x12, latin1("0123 456"))],
  ["BMPString", withSubjectValue(0x1e, ucs2("日本 Ω"))],
  ["BMPString of odd length", withSubjectValue(0x1e, [0x00, 0x41, 0x00])],
  ["BMPString with a surrogate", withSubjectValue(0x1e, [0xd8, 0x3d, 0xde, 0x00])],
  ["UniversalString", withSubjectValue(0x1c, ucs4("😀 x"))],
  ["UniversalString above U+10FFFF", withSubjectValue(0x1c, [0x00, 0x11, 0x00, 0x00])],
  ["UTF8String with NUL and newline", withSubjectValue(0x0c, utf8("a\u0000b\nc"))],
  ["UTF8String with invalid bytes", withSubjectValue(0x0c, [0x61, 0xc3, 0x28])],
  ["UTF8String with an overlong form", withSubjectValue(0x0c, [0xc0, 0xaf])],
  ["UTF8String with a BOM", withSubjectValue(0x0c, utf8("\ufeffbom"))],
  ["VisibleString", withSubjectValue(0x1a, latin1("visible"))],
  ["GeneralString", withSubjectValue(0x1b, latin1("general"))],
  ["OCTET STRING value", withSubjectValue(0x04, latin1("octets"))],
  ["BIT STRING value", withSubjectValue(0x03, [0x00, 0x41])],
  ["unknown universal tag 13", withSubjectValue(0x0d, latin1("x"))],
  ["empty RDN set", buildCertificate({ subject: seq(tlv(0x31), cn("after empty").subarray(2)) })],
  ["unknown OID with a huge arc", buildCertificate({ subject: name([["1.3.6.1.4.1.99999999999999999999.7", 0x0c, utf8("big arc")], ["2.999.3", 0x0c, utf8("two")]]) })],
  ["GeneralizedTime with fraction", withTimes(generalizedTime("20250101120000.123Z"), generalizedTime("20350101120000.5Z"))],
  ["times without seconds", withTimes(utcTime("2501011200Z"), generalizedTime("203501011200Z"))],
  ["UTCTime with offsets", withTimes(utcTime("250101120000+0130"), utcTime("350101120000-0800"))],
  ["GeneralizedTime with offset and fraction", withTimes(generalizedTime("20250101120000.25+0100"), generalizedTime("99991231230000-0200"))],
  ["invalid times", withTimes(utcTime("garbage"), utcTime("230229000000Z"))],
  ["February 29 of leap years", withTimes(utcTime("240229000000Z"), generalizedTime("20000229000000Z"))],
  ["year 5 and 1950", withTimes(generalizedTime("00050101000000Z"), utcTime("500101000000Z"))],
  ["serial of 35 bytes", withSerial(hex("7f" + "ab".repeat(34)))],
  ["serial of 36 bytes", withSerial(hex("7f" + "cd".repeat(35)))],
  ["negative serial of 40 bytes", withSerial(hex("80" + "01".repeat(39)))],
  ["serial -256 (FF 00)", withSerial([0xff, 0x00])],
  ["serial -128", withSerial([0x80])],
  ["serial with illegal padding", withSerial([0x00, 0x01])],
  ["negative serial with illegal padding", withSerial([0xff, 0x80])],
  ["empty serial", withSerial([])],
  ["version 2", withVersion([0x01])],
  ["version 6", withVersion([0x05])],
  ["version -1", withVersion([0xff])],
  ["version 2^62", withVersion([0x40, 0, 0, 0, 0, 0, 0, 0])],
  ["version too large for int64", withVersion([0x01, 0, 0, 0, 0, 0, 0, 0, 0])],
  ["v1 with extensions", buildCertificate({ version: [], extensions: [extension(SAN, seq(tlv(0x82, utf8("v1.example"))))] })],
  ["empty extension list", buildCertificate({ extensionsElement: tlv(0xa3, seq()) })],
  ["x400Address and ediPartyName", withSAN(tlv(0xa3, seq()), tlv(0xa5, tlv(0xa1, tlv(0x0c, utf8("party")))), tlv(0xa5, tlv(0xa0, tlv(0x13, latin1("assigner"))), tlv(0xa1, tlv(0x13, latin1("p")))))],
  ["empty SAN", withSAN()],
  ["SAN with trailing bytes in its OCTET STRING", buildCertificate({ extensions: [extension(SAN, [...seq(tlv(0x82, utf8("a.example"))), 0x05, 0x00])] })],
  ["SAN with invalid UTF-8 in a DNS name", withSAN(tlv(0x82, [0x61, 0xff]))],
  ["SAN with non-ASCII UTF-8 in IA5 strings", withSAN(tlv(0x82, utf8("bücher.example")), tlv(0x81, utf8("ü@example")), uri("http://ü.example/"))],
  ["SAN with a NUL byte", withSAN(tlv(0x82, utf8("evil.example\u0000.good.example")))],
  ["SAN IP addresses of odd lengths", withSAN(tlv(0x87, [1, 2, 3, 4, 5]), tlv(0x87, []), tlv(0x87, hex("20010db8000000000000000000000001")))],
  ["two SAN extensions", buildCertificate({ extensions: [extension(SAN, seq(tlv(0x82, utf8("one.example")))), extension(SAN, seq(tlv(0x82, utf8("two.example"))))] })],
  ["malformed SAN", buildCertificate({ extensions: [extension(SAN, seq(tlv(0x89, utf8("bad tag"))))] })],
  ["SAN truncated inside", buildCertificate({ extensions: [extension(SAN, [0x30, 0x05, 0x82, 0x10, 0x61])] })],
  ["otherName with newline and NUL", withSAN(tlv(0xa0, oid("1.3.6.1.5.5.7.8.5"), tlv(0xa0, tlv(0x0c, utf8("line1\nline2")))), tlv(0xa0, oid("1.3.6.1.5.5.7.8.9"), tlv(0xa0, tlv(0x0c, utf8("nul\u0000after")))), tlv(0xa0, oid("1.3.6.1.5.5.7.8.8"), tlv(0xa0, tlv(0x0c, utf8("realm")))))],
  ["otherName with an unexpected value type", withSAN(tlv(0xa0, oid("1.3.6.1.5.5.7.8.5"), tlv(0xa0, tlv(0x16, utf8("ia5")))), tlv(0xa0, oid("1.3.6.1.5.5.7.8.7"), tlv(0xa0, tlv(0x0c, utf8("srv-utf8")))))],
  ["DirName with BMP and Universal strings", withSAN(tlv(0xa4, name([["2.5.4.10", 0x1e, ucs2("Ω Org")]], [[CN, 0x1c, ucs4("🚀")], ["2.5.4.11", 0x13, latin1("unit")]])))],
  ["DirName with an invalid BMPString", withSAN(tlv(0x82, utf8("before.example")), tlv(0xa4, name([[CN, 0x1e, [0x00]]])))],
  ["DirName with a BIT STRING value", withSAN(tlv(0xa4, name([[CN, 0x03, [0x00, 0x41]]])))],
  ["AIA with other methods and locations", buildCertificate({ extensions: [extension(AIA, seq(accessDescription("1.3.6.1.5.5.7.48.1", tlv(0x82, utf8("dns.example"))), accessDescription("1.3.6.1.5.5.7.48.5", uri("http://repo.example/")), accessDescription("1.3.6.1.5.5.7.48.2", uri("http://ca.example/ca.crt"))))] })],
  ["AIA with only unknown methods", buildCertificate({ extensions: [extension(AIA, seq(accessDescription("1.2.3", uri("http://x.example/"))))] })],
  ["malformed AIA", buildCertificate({ extensions: [extension(AIA, seq(seq(oid("1.3.6.1.5.5.7.48.1"))))] })],
  ["CRL DP with reasons, CRL issuer and no name", buildCertificate({ extensions: [extension(CRLDP, seq(seq(tlv(0xa0, tlv(0xa0, uri("http://crl.example/1.crl"), tlv(0x82, utf8("dns")))), tlv(0x81, [0x07, 0x80]), tlv(0xa2, tlv(0x82, utf8("issuer.example")))), seq(tlv(0xa2, uri("http://issuer-only.example/")))))] })],
  ["CRL DP with only relative names", buildCertificate({ extensions: [extension(CRLDP, seq(seq(tlv(0xa0, tlv(0xa1, seq(oid(CN), tlv(0x0c, utf8("rel"))))))))] })],
  ["CRL DP with an empty sequence", buildCertificate({ extensions: [extension(CRLDP, seq())] })],
  ["critical flag encoded as FALSE and as 0x01", buildCertificate({ extensions: [seq(oid(SAN), [0x01, 0x01, 0x00], tlv(0x04, seq(tlv(0x82, utf8("false.example"))))), seq(oid("2.5.29.19"), [0x01, 0x01, 0x01], tlv(0x04, seq()))] })],
  ["issuer and subject unique IDs", buildCertificate({ uniqueIds: [...tlv(0x81, [0x00, 0x01]), ...tlv(0x82, [0x07, 0x80])] })],
  ["algorithm parameters of many types", buildCertificate({ signature: seq(oid("1.2.840.113549.1.1.11"), tlv(0x05)) })],
  ["SAN with constructed (BER) strings", withSAN(tlv(0xa2, tlv(0x16, latin1("con")), tlv(0x04, latin1("structed.example"))), tlv(0xa7, tlv(0x04, [192, 0, 2]), tlv(0x04, [7])), tlv(0xa6, tlv(0x24, tlv(0x04, utf8("http://")), tlv(0x04, utf8("nested.example/")))), tlv(0xa1, tlv(0x06, [0x2b, 0x06]), tlv(0x0c, utf8("@mail"))))],
  ["SAN with constructed strings nested too deeply", withSAN(tlv(0x82, utf8("ok.example")), tlv(0xa2, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x04, utf8("deep"))))))))))],
  ["SAN with an end-of-contents chunk", withSAN(tlv(0xa2, tlv(0x04, utf8("a")), [0x00, 0x00]))],
  ["AIA and CRL DP with constructed URIs", buildCertificate({ extensions: [extension(AIA, seq(accessDescription("1.3.6.1.5.5.7.48.1", tlv(0xa6, tlv(0x04, utf8("http://ocsp.")), tlv(0x04, utf8("example/")))))), extension(CRLDP, seq(seq(tlv(0xa0, tlv(0xa0, tlv(0xa6, tlv(0x16, utf8("http://crl.example/c.crl"))))))))] })],
  ["constructed registeredID", withSAN(tlv(0x82, utf8("x.example")), tlv(0xa8, tlv(0x06, [0x2a, 0x03])))],
  ["unknown OID of 586 bytes (the longest OpenSSL prints)", buildCertificate({ subject: seq(set(seq(tlv(0x06, longOID(586)), tlv(0x0c, utf8("x"))))) })],
  ["unknown OID of 587 bytes", buildCertificate({ subject: seq(set(seq(tlv(0x06, longOID(587)), tlv(0x0c, utf8("x"))))) })],
  ["registeredID of 587 bytes", withSAN(tlv(0x88, longOID(587)))],
  ["constructed (BER) strings in names", buildCertificate({ subject: name([[CN, 0x2c, [...tlv(0x04, utf8("Con")), ...tlv(0x24, tlv(0x04, utf8("struct")), tlv(0x0c, utf8("ed")))]]], [["2.5.4.10", 0x3e, [...tlv(0x04, [0x00]), ...tlv(0x04, [0x41, 0x03]), ...tlv(0x04, [0xa9])]]], [["2.5.4.45", 0x23, [...tlv(0x03, [0x00, 0xff]), ...tlv(0x03, [0x04, 0xff])]]]) })],
  ["constructed string in a name nested too deeply", buildCertificate({ subject: name([[CN, 0x2c, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x04, utf8("deep"))))))))]]) })],
  ["constructed SEQUENCE-typed and context-class values in names", buildCertificate({ subject: name([[CN, 0x6c, utf8("x")]]) })],
  ["extension value as a constructed OCTET STRING", buildCertificate({ extensions: [seq(oid(SAN), tlv(0x24, tlv(0x04, seq(tlv(0x82, utf8("chunked.example"))).subarray(0, 5)), tlv(0x04, seq(tlv(0x82, utf8("chunked.example"))).subarray(5))))] })],
  ["constructed NULL as algorithm parameters", buildCertificate({ signature: seq(oid("1.2.840.113549.1.1.11"), tlv(0x25)) })],
  ["primitive SEQUENCE OF and SET OF tags in names", buildCertificate({ subject: tlv(0x10, tlv(0x11, seq(oid(CN), tlv(0x0c, utf8("primitive"))))) })],
  ["primitive SEQUENCE tag for a name attribute", buildCertificate({ subject: seq(set(tlv(0x10, oid(CN), tlv(0x0c, utf8("primitive"))))) })],
  ["primitive SEQUENCE OF tags in SAN and extensions", buildCertificate({ extensionsElement: tlv(0xa3, tlv(0x10, extension(SAN, tlv(0x10, tlv(0x82, utf8("p.example")))))) })],
  ["constructed times and unique IDs", buildCertificate({ validity: seq(tlv(0x37, tlv(0x04, latin1("2501")), tlv(0x04, latin1("01000000Z"))), tlv(0x38, tlv(0x24, tlv(0x04, latin1("2035")), tlv(0x04, latin1("0101120000.5Z"))))), uniqueIds: [...tlv(0xa1, tlv(0x03, [0x00, 0x01]), tlv(0x03, [0x02]))] })],
  ["constructed unique ID with a bad unused-bits count", buildCertificate({ uniqueIds: [...tlv(0xa2, tlv(0x03, [0x09, 0x01]))] })],
  ["BER indefinite lengths in a name and the outer SEQUENCEs", berOuter(buildCertificate({ subject: [0x30, 0x80, ...cn("indefinite").subarray(2), 0x00, 0x00] }))],
  ["BER indefinite length inside the SAN extension value", buildCertificate({ extensions: [extension(SAN, [0x30, 0x80, ...tlv(0x82, utf8("ber.example")), ...tlv(0xa4, [0x30, 0x80, ...set(seq(oid(CN), tlv(0x0c, utf8("dir")))), 0x00, 0x00]), 0x00, 0x00])] })],
  ["non-minimal length encoding", buildCertificate({ subject: [0x30, 0x81, 0x0d, ...set(seq(oid(CN), tlv(0x0c, utf8("long"))))] })],
];
