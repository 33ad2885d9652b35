import type * as PeculiarX509 from "@peculiar/x509";

/** The `@peculiar/x509` module namespace. */
export type Peculiar = typeof PeculiarX509;

let loading: Promise<Peculiar> | undefined;

/**
 * Loads `@peculiar/x509` on first use (importing it costs about 150 ms, which `decodeCert` and
 * `matchHostname` users should not pay), after the Reflect polyfill it requires.
 */
export function loadPeculiar(): Promise<Peculiar> {
  loading ??= import("./reflect-polyfill.js").then(() => import("@peculiar/x509"));
  return loading;
}
