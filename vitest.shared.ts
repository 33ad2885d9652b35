import { defineConfig } from "vitest/config";
import type { ViteUserConfig } from "vitest/config";

/**
 * The one vitest configuration every package uses: sibling packages resolve to their
 * `src/` through the `@sslkit/source` export condition (no build needed to test), and a
 * JSON report lands in `test-results/` so `.ci/run` can add up the totals.
 */
export function packageTestConfig(options: { testTimeout?: number } = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: ["@sslkit/source"] },
    ssr: { resolve: { conditions: ["@sslkit/source"] } },
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      pool: "forks",
    },
  });
}
