import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";

/** What the snapshot entry reports after each restore. */
export interface SnapshotReport {
  readonly pidAtBuild: number;
  readonly pid: number;
  readonly beforeSnapshot: string;
  readonly processWide: string;
  readonly instance: string;
  readonly deterministicError: string;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

// Runs while the snapshot is built: the generators are seeded and used, so their state is in the
// snapshot; every process restored from it starts from that same state, like a fork() child.
const ENTRY = `
const v8 = require("node:v8");
const { randBytes, Generator } = rand;
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const pidAtBuild = process.pid;
const beforeSnapshot = hex(randBytes(32));
const instance = new Generator();
instance.bytes(16);
const deterministic = randTesting.createDeterministicGenerator({ entropyInput: new Uint8Array(32), nonce: new Uint8Array(16) });
deterministic.bytes(16);
v8.startupSnapshot.setDeserializeMainFunction(() => {
  let deterministicError = "none";
  try { deterministic.bytes(16); } catch (error) { deterministicError = error.code; }
  process.stdout.write(JSON.stringify({
    pidAtBuild, pid: process.pid, beforeSnapshot,
    processWide: hex(randBytes(32)), instance: hex(instance.bytes(32)), deterministicError,
  }));
});
`;

/**
 * Builds a Node startup snapshot whose heap holds seeded generators (the package bundled as
 * CommonJS, since a snapshot entry may only require built-in modules) and restores it twice.
 */
export async function restoreTwice(dir: TempDir): Promise<[SnapshotReport, SnapshotReport]> {
  await build({
    entry: { rand: `${root}src/index.ts`, testing: `${root}src/testing.ts` },
    format: ["cjs"],
    platform: "node",
    target: "node20",
    outDir: dir.path,
    noExternal: [/.*/],
    splitting: false,
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
  });
  const wrap = (name: string, file: string): string =>
    `const ${name} = (() => { const module = { exports: {} }; const exports = module.exports;\n${readFileSync(dir.file(file), "utf8")}\nreturn module.exports; })();\n`;
  writeFileSync(dir.file("entry.js"), wrap("rand", "rand.cjs") + wrap("randTesting", "testing.cjs") + ENTRY);
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const blob = dir.file("snapshot.blob");
  const built = await runProcess(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", dir.file("entry.js")], { env });
  if (built.status !== 0) throw new Error(`building the snapshot failed: ${built.stderr}`);
  const restore = async (): Promise<SnapshotReport> => {
    const run = await runProcess(process.execPath, ["--snapshot-blob", blob], { env });
    if (run.status !== 0) throw new Error(`restoring the snapshot failed: ${run.stderr}`);
    return JSON.parse(run.stdout.toString("utf8")) as SnapshotReport;
  };
  return [await restore(), await restore()];
}
