import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProcess } from "@sslkit/test-utils";

const root = fileURLToPath(new URL("../..", import.meta.url));

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Child processes import the package by name without the source condition, so they load
 * `dist/`: build it when it is missing or older than `src/` (turbo builds it before `test`).
 */
export async function ensureBuilt(): Promise<void> {
  const entry = join(root, "dist", "index.js");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(root, "src"))) return;
  const result = await runProcess("pnpm", ["exec", "tsup"], { cwd: root, timeoutMs: 120_000 });
  if (result.status !== 0) throw new Error(`building @sslkit/rand failed: ${result.stderr}`);
}
