import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { CLIError } from "./exit.js";

/** One file to write: private keys get mode 0600, everything else 0644. */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
  readonly secret: boolean;
}

/**
 * Writes every file, or none: refuses up front when one exists and `force` is off, so a
 * half-written set never replaces a working certificate and key.
 */
export async function writeOutputFiles(files: readonly OutputFile[], force: boolean): Promise<void> {
  const { existsSync } = await import("node:fs");
  const existing = files.filter((file) => existsSync(file.path)).map((file) => file.path);
  if (existing.length > 0 && !force) throw new CLIError(`refusing to overwrite ${existing.join(", ")} (use --force)`);
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true, mode: 0o700 });
    await writeFile(file.path, file.content, { mode: file.secret ? 0o600 : 0o644, flag: force ? "w" : "wx" });
  }
}
