#!/usr/bin/env node
// Collects every package's bench/results.json (written by `turbo run bench`) into
// bench/results.json and a readable bench/RESULTS.md at the repository root.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packages = {};
for (const name of readdirSync(join(root, "packages")).sort()) {
  const file = join(root, "packages", name, "bench", "results.json");
  if (existsSync(file)) packages[name] = JSON.parse(readFileSync(file, "utf8"));
}

const lines = ["# Benchmark results", "", `Collected ${new Date().toISOString()} by \`pnpm bench\`. Each figure is measured in the same run as its reference.`, ""];
for (const [name, result] of Object.entries(packages)) {
  lines.push(`## ${result.package ?? name}`, "");
  if (Array.isArray(result.figures)) {
    lines.push(`${result.benchmark ?? ""} (${result.unit ?? ""})`, "", "| sslkit | value | reference | value | ratio | floor |", "|---|---:|---|---:|---:|---:|");
    for (const f of result.figures) {
      lines.push(`| ${f.name} | ${f.value.toFixed(1)} | ${f.reference} | ${f.referenceValue.toFixed(1)} | ${f.ratio.toFixed(2)}× | ${f.floor ?? ""}× |`);
    }
  } else {
    lines.push("```json", JSON.stringify(result.results ?? result, null, 2), "```");
  }
  lines.push("");
}
mkdirSync(join(root, "bench"), { recursive: true });
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(packages, null, 2)}\n`);
writeFileSync(join(root, "bench", "RESULTS.md"), `${lines.join("\n")}\n`);
console.log(`bench: ${Object.keys(packages).length} packages -> bench/results.json, bench/RESULTS.md`);
