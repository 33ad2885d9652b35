import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runProcess } from "@sslkit/test-utils";
import { PYTHON_MAPPING } from "sslkit/python";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("has a first example that runs against the built package and prints what it says", async () => {
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const result = await runProcess(process.execPath, ["--input-type=module", "-e", example ?? ""], { cwd: packageDir });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.toString().trim()).toMatch(/^\d{3,4} true 8$/);
  });

  it("states the mapping table's size as it is", () => {
    const aliases = PYTHON_MAPPING.filter((entry) => entry.kind === "alias").length;
    expect(readme).toContain(`${PYTHON_MAPPING.length} names:\n${aliases} aliases that are the sslkit export itself, ${PYTHON_MAPPING.length - aliases} thin adapters`);
  });
});
