import type { Options } from "tsup";
import { libraryBuildConfig } from "../../tsup.shared.ts";

// One output file per source file (bundle: false): with `sideEffects: false`, a bundler drops
// every sslkit/python module a program does not use (a single bundled file would keep the
// Python-named classes, whose static blocks install their aliases, and with them node:tls).
const config: Options = libraryBuildConfig({ entry: ["src/**/*.ts"], bundle: false });
export default config;
