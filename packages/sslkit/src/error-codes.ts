/**
 * The codes `sslkit/python`'s adapters throw themselves (everything else comes from the
 * sub-packages, whose READMEs list their codes).
 *
 * @example
 * ```ts
 * try { await wrap_socket(sock, { ca_cert: "ca.pem" } as never); } catch (error) { error.code === PythonAdapterErrorCode.INVALID_ARG_VALUE; }
 * ```
 */
export const PythonAdapterErrorCode = {
  /** A keyword object that is not an object. */
  INVALID_ARG_TYPE: "ERR_INVALID_ARG_TYPE",
  /** A keyword the Python function does not take (Python: "got an unexpected keyword argument"). */
  INVALID_ARG_VALUE: "ERR_INVALID_ARG_VALUE",
} as const;

/** One of {@link PythonAdapterErrorCode}. */
export type PythonAdapterErrorCode = (typeof PythonAdapterErrorCode)[keyof typeof PythonAdapterErrorCode];
