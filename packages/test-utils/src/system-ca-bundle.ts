import { existsSync, readFileSync } from "node:fs";

/** Where Debian-like systems keep the CA bundle. */
export const SYSTEM_CA_BUNDLE_PATH = "/etc/ssl/certs/ca-certificates.crt";

/** Returns the system CA bundle text, or `undefined` when this machine has none. */
export function readSystemCABundle(): string | undefined {
  return existsSync(SYSTEM_CA_BUNDLE_PATH) ? readFileSync(SYSTEM_CA_BUNDLE_PATH, "utf8") : undefined;
}
