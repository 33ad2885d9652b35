import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CommandDef } from "citty";
import { runProcess } from "@sslkit/test-utils";
import { main } from "../src/main.js";

const commandsDirectory = new URL("../src/commands/", import.meta.url);
/** The command modules in src/commands, by name. */
const FILES = readdirSync(commandsDirectory).filter((file) => file.endsWith(".ts")).map((file) => file.slice(0, -3)).sort();

/** Loads a command module directly (what main's lazy entry stands for). */
async function loadModule(name: string): Promise<CommandDef> {
  return ((await import(new URL(`${name}.ts`, commandsDirectory).href)) as { default: CommandDef }).default;
}

async function resolve<T>(value: T | (() => T | Promise<T>) | Promise<T> | undefined): Promise<T | undefined> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

describe("lazyCommand", () => {
  const entries = Object.entries(main.subCommands as Record<string, CommandDef>);

  it("lists every module of src/commands in main", () => {
    expect(entries.map(([name]) => name).sort()).toEqual(FILES);
  });

  it.each(entries)("keeps main's name and description of %s equal to the module's own", async (name, lazy) => {
    const command = await loadModule(name);
    expect(await resolve(lazy.meta)).toEqual(await resolve(command.meta));
    // A group of sub-commands must have no run, so that a missing sub-command is reported.
    const subCommands = (await resolve(command.subCommands)) ?? {};
    expect(lazy.run === undefined).toBe(Object.keys(subCommands).length > 0);
    expect(await resolve(lazy.args)).toEqual((await resolve(command.args)) ?? {});
  });

  it("reports a missing sub-command of a group with its usage on stderr, exit code 2", async () => {
    const result = await runProcess(process.execPath, [fileURLToPath(new URL("../dist/bin.js", import.meta.url)), "create"]);
    expect(result.status).toBe(2);
    expect(result.stdout.toString()).toBe("");
    expect(result.stderr).toContain("USAGE sslkit create ca|cert");
    expect(result.stderr).toContain("sslkit: error: No command specified.");
  });
});
