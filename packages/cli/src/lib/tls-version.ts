import { TLSVersion } from "@sslkit/context";
import { CLIError, ExitCode } from "./exit.js";

const VERSIONS: Readonly<Record<string, TLSVersion>> = {
  "1": TLSVersion.TLSv1,
  "1.0": TLSVersion.TLSv1,
  "1.1": TLSVersion.TLSv1_1,
  "1.2": TLSVersion.TLSv1_2,
  "1.3": TLSVersion.TLSv1_3,
};

/** `1.2`, `tls1.2`, `TLSv1.2` or `TLSv1_2` → {@link TLSVersion}; a usage error otherwise. */
export function parseTLSVersion(option: string, text: string): TLSVersion {
  const key = text.toLowerCase().replace(/^tlsv?/, "").replaceAll("_", ".");
  const version = VERSIONS[key];
  if (version === undefined) throw new CLIError(`${option} must be 1.0, 1.1, 1.2 or 1.3, not ${JSON.stringify(text)}`, ExitCode.USAGE);
  return version;
}
