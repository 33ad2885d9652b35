// Writes docs/python-mapping.md (repository root) from the built PYTHON_MAPPING.
// Run `pnpm --filter sslkit build` first (the docs:python-mapping script does).
import { writeFileSync } from "node:fs";
import { PYTHON_MAPPING } from "sslkit/python";
import { renderPythonMappingMarkdown } from "../dist/python/internal/render-mapping.js";

const target = new URL("../../../docs/python-mapping.md", import.meta.url);
writeFileSync(target, renderPythonMappingMarkdown(PYTHON_MAPPING));
console.log(`wrote ${target.pathname} (${PYTHON_MAPPING.length} names)`);
