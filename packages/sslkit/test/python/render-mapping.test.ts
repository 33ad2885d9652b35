import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { PYTHON_MAPPING } from "sslkit/python";
// The renderer is internal (not part of the API); the committed page must be its output.
import { renderPythonMappingMarkdown } from "../../src/python/internal/render-mapping.js";

const page = new URL("../../../../docs/python-mapping.md", import.meta.url);

describe("docs/python-mapping.md", () => {
  it("is the rendering of PYTHON_MAPPING as committed (run `pnpm --filter sslkit docs:python-mapping` when this fails)", () => {
    expect(readFileSync(page, "utf8")).toBe(renderPythonMappingMarkdown(PYTHON_MAPPING));
  });

  it("lists every Python name in a table row", () => {
    const text = readFileSync(page, "utf8");
    for (const entry of PYTHON_MAPPING) {
      const shown = entry.python.includes(".") ? `.${entry.python.slice(entry.python.indexOf(".") + 1)}` : `ssl.${entry.python}`;
      expect(text, entry.python).toContain(`| \`${shown}\` |`);
    }
  });
});
