#!/usr/bin/env node
// Collects every package's bench results (written by scripts/bench/harness.mjs) into
// bench/results.json and bench/RESULTS.md at the repository root — bench/results.quick.json and
// bench/RESULTS.quick.md for `--quick` — and exits 1 when a ratio is past its floor or a bench
// script left no results. `node scripts/bench/report.mjs [--quick]` re-renders the last run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkFigure, formatValue, meetsFloor, meetsTarget, resultsPath } from "./harness.mjs";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The bench scripts `pnpm bench` runs: every `bench/<stem>.bench.mjs` named in a package's `bench`
 * script (other scripts in bench/, e.g. rand's `bench:cost` diagnostics, are not part of the report).
 */
export function benchScripts() {
  const scripts = [];
  for (const name of readdirSync(join(root, "packages")).sort()) {
    const manifest = join(root, "packages", name, "package.json");
    const command = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).scripts?.bench : undefined;
    if (typeof command !== "string") continue;
    for (const [file] of command.matchAll(/bench\/[\w.-]+\.bench\.mjs/g)) scripts.push(join(root, "packages", name, file));
  }
  return scripts;
}

/** Reads the results of every bench script; a missing or malformed file is listed in `problems`. */
export function collect(quick) {
  const documents = [];
  const problems = [];
  for (const script of benchScripts()) {
    const file = resultsPath(pathToFileURL(script).href, quick);
    const shown = file.slice(root.length);
    if (!existsSync(file)) {
      problems.push(`${shown}: missing (did ${script.slice(root.length)} fail?)`);
      continue;
    }
    try {
      const document = JSON.parse(readFileSync(file, "utf8"));
      if (document.quick !== quick) throw new TypeError(`quick is ${document.quick}, expected ${quick}`);
      document.figures = document.figures.map((f) => checkFigure(f, shown));
      documents.push(document);
    } catch (error) {
      problems.push(`${shown}: ${error.message}`);
    }
  }
  return { documents, problems };
}

const bound = (f, value) => (value === null ? "—" : `${f.higherIsBetter ? "≥" : "≤"} ${value}×`);
const cell = (text) => String(text).replaceAll("|", "\\|");

/** The readable report: machine and versions, then one table per bench script. */
export function render({ documents, problems }, { quick, seconds }) {
  const first = documents[0];
  const lines = [
    `# sslkit benchmark results${quick ? " (quick mode)" : ""}`,
    "",
    `Written by \`pnpm bench${quick ? " --quick" : ""}\` on ${new Date().toISOString()}${seconds === undefined ? "" : ` in ${Math.round(seconds)} s`}. ` +
      "Every figure is measured in the same run as its reference, on the same machine; the ratio is sslkit ÷ reference " +
      "(for times, where lower is better, the bound is a ceiling). **floor** is the regression floor CI enforces " +
      "(`pnpm bench --quick` fails below it); **target** is the goal from the issue, reported, not enforced. " +
      "Floors and how they were chosen: [bench/README.md](README.md).",
    "",
  ];
  if (first !== undefined) {
    const m = first.machine;
    lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}.`, "");
    const versions = Object.assign({}, ...documents.map((d) => d.versions));
    lines.push("| component | version |", "|---|---|");
    for (const [name, version] of Object.entries(versions)) if (version !== null) lines.push(`| ${cell(name)} | ${cell(version)} |`);
    lines.push("");
  }
  const failures = [];
  for (const d of documents) {
    const load = `load average ${d.loadAverage.start[0]} → ${d.loadAverage.end[0]}`;
    lines.push(`## ${d.package}: ${d.benchmark}`, "", `\`${d.script}\`, ${d.seconds} s, ${load}. ${d.method.replace(/\.$/, "")}.`, "");
    lines.push("| figure | value | reference | reference value | ratio | floor | target | verdict |", "|---|---:|---|---:|---:|---:|---:|---|");
    for (const f of d.figures) {
      const ok = meetsFloor(f);
      const target = meetsTarget(f);
      if (!ok) failures.push(`${d.package} ${f.name} vs ${f.reference}: ${f.ratio.toFixed(2)}× (${f.higherIsBetter ? "floor" : "ceiling"} ${f.floor}×)`);
      const verdict = [f.floor === null ? "no floor" : ok ? "ok" : "**FAIL**", target === null ? null : target ? "target met" : "target not met"].filter(Boolean).join(", ");
      lines.push(
        `| ${cell(f.name)} | ${formatValue(f.value)} ${cell(f.unit)} | ${cell(f.reference)} | ${formatValue(f.referenceValue)} ${cell(f.unit)} | ` +
          `${f.ratio.toFixed(2)}× | ${bound(f, f.floor)} | ${bound(f, f.target)} | ${verdict} |`,
      );
    }
    lines.push("");
  }
  if (problems.length > 0) lines.push("## Missing results", "", ...problems.map((p) => `- ${p}`), "");
  return { markdown: `${lines.join("\n")}\n`, failures };
}

/** Writes the root report files; resolves the failures (ratios past their floor) and problems. */
export function writeReport(quick, seconds) {
  const collected = collect(quick);
  const { markdown, failures } = render(collected, { quick, seconds });
  const suffix = quick ? ".quick" : "";
  mkdirSync(join(root, "bench"), { recursive: true });
  const date = new Date().toISOString();
  const json = { quick, date, seconds: seconds === undefined ? null : Math.round(seconds), benchmarks: collected.documents, problems: collected.problems };
  writeFileSync(join(root, "bench", `results${suffix}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(root, "bench", `RESULTS${suffix}.md`), markdown);
  return { failures, problems: collected.problems, figures: collected.documents.reduce((n, d) => n + d.figures.length, 0) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  const { failures, problems, figures } = writeReport(quick);
  const suffix = quick ? ".quick" : "";
  console.log(`bench: ${figures} figures -> bench/results${suffix}.json, bench/RESULTS${suffix}.md`);
  for (const line of [...problems, ...failures]) console.error(`bench: ${line}`);
  if (failures.length > 0 || problems.length > 0) process.exitCode = 1;
}
