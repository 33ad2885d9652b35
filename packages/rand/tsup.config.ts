import type { Options } from "tsup";
import { libraryBuildConfig } from "../../tsup.shared.ts";

const config: Options = libraryBuildConfig({ entry: ["src/index.ts", "src/testing.ts"] });
export default config;
