import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** A running `python3` peer: it printed its first line (`ready`, or the port it listens on). */
export interface PythonPeer {
  /** The first line the script printed. */
  readonly firstLine: string;
  /** Resolves everything the script printed after its first line, once it exited with status 0. */
  finished(): Promise<string>;
  /** Kills the script if it still runs. */
  close(): Promise<void>;
}

/**
 * Runs `python3 -c script …args` and resolves once it printed its first line (a server prints
 * its port after `listen()`). `finished()` rejects with stderr when the script fails.
 */
export function startPython(script: string, args: readonly string[] = []): Promise<PythonPeer> {
  const child: ChildProcessWithoutNullStreams = spawn("python3", ["-u", "-c", script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("close", (status) => { resolve(status); }));
  child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf("\n");
      if (newline !== -1) {
        resolve({
          firstLine: stdout.slice(0, newline),
          finished: async () => {
            const status = await exited;
            if (status !== 0) throw new Error(`python3 exited with ${status}: ${stderr}`);
            return stdout.slice(newline + 1);
          },
          close: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
            await exited;
          },
        });
      }
    });
    void exited.then((status) => { reject(new Error(`python3 exited with ${status} before its first line: ${stderr}`)); });
  });
}
