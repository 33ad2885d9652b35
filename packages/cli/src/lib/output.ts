import { CLIError, ExitCode } from "./exit.js";
import { writeOutputFiles } from "./write-files.js";

/**
 * Writes a converter's result: to `--out` (never over an existing file without `--force`), else
 * to stdout. Binary output is refused on a terminal (exit 2), as `openssl` would garble it.
 */
export async function writeResult(content: string | Uint8Array, options: { out?: string | undefined; force?: boolean | undefined; command: string }): Promise<void> {
  if (options.out !== undefined) {
    if (options.out === "") throw new CLIError(`${options.command}: --out needs a file name`, ExitCode.USAGE);
    await writeOutputFiles([{ path: options.out, content, secret: false }], options.force === true);
    return;
  }
  if (typeof content !== "string" && process.stdout.isTTY) {
    throw new CLIError(`${options.command}: refusing to write binary DER to a terminal; use --out FILE or redirect (> cert.der)`, ExitCode.USAGE);
  }
  process.stdout.write(content);
}
