import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CommandDef } from "citty";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import { main } from "../src/main.js";
import { runCLI } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** The sub-command names of main, read from its definition (the source of truth). */
function mainCommands(): string[] {
  const subCommands = main.subCommands as Record<string, unknown>;
  return Object.keys(subCommands).sort();
}

/** Runs the bash completion function for a command line; the last word is being completed. */
async function complete(script: string, words: readonly string[]): Promise<string[]> {
  const dir = makeTempDir();
  try {
    const file = dir.file("sslkit.bash");
    writeFileSync(file, script);
    const quoted = words.map((word) => `'${word}'`).join(" ");
    const program = `source "${file}"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _sslkit_completion; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = await runProcess("bash", ["--norc", "--noprofile", "-c", program]);
    expect(result.stderr).toBe("");
    return result.stdout.toString().split("\n").filter((line) => line !== "");
  } finally {
    dir.remove();
  }
}

describe("sslkit completion", () => {
  it("prints a bash script that bash accepts (bash -n)", async () => {
    const result = await runProcess(process.execPath, [bin, "completion", "bash"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const check = await runProcess("bash", ["-n"], { input: result.stdout.toString() });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("completes every sub-command of main after `sslkit `", async () => {
    const { stdout } = await runCLI(["completion", "bash"]);
    expect(await complete(stdout, ["sslkit", ""])).toEqual(mainCommands());
  });

  it("completes nested sub-commands and a command's own flags", async () => {
    const { stdout } = await runCLI(["completion", "bash"]);
    expect(await complete(stdout, ["sslkit", "create", ""])).toEqual(["ca", "cert"]);
    expect(await complete(stdout, ["sslkit", "rand", "16", "--"])).toEqual(["--hex", "--base64", "--egd", "--debug", "--help"]);
    expect(await complete(stdout, ["sslkit", "create", "cert", "--key-"])).toEqual(["--key-file", "--key-type"]);
    expect(await complete(stdout, ["sslkit", "--v"])).toEqual(["--version"]);
  });

  it("leaves the word after a flag that takes a value to file-name completion", async () => {
    const { stdout } = await runCLI(["completion", "bash"]);
    expect(await complete(stdout, ["sslkit", "rand", "--egd", ""])).toEqual([]);
  });

  it("reads each command's flags from its definition", async () => {
    const { stdout } = await runCLI(["completion", "bash"]);
    const subCommands = main.subCommands as Record<string, CommandDef>;
    for (const name of mainCommands()) {
      const command = subCommands[name] as CommandDef;
      const args = (typeof command.args === "function" ? await command.args() : await command.args) ?? {};
      const flags = Object.entries(args).filter(([, definition]) => definition.type !== "positional").map(([flag]) => `--${flag}`);
      const completed = await complete(stdout, ["sslkit", name, "--"]);
      expect(completed, name).toEqual(expect.arrayContaining([...flags, "--help"]));
    }
  });

  it("prints a zsh function with every sub-command and its description", async () => {
    const { stdout, exitCode } = await runCLI(["completion", "zsh"]);
    expect(exitCode ?? 0).toBe(0);
    expect(stdout.startsWith("#compdef sslkit\n")).toBe(true);
    for (const name of mainCommands()) expect(stdout).toMatch(new RegExp(`'${name}:[^']+'`));
    expect(stdout).toContain("'--egd:First mix 256 bytes");
  });

  it("prints fish complete lines for every sub-command, nested commands and flags", async () => {
    const { stdout, exitCode } = await runCLI(["completion", "fish"]);
    expect(exitCode ?? 0).toBe(0);
    for (const name of mainCommands()) expect(stdout).toContain(`complete -c sslkit -f -n '__fish_use_subcommand' -a '${name}' -d '`);
    expect(stdout).toContain("complete -c sslkit -f -n '__fish_seen_subcommand_from create; and not __fish_seen_subcommand_from ca cert' -a 'ca'");
    expect(stdout).toContain("complete -c sslkit -n '__fish_seen_subcommand_from rand' -l egd -r -d '");
  });

  it.each([[[]], [["powershell"]], [["bash", "zsh"]]])("exits 2 for the shell list %j", async (shells) => {
    const { stdout, stderr, exitCode } = await runCLI(["completion", ...shells]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^sslkit: error: completion needs one shell: bash, zsh or fish/);
  });
});
