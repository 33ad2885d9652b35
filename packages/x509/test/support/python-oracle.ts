import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { runPythonJSON } from "@sslkit/test-utils";

/** CPython's answers for one table of cases: live from python3, and as committed. */
export interface OracleAnswers<T> {
  /** The answers to use: python3's when it ran, else the committed ones. */
  readonly answers: T;
  /** python3's answers, or `undefined` when this machine has no python3. */
  readonly live: T | undefined;
  /** What `test/fixtures/python/<name>.json` holds: the inputs and CPython's answers to them. */
  readonly stored: { readonly input: unknown; readonly answers: T } | undefined;
}

/**
 * Runs a python3 oracle over `input` (JSON on stdin) and loads the committed answers from
 * `test/fixtures/python/<name>.json`. `UPDATE_PYTHON_FIXTURES=1 pnpm test` rewrites the file from
 * python3's live answers; without python3 the committed answers stand in.
 */
export async function pythonOracle<T>(name: string, script: string, input: unknown): Promise<OracleAnswers<T>> {
  const path = new URL(`../fixtures/python/${name}.json`, import.meta.url);
  let live: T | undefined;
  try {
    live = await runPythonJSON<T>(script, [], JSON.stringify(input));
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
  }
  if (live !== undefined && process.env.UPDATE_PYTHON_FIXTURES === "1") {
    writeFileSync(path, `${JSON.stringify({ input, answers: live }, null, 1)}\n`);
  }
  const stored = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { input: unknown; answers: T }) : undefined;
  const answers = live ?? stored?.answers;
  if (answers === undefined) throw new Error(`no python3 and no test/fixtures/python/${name}.json`);
  return { answers, live, stored };
}
