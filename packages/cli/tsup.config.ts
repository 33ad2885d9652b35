import type { Options } from "tsup";
import { libraryBuildConfig } from "../../tsup.shared.ts";

// An application: one executable entry, no type declarations; sibling packages stay external
// dependencies, resolved from node_modules.
const config: Options = libraryBuildConfig({ entry: ["src/bin.ts"], dts: false, external: [/^@sslkit\//, "citty"] });
export default config;
