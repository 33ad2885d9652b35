import type { Options } from "tsup";

const config: Options = {
  entry: ["src/bin.ts"],
  format: ["esm"],
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node20",
  // Internal packages stay external: they are dependencies, resolved from node_modules.
  external: [/^@sslkit\//, "citty"],
};
export default config;
