/**
 * One decoded PEM block (RFC 7468 `textualmsg`, with RFC 1421 headers when present).
 */
export interface PEMBlock {
  /** The label between `-----BEGIN ` and `-----`, e.g. `"CERTIFICATE"`. */
  readonly label: string;
  /** RFC 1421 headers in order (`Proc-Type`, `DEK-Info`, …); empty when there are none. */
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded body. */
  readonly der: Uint8Array;
  /** Offset of the `-----BEGIN` line (bytes for byte input, UTF-16 units for a string). */
  readonly start: number;
  /** Offset just past the `-----END …-----` line and its line break. */
  readonly end: number;
}
