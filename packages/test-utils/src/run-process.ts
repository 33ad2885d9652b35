import { spawn } from "node:child_process";

/** What a finished child process left behind. */
export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs a command to completion with optional standard input; never throws for a non-zero exit.
 * Kills the process after `timeoutMs` so a stuck peer cannot hang a test.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { input?: string | Uint8Array; timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString("utf8") });
    });
    child.stdin.end(options.input);
  });
}

/** Runs `python3 -c script args…` and returns its stdout parsed as JSON; throws with stderr on failure. */
export async function runPythonJSON<T = unknown>(script: string, args: readonly string[] = [], input?: string): Promise<T> {
  const result = await runProcess("python3", ["-c", script, ...args], input === undefined ? {} : { input });
  if (result.status !== 0) throw new Error(`python3 exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout.toString("utf8")) as T;
}

/** Runs the `openssl` CLI; throws with stderr when it exits non-zero. */
export async function runOpenSSL(args: readonly string[], input?: string | Uint8Array): Promise<Buffer> {
  const result = await runProcess("openssl", args, input === undefined ? {} : { input });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}
