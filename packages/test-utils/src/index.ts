export { runProcess, runPythonJSON, runOpenSSL } from "./run-process.js";
export type { ProcessResult } from "./run-process.js";
export { makeTempDir } from "./temp-dir.js";
export type { TempDir } from "./temp-dir.js";
export { readSystemCABundle, SYSTEM_CA_BUNDLE_PATH } from "./system-ca-bundle.js";
