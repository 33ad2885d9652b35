import { invalidArgTypeError, invalidArgValueError } from "@sslkit/errors";

/**
 * Checks a Python keyword-argument object: `undefined` means none; anything but a plain object
 * is `ERR_INVALID_ARG_TYPE`; a key Python's function does not take is `ERR_INVALID_ARG_VALUE`
 * (Python: "got an unexpected keyword argument"), so a misspelt keyword is never ignored.
 */
export function checkKeywords<T extends object>(functionName: string, keywords: T | undefined, allowed: readonly (keyof T & string)[]): Partial<T> {
  if (keywords === undefined) return {};
  if (typeof keywords !== "object" || (keywords as T | null) === null || ArrayBuffer.isView(keywords)) {
    throw invalidArgTypeError("keywords", "of type object", keywords);
  }
  for (const key of Object.keys(keywords)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw invalidArgValueError(`keywords.${key}`, (keywords as Record<string, unknown>)[key], `is not a keyword argument of ${functionName}()`);
    }
  }
  return keywords;
}

/** Drops the `undefined` entries, so an options object satisfies `exactOptionalPropertyTypes`. */
export function definedOnly<T extends Record<string, unknown>>(entries: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
