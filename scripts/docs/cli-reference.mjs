// The CLI reference in docs/guides/cli.md, generated from the built `sslkit` command's own
// `--help` output: every command and sub-command the command tree lists, recursively.
//
//   node scripts/docs/cli-reference.mjs          checks that the guide is up to date
//   node scripts/docs/cli-reference.mjs --write  rewrites the generated part of the guide
//
// `pnpm run docs` rewrites it before every build (so the site always shows the CLI as built,
// and a CLI change never breaks the docs build); commit the file when it changed.
// Needs `packages/cli/dist` (pnpm build); `pnpm run docs` builds it first.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = `${root}packages/cli/dist/bin.js`;
export const guidePath = `${root}docs/guides/cli.md`;
const START = "<!-- cli-reference:start (generated from `sslkit --help` by scripts/docs/cli-reference.mjs --write; do not edit) -->";
const END = "<!-- cli-reference:end -->";

/** Runs `sslkit <path…> --help` without colour and returns the text, without the version number. */
function help(path) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first`);
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const text = execFileSync(process.execPath, [bin, ...path, "--help"], { env, encoding: "utf8" });
  return text
    .replace(/ \(sslkit[^()]* v\d[^)]*\)/, "") // the version changes on every release; the reference must not
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/** The sub-command names a help text lists on its `USAGE` line (`sslkit a|b|c`), if it has a COMMANDS section. */
function subCommandsOf(text) {
  if (!/^COMMANDS$/m.test(text)) return [];
  const usage = /^USAGE \S+(?: \S+)* ([a-z0-9-]+(?:\|[a-z0-9-]+)+|[a-z0-9-]+)$/m.exec(text);
  if (usage === null) throw new Error(`cannot find the sub-commands in:\n${text}`);
  return usage[1].split("|");
}

/** Every command of the tree, depth first, as `{ path, text }`. */
function walk(path = []) {
  const text = help(path);
  const entries = [{ path, text }];
  for (const name of subCommandsOf(text)) entries.push(...walk([...path, name]));
  return entries;
}

/** The generated Markdown: one section per command with its `--help` text. */
export function renderCliReference() {
  const sections = walk().map(({ path, text }) => {
    const title = ["sslkit", ...path].join(" ");
    return `### \`${title}\`\n\n\`\`\`text\n${text}\n\`\`\``;
  });
  return `${START}\n\n${sections.join("\n\n")}\n\n${END}`;
}

/** The guide with its generated part replaced by `reference`. */
function withReference(guide, reference) {
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`${guidePath} lacks the cli-reference markers`);
  return guide.slice(0, start) + reference + guide.slice(end + END.length);
}

/** Throws when docs/guides/cli.md differs from what the current CLI prints. */
export function checkCliReference() {
  const guide = readFileSync(guidePath, "utf8");
  if (withReference(guide, renderCliReference()) !== guide) {
    throw new Error(
      "docs/guides/cli.md is out of date with `sslkit --help`: run `node scripts/docs/cli-reference.mjs --write` and commit the result",
    );
  }
}

/** Rewrites the generated part of docs/guides/cli.md; returns whether the file changed. */
export function writeCliReference() {
  const guide = readFileSync(guidePath, "utf8");
  const updated = withReference(guide, renderCliReference());
  if (updated !== guide) writeFileSync(guidePath, updated);
  return updated !== guide;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--write")) {
    console.log(writeCliReference() ? `updated ${guidePath}` : `${guidePath} was up to date`);
  } else {
    checkCliReference();
    console.log("docs/guides/cli.md matches `sslkit --help`");
  }
}
