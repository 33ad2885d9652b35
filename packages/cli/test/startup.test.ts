import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const dist = new URL("../dist/", import.meta.url).href;

/** A module-resolution hook that appends every resolved URL to a log file. */
const HOOKS = `
import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + "\\n");
  return result;
}
`;
/**
 * Registers the hook, and at exit also logs Node's own record of the built-in modules loaded
 * (\`process.moduleLoadList\`), which sees \`require("tls")\` from CommonJS code as well.
 */
const REGISTER = `
import { appendFileSync } from "node:fs";
import { register } from "node:module";
const log = process.env.SSLKIT_IMPORT_LOG;
register(new URL("./hooks.mjs", import.meta.url), { data: { log } });
process.on("exit", () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith("NativeModule ")).map((entry) => "builtin:" + entry.slice(13));
  appendFileSync(log, builtins.join("\\n") + "\\n");
});
`;

/** The command modules (src/commands/*.ts and their sub-command files), by name. */
const COMMAND_NAMES = readdirSync(new URL("../src/commands/", import.meta.url), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.replace(/^.*\//, "").slice(0, -3));
/** A command's own chunk in dist (`time-4WOXXPXC.js`), as opposed to main's and shared chunks. */
const COMMAND_CHUNK = new RegExp(`^${dist.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:${COMMAND_NAMES.join("|")})-[A-Z0-9]{8}\\.js$`);
/** sslkit's packages (and through them @peculiar/x509), TLS and crypto: what start-up must not load. */
const HEAVY = /@peculiar|\/(?:x509|context|socket|rand|pem|errors)\/dist\/|^node:(?:tls|crypto|net)$/;

let dir: TempDir;

beforeAll(() => {
  dir = makeTempDir();
  writeFileSync(dir.file("hooks.mjs"), HOOKS);
  writeFileSync(dir.file("register.mjs"), REGISTER);
});
afterAll(() => {
  dir.remove();
});

/** Runs the built binary and returns every URL its ES modules resolved (the entry point excluded). */
async function importsOf(args: readonly string[]): Promise<string[]> {
  const log = dir.file(`imports-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, "");
  const result = await runProcess(process.execPath, ["--import", pathToFileURL(dir.file("register.mjs")).href, bin, ...args], {
    env: { ...process.env, SSLKIT_IMPORT_LOG: log, NO_COLOR: "1" },
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter((url) => url !== "" && url !== pathToFileURL(bin).href);
}

describe("sslkit start-up", () => {
  it.each([[["--version"]], [["--help"]], [["-h"]]])("loads no command module and no heavy package for %j", async (args) => {
    const urls = await importsOf(args);
    expect(urls.filter((url) => COMMAND_CHUNK.test(url))).toEqual([]);
    expect(urls.filter((url) => HEAVY.test(url))).toEqual([]);
    // (node:net is not on the list: Node itself loads it for a piped stdout.)
    expect(urls.filter((url) => /^builtin:(?:tls|_tls_wrap|crypto)$/.test(url))).toEqual([]);
  });

  it.each([[["--version"]], [["-v"]]])("loads only its own chunks for %j, not even the argument parser", async (args) => {
    const urls = new Set(await importsOf(args));
    const foreign = [...urls].filter((url) => !url.startsWith(dist) && !url.startsWith("builtin:"));
    expect(foreign).toEqual([]);
  });

  it("loads only its own chunks, citty and node:util for --help", async () => {
    const urls = new Set(await importsOf(["--help"]));
    const foreign = [...urls].filter((url) => !url.startsWith(dist) && !url.includes("/citty/") && !url.startsWith("builtin:"));
    expect(foreign).toEqual(["node:util"]);
  });

  it("sees what a command loads: `time` brings in @sslkit/x509, `ciphers` node:tls", async () => {
    const time = await importsOf(["time", "Jan  5 09:34:43 2018 GMT"]);
    expect(time.filter((url) => COMMAND_CHUNK.test(url)).map((url) => url.slice(dist.length))).toEqual([expect.stringMatching(/^time-/)]);
    expect(time.some((url) => /\/x509\/dist\//.test(url))).toBe(true);
    const ciphers = await importsOf(["ciphers", "AES128"]);
    expect(ciphers).toContain("node:tls");
    expect(ciphers).toContain("builtin:tls");
  });
});

describe("sslkit colour", () => {
  const ESC = "\u001B[";

  it.each([[["--help"]], [["rand", "--help"]], [["create", "--help"]]])("prints %j without colour codes to a pipe", async (args) => {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const result = await runProcess(process.execPath, [bin, ...args], { env });
    expect(result.status).toBe(0);
    expect(result.stdout.toString()).toContain("USAGE");
    expect(result.stdout.toString()).not.toContain(ESC);
  });

  it("colours --help only when asked (FORCE_COLOR), and NO_COLOR of any value wins", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "1" };
    // citty also turns colour off under TEST or CI, which a test runner may set.
    delete env.NO_COLOR;
    delete env.TEST;
    delete env.CI;
    const forced = await runProcess(process.execPath, [bin, "--help"], { env });
    expect(forced.stdout.toString()).toContain(ESC);
    const refused = await runProcess(process.execPath, [bin, "--help"], { env: { ...env, NO_COLOR: "true" } });
    expect(refused.stdout.toString()).not.toContain(ESC);
  });
});
