import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temporary directory that removes itself with `Symbol.dispose` or `remove()`. */
export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): void;
}

/** Creates a fresh temporary directory under the OS temp folder. */
export function makeTempDir(prefix = "sslkit-test-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => { rmSync(path, { recursive: true, force: true }); },
  };
}
