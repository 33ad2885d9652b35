import { renderUsage, runCommand, showUsage } from "citty";
import type { CommandDef } from "citty";

type AnyCommand = CommandDef;

async function resolve<T>(value: T | (() => T | Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

/** The deepest sub-command the arguments name, its parent, and its path (`sslkit create cert`). */
async function resolveCommand(root: AnyCommand, rawArgs: readonly string[]): Promise<{ command: AnyCommand; parent: AnyCommand | undefined; path: string[] }> {
  const rootMeta = await resolve(root.meta ?? {});
  let command = root;
  let parent: AnyCommand | undefined;
  const path = [rootMeta.name ?? "sslkit"];
  let rest = [...rawArgs];
  for (;;) {
    const subCommands = await resolve(command.subCommands ?? {});
    const index = rest.findIndex((arg) => !arg.startsWith("-"));
    const name = rest[index];
    const sub = name === undefined ? undefined : (subCommands as Record<string, AnyCommand | (() => Promise<AnyCommand>) | undefined>)[name];
    if (name === undefined || sub === undefined) return { command, parent, path };
    // citty names a command by its parent's name and its own: give the parent the whole path.
    const parentMeta = await resolve(command.meta ?? {});
    parent = { ...command, meta: { ...parentMeta, name: path.join(" ") } };
    command = await resolve(sub);
    path.push(name);
    rest = rest.slice(index + 1);
  }
}

const camel = (name: string): string => name.replaceAll(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
const kebab = (name: string): string => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The first option in `rawArgs` that `command` does not define (citty would silently ignore it,
 * and a mistyped `--cafil` would verify against the default bundle), or `undefined`. Values of
 * string options are skipped; `--` ends the options; `-` and negative numbers are values.
 */
async function unknownOption(command: AnyCommand, rawArgs: readonly string[]): Promise<string | undefined> {
  const kinds = new Map<string, "boolean" | "string">([["help", "boolean"], ["h", "boolean"]]);
  for (const [name, definition] of Object.entries(await resolve(command.args ?? {}))) {
    if (definition.type === "positional") continue;
    const kind = definition.type === "boolean" ? "boolean" : "string";
    const alias = "alias" in definition ? definition.alias : undefined;
    for (const key of [name, camel(name), kebab(name), ...(alias === undefined ? [] : Array.isArray(alias) ? alias : [alias])]) kinds.set(key, kind);
  }
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] ?? "";
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) continue;
    const equals = arg.indexOf("=");
    const name = (equals === -1 ? arg : arg.slice(0, equals)).replace(/^--?/, "");
    if (arg.startsWith("--no-") && kinds.get(name.slice(3)) === "boolean") continue;
    const kind = kinds.get(name);
    if (kind === undefined) return equals === -1 ? arg : arg.slice(0, equals);
    if (kind === "string" && equals === -1) index++;
  }
  return undefined;
}

/** citty's own usage errors (missing argument, unknown or missing sub-command) carry these codes. */
const USAGE_CODES = new Set(["EARG", "E_UNKNOWN_COMMAND", "E_NO_COMMAND"]);
// eslint-disable-next-line no-control-regex -- removing colour codes is the point
const stripColour = (text: string): string => text.replaceAll(/\u001b\[[0-9;]*m/g, "");

/**
 * Runs the `sslkit` command as citty's `runMain` does (`--help`/`-h` at any depth; `bin.ts`
 * answers `--version` before loading this module), but with sslkit's conventions for what goes
 * wrong: a usage error (missing argument, unknown or missing sub-command) is one line on stderr
 * and exit code 2; any error a command let through is
 * one line (`--debug` adds the stack) and exit code 1 or 3. The process is never exited.
 */
export async function runMain(root: AnyCommand, rawArgs: readonly string[]): Promise<void> {
  try {
    if (rawArgs.includes("--help") || rawArgs.includes("-h")) {
      const { command, parent, path } = await resolveCommand(root, rawArgs);
      await showUsage(command, parent);
      const { helpSections } = await import("./help-sections.js");
      process.stdout.write(helpSections(path.slice(1)));
      return;
    }
    const { command, path } = await resolveCommand(root, rawArgs);
    const unknown = await unknownOption(command, rawArgs);
    if (unknown !== undefined) {
      process.stderr.write(`sslkit: error: unknown option ${unknown}\nRun \`${path.join(" ")} --help\` for usage.\n`);
      process.exitCode = 2;
      return;
    }
    await runCommand(root, { rawArgs: [...rawArgs] });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof Error && error.name === "CLIError" && typeof code === "string" && USAGE_CODES.has(code)) {
      const { command, parent, path } = await resolveCommand(root, rawArgs);
      // With no sub-command there is nothing else to say: show which ones there are.
      if (code === "E_NO_COMMAND") process.stderr.write(`${await renderUsage(command, parent)}\n\n`);
      process.stderr.write(`sslkit: error: ${stripColour(error.message)}\n`);
      if (code !== "E_NO_COMMAND") process.stderr.write(`Run \`${path.join(" ")} --help\` for usage.\n`);
      process.exitCode = 2;
      return;
    }
    const { reportError } = await import("./exit.js");
    reportError(error, rawArgs.includes("--debug"));
  }
}
