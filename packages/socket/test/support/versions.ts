import { TLSVersion } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";

/** The TLS versions the interop tests run each case with, one at a time. */
export const VERSIONS = ["TLSv1.2", "TLSv1.3"] as const;

/** One of {@link VERSIONS}. */
export type VersionName = (typeof VERSIONS)[number];

/** Limits `context` to exactly `version` (its minimum and maximum); returns it. */
export function pinVersion<T extends SSLContext>(context: T, version: VersionName): T {
  const value = version === "TLSv1.2" ? TLSVersion.TLSv1_2 : TLSVersion.TLSv1_3;
  context.minimumVersion = value;
  context.maximumVersion = value;
  return context;
}
