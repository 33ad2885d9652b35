// `pnpm docs`: builds the documentation site into docs/dist, offline, and fails when
//   1. (first it regenerates the CLI reference in docs/guides/cli.md from `sslkit --help`),
//   2. a ts/js code sample in the guides or a package README does not type-check,
//   3. TypeDoc warns: an undocumented or unexported public API (down to interface fields,
//      accessors and constant-table members), a broken {@link}, a relative
//      link in a guide or README to a file that does not exist (typedoc.json),
//   4. a link of the generated HTML points to a missing page or anchor.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeCliReference } from "./cli-reference.mjs";
import { checkLinks } from "./check-links.mjs";
import { checkSamples } from "./check-samples.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

function fail(title, problems) {
  console.error(`docs: ${title}\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

try {
  const changed = writeCliReference();
  console.log(changed ? "docs: updated the CLI reference in docs/guides/cli.md from `sslkit --help` (commit it)" : "docs: docs/guides/cli.md matches `sslkit --help`");
} catch (error) {
  fail("CLI reference", [error.message]);
}

const samples = checkSamples();
if (samples.problems.length > 0) fail("code samples that do not type-check", samples.problems);
console.log(`docs: ${samples.count} code samples type-check`);

rmSync(`${root}docs/dist`, { recursive: true, force: true });
const typedoc = `${root}node_modules/typedoc/bin/typedoc`;
const run = spawnSync(process.execPath, [typedoc, "--options", `${root}typedoc.json`], { cwd: root, stdio: "inherit" });
if (run.status !== 0) fail("TypeDoc failed (see its warnings above)", [`exit status ${run.status ?? run.signal}`]);

const links = checkLinks(`${root}docs/dist`);
if (links.problems.length > 0) fail("broken links in docs/dist", links.problems);
console.log(`docs: ${links.checked} links resolve; the site is in docs/dist/index.html`);
