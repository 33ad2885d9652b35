import type { PythonMappingEntry } from "../mapping.js";

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

function table(rows: readonly PythonMappingEntry[], pythonPrefix: string, sslkitPrefix: string): string[] {
  return [
    "| Python | sslkit | kind | note |",
    "|---|---|---|---|",
    ...rows.map((row) => `| \`${pythonPrefix}${row.python}\` | \`${sslkitPrefix}${row.sslkit}\` | ${row.kind} | ${cell(row.note)} |`),
  ];
}

/**
 * Renders PYTHON_MAPPING as the Markdown page `docs/python-mapping.md`
 * (`pnpm --filter sslkit docs:python-mapping` writes it; a test fails when it is stale).
 */
export function renderPythonMappingMarkdown(mapping: readonly PythonMappingEntry[]): string {
  const moduleRows = mapping.filter((row) => !row.python.includes("."));
  const classes = [...new Set(mapping.filter((row) => row.python.includes(".")).map((row) => row.python.slice(0, row.python.indexOf("."))))];
  const aliases = mapping.filter((row) => row.kind === "alias").length;
  const lines = [
    // Front matter: the page's title and place in the documentation site (TypeDoc reads it).
    "---",
    "title: Python ssl → sslkit mapping",
    "group: Guides",
    "---",
    "",
    "<!-- Generated from packages/sslkit/src/python/mapping.ts by `pnpm --filter sslkit docs:python-mapping`; do not edit. -->",
    "",
    "# Python `ssl` → sslkit",
    "",
    "`import { … } from \"sslkit/python\"` gives Python's exact names; each is either an **alias** (the very",
    "same sslkit function, class, constant or property accessor) or a thin **adapter** (Python's keyword",
    "names or return shape, then the sslkit call). Python's keyword arguments become one object with",
    "Python's keys: `wrap_socket(sock, { server_side: true, certfile: \"cert.pem\" })`. Every I/O call",
    "returns a Promise. The camelCase names are the ones `sslkit` exports.",
    "",
    `${mapping.length} names: ${aliases} aliases, ${mapping.length - aliases} adapters.`,
    "",
    "## Module `ssl`",
    "",
    ...table(moduleRows, "ssl.", ""),
  ];
  for (const className of classes) {
    const rows = mapping
      .filter((row) => row.python.startsWith(`${className}.`))
      .map((row) => ({ ...row, python: row.python.slice(className.length + 1), sslkit: row.sslkit.slice(row.sslkit.indexOf(".") + 1) }));
    const sslkitClass = mapping.find((row) => row.python === className)?.sslkit ?? className;
    lines.push("", `## \`${className}\` (sslkit \`${sslkitClass}\`)`, "", ...table(rows, ".", "."));
  }
  return `${lines.join("\n")}\n`;
}
