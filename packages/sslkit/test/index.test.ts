import { describe, expect, it } from "vitest";
import * as sslkit from "sslkit";
import * as errors from "@sslkit/errors";
import * as pem from "@sslkit/pem";
import * as x509 from "@sslkit/x509";
import * as rand from "@sslkit/rand";
import * as context from "@sslkit/context";
import * as socket from "@sslkit/socket";

const subPackages: Record<string, Record<string, unknown>> = {
  "@sslkit/errors": errors,
  "@sslkit/pem": pem,
  "@sslkit/x509": x509,
  "@sslkit/rand": rand,
  "@sslkit/context": context,
  "@sslkit/socket": socket,
};

/** Names sslkit takes from another package than this one, and why (also in the README). */
const deliberatelyExcluded: Record<string, Record<string, string>> = {
  "@sslkit/context": {
    SSLContext: "@sslkit/socket's SSLContext is this one plus wrapSocket",
    createDefaultContext: "@sslkit/socket's returns its SSLContext (with wrapSocket)",
  },
};

describe("sslkit", () => {
  for (const [name, namespace] of Object.entries(subPackages)) {
    it(`re-exports every public export of ${name} as the very same value, or excludes it with a reason`, () => {
      const excluded = deliberatelyExcluded[name] ?? {};
      for (const key of Object.keys(namespace)) {
        if (key in excluded) {
          expect(sslkit, `${name}.${key}`).toHaveProperty(key);
          continue;
        }
        expect(Object.keys(sslkit), `${name}.${key}`).toContain(key);
        expect((sslkit as Record<string, unknown>)[key], `${name}.${key}`).toBe(namespace[key]);
      }
    });
  }

  it("takes SSLContext and createDefaultContext from @sslkit/socket, whose SSLContext extends @sslkit/context's", () => {
    expect(sslkit.SSLContext).toBe(socket.SSLContext);
    expect(sslkit.createDefaultContext).toBe(socket.createDefaultContext);
    expect(new sslkit.SSLContext()).toBeInstanceOf(context.SSLContext);
    expect(typeof sslkit.createDefaultContext().wrapSocket).toBe("function");
  });

  it("takes the SSL_ERROR_* constants from @sslkit/errors, which @sslkit/context re-exports unchanged", () => {
    expect(sslkit.SSL_ERROR_EOF).toBe(errors.SSL_ERROR_EOF);
    expect(context.SSL_ERROR_EOF).toBe(errors.SSL_ERROR_EOF);
  });

  it("exports nothing of its own: every export comes from a sub-package", () => {
    const known = new Set(Object.values(subPackages).flatMap((namespace) => Object.keys(namespace)));
    expect(Object.keys(sslkit).filter((key) => !known.has(key))).toEqual([]);
  });

  it("keeps every exclusion pointing at a name that exists (no stale reasons)", () => {
    for (const [name, excluded] of Object.entries(deliberatelyExcluded)) {
      for (const key of Object.keys(excluded)) expect(subPackages[name], `${name}.${key}`).toHaveProperty(key);
    }
  });
});
