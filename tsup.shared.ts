import type { Options } from "tsup";

/**
 * The one tsup configuration every library package uses: ESM only, type declarations,
 * source maps, Node 20 syntax. `entry` defaults to the package's `src/index.ts`.
 */
export function libraryBuildConfig(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
    ...overrides,
  };
}
