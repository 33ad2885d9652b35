import type { CommandDef, Resolvable } from "citty";

/** One flag of a command, as a shell completion needs it. */
export interface FlagNode {
  /** Long name without dashes (`json`). */
  readonly name: string;
  /** One-letter aliases without the dash. */
  readonly short: readonly string[];
  /** Whether the flag takes a value (`--egd PATH`), so the next word is not a command. */
  readonly takesValue: boolean;
  readonly description: string;
}

/** A command and everything below it. */
export interface CommandNode {
  readonly name: string;
  readonly description: string;
  readonly flags: readonly FlagNode[];
  readonly subCommands: readonly CommandNode[];
}



async function resolve<T>(value: Resolvable<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

const HELP: FlagNode = { name: "help", short: ["h"], takesValue: false, description: "Show help" };
const VERSION: FlagNode = { name: "version", short: ["v"], takesValue: false, description: "Show the version" };

/**
 * Reads a citty command tree (loading every lazy sub-command) into plain data, with citty's
 * built-in `--help` everywhere and `--version` on the root, so completions follow the
 * definitions as commands are added.
 */
export async function readCommandTree(command: CommandDef, name?: string, root = true): Promise<CommandNode> {
  const meta = await resolve(command.meta ?? {});
  const args = await resolve(command.args ?? {});
  const flags: FlagNode[] = [];
  for (const [argName, definition] of Object.entries(args)) {
    if (definition.type === "positional") continue;
    const alias = "alias" in definition ? definition.alias : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    flags.push({
      name: argName,
      short: aliases.filter((value) => value.length === 1),
      takesValue: definition.type !== "boolean",
      description: definition.description ?? "",
    });
  }
  flags.push(HELP);
  if (root) flags.push(VERSION);
  const subCommands: CommandNode[] = [];
  for (const [subName, sub] of Object.entries(await resolve(command.subCommands ?? {}))) {
    const definition = await resolve(sub);
    const subMeta = await resolve(definition.meta ?? {});
    if (subMeta.hidden === true) continue;
    subCommands.push(await readCommandTree(definition as CommandDef, subName, false));
  }
  return { name: name ?? meta.name ?? "", description: meta.description ?? "", flags, subCommands };
}

/** Every command below `node` with its path of names (`["create", "ca"]`), depth first. */
export function commandPaths(node: CommandNode, prefix: readonly string[] = []): { path: readonly string[]; node: CommandNode }[] {
  const here = [{ path: prefix, node }];
  return here.concat(...node.subCommands.map((sub) => commandPaths(sub, [...prefix, sub.name])));
}
