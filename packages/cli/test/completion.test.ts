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

/**
 * Completes a command line in a real zsh: an interactive zsh in a pseudo-terminal (zsh/zpty)
 * runs `compinit`, loads the script, and a Tab runs the completion system; a `compadd`
 * wrapper records every match offered, and the widget bound to Tab marks the end.
 */
async function completeInZsh(script: string, line: string): Promise<string[]> {
  const dir = makeTempDir();
  try {
    writeFileSync(dir.file("sslkit.zsh"), script);
    writeFileSync(dir.file(".zshrc"), `PROMPT='> '
autoload -U compinit && compinit -u -D
source \${ZDOTDIR}/sslkit.zsh
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- $hits >> $HITS
  builtin compadd "$@"
}
_test_complete() { zle complete-word; print -r -- "<END>" >> $HITS; }
zle -N _test_complete
bindkey '^I' _test_complete
print -r -- "<READY>"
`);
    writeFileSync(dir.file("drive.zsh"), `zmodload zsh/zpty
export HITS=$1/hits; : > $HITS
zpty z "ZDOTDIR=$1 TERM=dumb zsh -i"
zpty -r z ready '*<READY>*'
zpty -w -n z "$2"$'\\t'
for i in {1..600}; do grep -q '<END>' $HITS && break; sleep 0.05; done
zpty -d z
grep -q '<END>' $HITS || { print -u2 "no completion within 30 s"; exit 1; }
grep -v '<END>' $HITS
`);
    writeFileSync(dir.file("socket-file"), "");
    const result = await runProcess("zsh", ["-f", dir.file("drive.zsh"), dir.path, line], { cwd: dir.path, timeoutMs: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout.toString().split("\n").filter((entry) => entry !== "");
  } finally {
    dir.remove();
  }
}

/** Completes a command line in a real fish (`complete -C`); returns the candidates without descriptions. */
async function completeInFish(script: string, line: string): Promise<string[]> {
  const dir = makeTempDir();
  try {
    writeFileSync(dir.file("sslkit.fish"), script);
    writeFileSync(dir.file("socket-file"), "");
    const result = await runProcess("fish", ["--no-config", "-c", `source ${dir.file("sslkit.fish")}; complete -C $argv[1]`, line], { cwd: dir.path });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout.toString().split("\n").filter((entry) => entry !== "").map((entry) => entry.split("\t")[0] ?? "");
  } finally {
    dir.remove();
  }
}

describe("sslkit completion in real shells", () => {
  // zsh and fish are required (.ci/run installs them): a missing shell fails these tests.
  it("zsh: completes every sub-command after `sslkit `, and a prefix", async () => {
    const { stdout } = await runCLI(["completion", "zsh"]);
    expect((await completeInZsh(stdout, "sslkit ")).sort()).toEqual(mainCommands());
    expect(await completeInZsh(stdout, "sslkit con")).toEqual(["connect"]);
  });

  it("zsh: completes nested sub-commands and each command's flags", async () => {
    const { stdout } = await runCLI(["completion", "zsh"]);
    expect(await completeInZsh(stdout, "sslkit create ")).toEqual(["ca", "cert"]);
    expect(await completeInZsh(stdout, "sslkit rand 16 --")).toEqual(["--hex", "--base64", "--egd", "--json", "--debug", "--help"]);
    expect(await completeInZsh(stdout, "sslkit create cert --key-")).toEqual(["--key-file", "--key-type"]);
  });

  it("zsh: completes file names after a flag that takes a value", async () => {
    const { stdout } = await runCLI(["completion", "zsh"]);
    expect(await completeInZsh(stdout, "sslkit rand --egd sock")).toEqual(["socket-file"]);
  });

  it("fish: completes every sub-command after `sslkit `, and a prefix", async () => {
    const { stdout } = await runCLI(["completion", "fish"]);
    expect((await completeInFish(stdout, "sslkit ")).sort()).toEqual(mainCommands());
    expect(await completeInFish(stdout, "sslkit con")).toEqual(["connect"]);
  });

  it("fish: completes nested sub-commands and each command's flags", async () => {
    const { stdout } = await runCLI(["completion", "fish"]);
    expect(await completeInFish(stdout, "sslkit create ")).toEqual(["ca", "cert"]);
    expect((await completeInFish(stdout, "sslkit rand 16 --")).sort()).toEqual(["--base64", "--debug", "--egd", "--help", "--hex", "--json"]);
    expect(await completeInFish(stdout, "sslkit create cert --key-")).toEqual(["--key-file", "--key-type"]);
  });

  it("fish: completes file names after a flag that takes a value", async () => {
    const { stdout } = await runCLI(["completion", "fish"]);
    expect(await completeInFish(stdout, "sslkit rand --egd sock")).toEqual(["socket-file"]);
  });
});

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
    expect(await complete(stdout, ["sslkit", "rand", "16", "--"])).toEqual(["--hex", "--base64", "--egd", "--json", "--debug", "--help"]);
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
