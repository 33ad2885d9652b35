/**
 * The layer table of DESIGN.md: which workspace packages each package may depend on.
 * Dependencies point upward only (towards `@sslkit/errors`), never sideways or down.
 */
export const ALLOWED_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  "@sslkit/errors": [],
  "@sslkit/pem": ["@sslkit/errors"],
  "@sslkit/rand": ["@sslkit/errors"],
  "@sslkit/x509": ["@sslkit/pem", "@sslkit/errors"],
  "@sslkit/context": ["@sslkit/x509", "@sslkit/pem", "@sslkit/errors"],
  "@sslkit/socket": ["@sslkit/context", "@sslkit/x509", "@sslkit/errors"],
  "@sslkit/cli": ["@sslkit/socket", "@sslkit/context", "@sslkit/x509", "@sslkit/pem", "@sslkit/rand", "@sslkit/errors"],
  sslkit: ["@sslkit/socket", "@sslkit/context", "@sslkit/x509", "@sslkit/pem", "@sslkit/rand", "@sslkit/errors"],
};

/** Private packages any package may use for its tests (devDependencies only). */
export const TEST_ONLY_PACKAGES: readonly string[] = ["@sslkit/test-utils"];
