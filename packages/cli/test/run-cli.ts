import { vi } from "vitest";
import { runCommand } from "citty";
import { main } from "../src/main.js";

/** What one in-process run of the CLI printed, and the exit code it set. */
export interface CLIRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | string | undefined;
}

/** Runs `sslkit <args>` in this process, capturing stdout and stderr. */
export async function runCLI(args: readonly string[]): Promise<CLIRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    process.exitCode = undefined;
    await runCommand(main, { rawArgs: [...args] });
    return { stdout: out.join(""), stderr: err.join(""), exitCode: process.exitCode };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

/** Runs `sslkit <args>` like {@link runCLI}, with `process.stdout.isTTY` true for the run (as on a terminal). */
export async function runOnTTY(args: readonly string[]): Promise<CLIRun> {
  const descriptor = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
  Object.defineProperty(process.stdout, "isTTY", { value: true, configurable: true, writable: true });
  try {
    return await runCLI(args);
  } finally {
    if (descriptor === undefined) Reflect.deleteProperty(process.stdout, "isTTY");
    else Object.defineProperty(process.stdout, "isTTY", descriptor);
  }
}
