import { spawn } from "node:child_process";

/** A running `openssl s_server` on 127.0.0.1. */
export interface OpenSSLServer {
  readonly port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Kills the server and resolves when it has exited. */
  close(): Promise<void>;
}

/**
 * Starts `openssl s_server -accept 127.0.0.1:0 …args` with its stdin held open, and resolves
 * once it prints `ACCEPT` with the port it bound. Close it in `afterEach`.
 */
export function startOpenSSLServer(args: readonly string[]): Promise<OpenSSLServer> {
  const child = spawn("openssl", ["s_server", "-accept", "127.0.0.1:0", ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let text = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => { resolve(); }));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString("utf8");
      const match = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(text);
      if (match?.[1] !== undefined) {
        resolve({
          port: Number(match[1]),
          output: () => text,
          close: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
            await exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    child.once("exit", (status) => { reject(new Error(`openssl s_server exited with ${status}: ${text}`)); });
  });
}
