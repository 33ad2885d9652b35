/** Node's code for an argument of the wrong type. */
type InvalidArgCode = "ERR_INVALID_ARG_TYPE" | "ERR_INVALID_ARG_VALUE" | "ERR_OUT_OF_RANGE";

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "function") return `function ${value.name || "<anonymous>"}`;
  if (typeof value === "object") {
    const constructorName = (value as { constructor?: { name?: string } }).constructor?.name;
    return constructorName ? `an instance of ${constructorName}` : "an object";
  }
  const text = typeof value === "symbol" ? value.toString() : `${value as string | number | bigint | boolean}`;
  const shown = text.length > 28 ? `${text.slice(0, 25)}...` : text;
  return `type ${typeof value} (${typeof value === "string" ? `'${shown}'` : shown})`;
}

function withCode<E extends Error>(error: E, code: InvalidArgCode): E & { readonly code: InvalidArgCode } {
  Object.defineProperty(error, "code", { value: code, enumerable: true });
  return error as E & { readonly code: InvalidArgCode };
}

/**
 * Returns a `TypeError` with Node's `ERR_INVALID_ARG_TYPE` code and message.
 *
 * @param name - The argument's name, e.g. `"pem"` or `"options.entropy"`.
 * @param expected - What was expected, e.g. `"of type string"` or `"an instance of Uint8Array"`.
 * @param actual - The value received.
 * @example
 * ```ts
 * if (typeof pem !== "string") throw invalidArgTypeError("pem", "of type string", pem);
 * ```
 */
export function invalidArgTypeError(name: string, expected: string, actual: unknown): TypeError & {
  /** Node's error code, `"ERR_INVALID_ARG_TYPE"`. */
  readonly code: "ERR_INVALID_ARG_TYPE";
} {
  const error = withCode(new TypeError(`The "${name}" argument must be ${expected}. Received ${describeValue(actual)}`), "ERR_INVALID_ARG_TYPE");
  return error as TypeError & { readonly code: "ERR_INVALID_ARG_TYPE" };
}

/**
 * Returns a `TypeError` with Node's `ERR_INVALID_ARG_VALUE` code: right type, unusable value.
 *
 * @param name - The argument's name.
 * @param value - The value received.
 * @param reason - Why it is unusable. @defaultValue `"is invalid"`
 * @example
 * ```ts
 * throw invalidArgValueError("label", label, "must be upper-case ASCII");
 * ```
 */
export function invalidArgValueError(name: string, value: unknown, reason = "is invalid"): TypeError & {
  /** Node's error code, `"ERR_INVALID_ARG_VALUE"`. */
  readonly code: "ERR_INVALID_ARG_VALUE";
} {
  const shown = typeof value === "string" ? `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'` : describeValue(value);
  const error = withCode(new TypeError(`The argument '${name}' ${reason}. Received ${shown}`), "ERR_INVALID_ARG_VALUE");
  return error as TypeError & { readonly code: "ERR_INVALID_ARG_VALUE" };
}

/**
 * Returns a `RangeError` with Node's `ERR_OUT_OF_RANGE` code.
 *
 * @param name - The argument's name.
 * @param range - The accepted range in words, e.g. `">= 0 and <= 2147483647"`.
 * @param value - The value received.
 * @example
 * ```ts
 * if (n < 0) throw outOfRangeError("n", ">= 0", n);
 * ```
 */
export function outOfRangeError(name: string, range: string, value: unknown): RangeError & {
  /** Node's error code, `"ERR_OUT_OF_RANGE"`. */
  readonly code: "ERR_OUT_OF_RANGE";
} {
  const error = withCode(new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`), "ERR_OUT_OF_RANGE");
  return error as RangeError & { readonly code: "ERR_OUT_OF_RANGE" };
}
