/**
 * Every code a {@link @sslkit/errors!PEMError} from `@sslkit/pem` can carry, with what it means.
 *
 * @example
 * ```ts
 * if (error.code === PEMErrorCode.LABEL_MISMATCH) console.error("BEGIN and END differ");
 * ```
 */
export const PEMErrorCode = {
  /** No PEM block where one was required (or not the label that was required). */
  NO_BLOCK: "ERR_SSLKIT_PEM_NO_BLOCK",
  /** More blocks than the call accepts (e.g. two certificates given to `pemToDER`). */
  MULTIPLE_BLOCKS: "ERR_SSLKIT_PEM_MULTIPLE_BLOCKS",
  /** The END line names another label than the BEGIN line. */
  LABEL_MISMATCH: "ERR_SSLKIT_PEM_LABEL_MISMATCH",
  /** A BEGIN line has no matching END line (truncated input). */
  MISSING_END: "ERR_SSLKIT_PEM_MISSING_END",
  /** An END line appears outside any block (its BEGIN line is missing or damaged). */
  UNMATCHED_END: "ERR_SSLKIT_PEM_UNMATCHED_END",
  /** A BEGIN line appears inside another block. */
  NESTED_BEGIN: "ERR_SSLKIT_PEM_NESTED_BEGIN",
  /** A BEGIN/END line whose label breaks RFC 7468's grammar, or a damaged encapsulation line. */
  BAD_LABEL: "ERR_SSLKIT_PEM_BAD_LABEL",
  /** An RFC 1421 header line that is not `Name: value`. */
  BAD_HEADER: "ERR_SSLKIT_PEM_BAD_HEADER",
  /** A character outside the base64 alphabet, misplaced padding or a length that is not a multiple of 4. */
  BAD_BASE64: "ERR_SSLKIT_PEM_BAD_BASE64",
  /** A block with no base64 content. */
  EMPTY_BODY: "ERR_SSLKIT_PEM_EMPTY_BODY",
  /** Input larger than `maxLength`. */
  TOO_LARGE: "ERR_SSLKIT_PEM_TOO_LARGE",
  /** Strict mode only: a deviation from RFC 7468's `stricttextualmsg` (line length, headers, white space). */
  NOT_STRICT: "ERR_SSLKIT_PEM_NOT_STRICT",
} as const;
export type PEMErrorCode = (typeof PEMErrorCode)[keyof typeof PEMErrorCode];
