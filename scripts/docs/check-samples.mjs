// Type-checks every ```ts and ```js code sample of the guides (docs/**/*.md) and of the
// package READMEs against the packages' current source: each sample is its own ES module,
// compiled with the repository's strict tsconfig, imports resolved to packages/*/src.
// A sample that is not meant to compile must not be marked ts/js (use `text` or `sh`).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = `${root}node_modules/.cache/sslkit-docs-samples/`;

/** Markdown files whose samples are checked: the guides, the docs front page, every package README. */
export function sampleSources() {
  const files = [`${root}docs/index.md`];
  for (const name of readdirSync(`${root}docs/guides`).sort()) if (name.endsWith(".md")) files.push(`${root}docs/guides/${name}`);
  for (const name of readdirSync(`${root}packages`).sort()) {
    const readme = `${root}packages/${name}/README.md`;
    try {
      readFileSync(readme);
      files.push(readme);
    } catch {
      // a private package without a README
    }
  }
  return files;
}

/** The ```ts / ```js fenced blocks of a Markdown text, with the line each starts on. */
export function extractSamples(markdown) {
  const samples = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+)(ts|typescript|js|javascript|mjs)\s*$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, fence] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() !== fence; j++) body.push(lines[j].slice(indent.length));
    if (j === lines.length) throw new Error(`unclosed code fence at line ${i + 1}`);
    samples.push({ line: i + 1, code: body.join("\n") });
    i = j;
  }
  return samples;
}

/** Compiler options: the repository's (strict, NodeNext), with sslkit's packages mapped to their source. */
function compilerOptions() {
  const base = ts.readConfigFile(`${root}tsconfig.base.json`, ts.sys.readFile);
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, "\n"));
  const { options, errors } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root);
  if (errors.length > 0) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("\n"));
  const paths = {};
  for (const name of readdirSync(`${root}packages`)) {
    const manifest = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, "utf8"));
    if (manifest.private === true) continue;
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === "object" ? target["@sslkit/source"] : undefined;
      if (source === undefined) continue;
      const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      paths[specifier] = [`packages/${name}/${source.slice(2)}`];
    }
  }
  // Samples are snippets: a value computed and not used further is fine there.
  return { ...options, baseUrl: root, paths, noEmit: true, noUnusedLocals: false, isolatedDeclarations: false, declaration: false };
}

/** Type-checks every sample; returns the diagnostics as `file:line: message` strings. */
export function checkSamples() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const origin = new Map();
  const rootNames = [];
  for (const source of sampleSources()) {
    const samples = extractSamples(readFileSync(source, "utf8"));
    const stem = relative(root, source).replace(/[^A-Za-z0-9]+/g, "-");
    samples.forEach((sample, index) => {
      const file = `${work}${stem}-${index + 1}.ts`;
      // `export {}` makes every sample a module even without imports (top-level await, own scope).
      writeFileSync(file, `${sample.code}\nexport {};\n`);
      origin.set(file, { source: relative(root, source), line: sample.line });
      rootNames.push(file);
    });
  }
  const program = ts.createProgram({ rootNames, options: compilerOptions() });
  const problems = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file?.fileName;
    const where = file === undefined ? undefined : origin.get(file);
    if (where === undefined) {
      problems.push(`${file === undefined ? "(compiler)" : relative(root, file)}: ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push(`${where.source}:${where.line + 1 + line}: ${message}`);
  }
  return { count: rootNames.length, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { count, problems } = checkSamples();
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`${count} code samples type-check`);
  }
}
