import { existsSync } from "node:fs";
import { CLIError, ExitCode } from "./exit.js";

const BRACKETED = /^\[([0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]:(\d+)$/;
// eslint-disable-next-line no-control-regex -- control characters are refused in host names
const PLAIN = /^([^\s:/\\[\]\u0000-\u001f\u007f]+):(\d+)$/;

/** `host:port` or `[v6]:port` → `[host, port]`, or `undefined` when `text` has another shape. */
export function matchHostPort(text: string): [string, number] | undefined {
  const match = BRACKETED.exec(text) ?? PLAIN.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return [match[1], Number(match[2])];
}

/** Parses a command-line `host:port` (or `[v6]:port`) argument; a usage error otherwise. */
export function parseHostPort(text: string): [string, number] {
  const address = matchHostPort(text);
  if (address === undefined) throw new CLIError(`expected host:port (or [IPv6]:port), not ${JSON.stringify(text)}`, ExitCode.USAGE);
  if (address[1] < 1 || address[1] > 65_535) throw new CLIError(`port out of range (1-65535): ${address[1]}`, ExitCode.USAGE);
  return address;
}

/** Whether a command argument names a server rather than a file: `host:port` and no such file. */
export function isServerArgument(text: string): boolean {
  return text !== "-" && matchHostPort(text) !== undefined && !existsSync(text);
}

/** Parses `--timeout` seconds: a positive number. */
export function parseTimeout(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new CLIError(`--timeout must be a positive number of seconds, not ${JSON.stringify(text)}`, ExitCode.USAGE);
  return seconds;
}
