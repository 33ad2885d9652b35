import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { makeTestPKI, runProcess } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { commandPaths, readCommandTree } from "../src/lib/command-tree.js";
import type { CommandNode } from "../src/lib/command-tree.js";
import { main } from "../src/main.js";
import packageJson from "../package.json" with { type: "json" };

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const ESC = "\u001B[";

/** Runs the built binary in a pipe, with no colour settings inherited from the test runner. */
async function sslkit(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const result = await runProcess(process.execPath, [bin, ...args], { env: { ...base, ...env } });
  return { stdout: result.stdout.toString(), stderr: result.stderr, status: result.status };
}

let tree: CommandNode;
let commands: { path: readonly string[]; node: CommandNode }[];
let pki: TestPKI;

beforeAll(async () => {
  tree = await readCommandTree(main);
  // Every command that runs (a group only dispatches to its sub-commands).
  commands = commandPaths(tree).filter(({ path, node }) => path.length > 0 && node.subCommands.length === 0);
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

describe("every sslkit command", () => {
  it("has --json and --debug", () => {
    for (const { path, node } of commands) {
      expect(node.flags.map((flag) => flag.name), path.join(" ")).toEqual(expect.arrayContaining(["json", "debug", "help"]));
    }
  });

  it("describes itself and each flag in a sentence", () => {
    for (const { path, node } of commands) {
      expect(node.description.length, path.join(" ")).toBeGreaterThanOrEqual(20);
      for (const flag of node.flags) expect(flag.description.length, `${path.join(" ")} --${flag.name}`).toBeGreaterThanOrEqual(9);
    }
  });

  it("prints man-page-like --help without colour to a pipe: description, USAGE with the full command, arguments and options", async () => {
    for (const { path, node } of commands) {
      const { stdout, stderr, status } = await sslkit([...path, "--help"]);
      const name = `sslkit ${path.join(" ")}`;
      expect({ name, status, stderr }).toEqual({ name, status: 0, stderr: "" });
      expect(stdout, name).not.toContain(ESC);
      expect(stdout.startsWith(`${node.description} (`), name).toBe(true);
      expect(stdout, name).toContain(`USAGE ${name} `);
      for (const flag of node.flags.filter((f) => f.name !== "help" && f.name !== "version")) expect(stdout, name).toMatch(new RegExp(`--${flag.name}\\b.*  ${flag.description.slice(0, 20).replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(stdout.replace(`v${packageJson.version}`, "v<version>")).toMatchSnapshot(name);
    }
  });

  it("ends --help with examples that use only the command's own flags, the environment and the exit codes", async () => {
    for (const { path } of commandPaths(tree)) {
      const name = ["sslkit", ...path].join(" ");
      const { stdout } = await sslkit([...path, "--help"]);
      const examples = /\nEXAMPLES\n\n((?: {2}.+\n)+)/.exec(stdout)?.[1];
      expect(examples, name).toBeDefined();
      for (const line of (examples ?? "").trimEnd().split("\n")) {
        const words = line.trim().replace(/#.*/, "").split(/\s+/);
        const at = words.findIndex((word) => /(?:^|\()sslkit$/.test(word));
        expect(at, line).toBeGreaterThanOrEqual(0);
        // The command an example runs, and the flags it uses, must exist.
        let command = tree;
        for (const word of words.slice(at + 1)) {
          const sub = command.subCommands.find((candidate) => candidate.name === word);
          if (sub === undefined) break;
          command = sub;
        }
        if (path.length > 0) expect(command, line).not.toBe(tree);
        for (const flag of words.filter((word) => /^--[a-z]/.test(word))) expect(command.flags.map((f) => `--${f.name}`), `${line}: ${flag}`).toContain(flag);
      }
      expect(stdout, name).toMatch(/\nENVIRONMENT\n\n {2}NO_COLOR +.+\n/);
      expect(stdout.endsWith("EXIT CODES\n\n  0  success\n  1  a check failed (verification, host name, expiry, …) or the input is not what it should be\n  2  usage error: a missing or malformed argument\n  3  network or I/O error: refused, timed out, file missing\n"), name).toBe(true);
    }
  });

  it("exits 2 with one line and a pointer to --help when a required argument is missing", async () => {
    const needing = ["verify", "inspect", "connect", "get-cert", "pem2der", "der2pem", "split", "rehash", "scan", "create cert"];
    for (const command of needing) {
      const { stdout, stderr, status } = await sslkit(command.split(" "));
      expect({ command, status, stdout }).toEqual({ command, status: 2, stdout: "" });
      expect(stderr, command).toMatch(new RegExp(`^sslkit: error: Missing required positional argument: [A-Z]+\\nRun \`sslkit ${command} --help\` for usage\\.\\n$`));
    }
  });

  it("exits 2 for an unknown option instead of ignoring it (a mistyped --cafile must not fall back to the default bundle)", async () => {
    const typo = await sslkit(["verify", pki.server.certPath, "--cafil", pki.ca.certPath]);
    expect(typo).toEqual({ status: 2, stdout: "", stderr: "sslkit: error: unknown option --cafil\nRun `sslkit verify --help` for usage.\n" });
    const nested = await sslkit(["create", "cert", "example.test", "--day=3"]);
    expect(nested).toEqual({ status: 2, stdout: "", stderr: "sslkit: error: unknown option --day\nRun `sslkit create cert --help` for usage.\n" });
    // Known options in every spelling still work: --name=value, camelCase, --no-flag, aliases,
    // and values that start with a dash.
    const fine = await sslkit(["verify", pki.server.certPath, `--cafile=${pki.ca.certPath}`, "--no-json", "--purpose", "sslserver"]);
    expect(fine.status).toBe(0);
    expect((await sslkit(["rand", "4", "--hex", "--json"])).status).toBe(0);
    expect((await sslkit(["scan", "127.0.0.1:1", "--timeout", "-1"])).stderr).toContain("--timeout must be a positive number");
  });

  it("exits 2 for an unknown command, and lists the sub-commands of a group called alone", async () => {
    const unknown = await sslkit(["frobnicate"]);
    expect(unknown).toEqual({ status: 2, stdout: "", stderr: "sslkit: error: Unknown command frobnicate\nRun `sslkit --help` for usage.\n" });
    const group = await sslkit(["create"]);
    expect(group.status).toBe(2);
    expect(group.stdout).toBe("");
    expect(group.stderr).toContain("USAGE sslkit create ca|cert");
    expect(group.stderr.endsWith("sslkit: error: No command specified.\n")).toBe(true);
  });

  it("prints a stack trace only with --debug", async () => {
    const missing = pki.dir.file("missing.pem");
    const plain = await sslkit(["verify", missing]);
    expect(plain.status).toBe(3);
    expect(plain.stderr).toBe(`sslkit: Error: ENOENT: no such file or directory, open '${missing}'\n`);
    const debug = await sslkit(["verify", missing, "--debug"]);
    expect(debug.status).toBe(3);
    expect(debug.stderr.startsWith(plain.stderr)).toBe(true);
    expect(debug.stderr).toMatch(/\n {4}at .+/);
  });

  it("colours a report only on request (FORCE_COLOR) and never with NO_COLOR", async () => {
    const args = ["verify", pki.server.certPath, "--cafile", pki.ca.certPath];
    const piped = await sslkit(args);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain("OK");
    expect(piped.stdout).not.toContain(ESC);
    expect((await sslkit(args, { FORCE_COLOR: "1" })).stdout).toContain(`${ESC}32m`);
    expect((await sslkit(args, { FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).not.toContain(ESC);
  });
});
