/**
 * KeyUsage bits as flags (RFC 5280 §4.2.1.3, bit 0 = digitalSignature is the lowest flag),
 * the form @peculiar/x509's `KeyUsageFlags` and the path validator both use.
 */
export const KEY_USAGE_BITS = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
} as const;
