import { isSSLKitError } from "@sslkit/errors";

/** The documented exit codes of `sslkit`. */
export const ExitCode = {
  OK: 0,
  /** A verification or check failed, or the input is not what it should be. */
  FAILED: 1,
  /** Wrong command-line usage. */
  USAGE: 2,
  /** A network or file-system error. */
  IO: 3,
} as const;

/** An error the CLI reports in one line, with its exit code. */
export class CLIError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.FAILED) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** System error codes that mean the network or the file system failed. */
const IO_ERROR = /^E[A-Z]+$/;

/**
 * Prints an error on stderr (the stack only with `--debug`) and sets the exit code; the
 * process is never exited abruptly.
 */
export function reportError(error: unknown, debug: boolean): void {
  const code = (error as { code?: unknown } | null)?.code;
  let exitCode: number = ExitCode.FAILED;
  if (error instanceof CLIError) exitCode = error.exitCode;
  else if (typeof code === "string" && IO_ERROR.test(code)) exitCode = ExitCode.IO;
  const message = error instanceof Error ? error.message : String(error);
  const label = isSSLKitError(error) ? `${error.name} ${error.code}` : error instanceof CLIError ? "error" : (error as Error | undefined)?.name ?? "error";
  process.stderr.write(`sslkit: ${label}: ${message}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  process.exitCode = exitCode;
}
