import type { Options } from "tsup";
import { libraryBuildConfig } from "../../tsup.shared.ts";

const config: Options = libraryBuildConfig();
export default config;
