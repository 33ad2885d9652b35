export { runProcess, runPythonJSON, runOpenSSL } from "./run-process.js";
export type { ProcessResult } from "./run-process.js";
export { makeTempDir } from "./temp-dir.js";
export type { TempDir } from "./temp-dir.js";
export { readSystemCABundle, SYSTEM_CA_BUNDLE_PATH } from "./system-ca-bundle.js";
export { makeTestPKI } from "./make-test-pki.js";
export type { TestPKI, TestIdentity } from "./make-test-pki.js";
export { startOpenSSLServer } from "./openssl-server.js";
export type { OpenSSLServer } from "./openssl-server.js";
