import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { runProcess } from "@sslkit/test-utils";
import { readWorkspacePackages } from "../src/workspace.js";
import workspaceTestsPackage from "../package.json" with { type: "json" };

const libraries = readWorkspacePackages().filter((pkg) => !pkg.private && pkg.exports !== undefined && typeof pkg.exports === "object" && pkg.exports !== null && "." in pkg.exports);
const script = fileURLToPath(new URL("./fixtures/require-all.cjs", import.meta.url));

describe("CommonJS consumers", () => {
  it("have every library available to this test (listed as a devDependency, so turbo builds it first)", () => {
    const declared = Object.keys((workspaceTestsPackage as { devDependencies?: Record<string, string> }).devDependencies ?? {});
    expect(libraries.map((pkg) => pkg.name).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it("can require() every library and see the same named exports as ESM importers", async () => {
    const names = libraries.map((pkg) => pkg.name);
    const result = await runProcess(process.execPath, [script, JSON.stringify(names)], { cwd: fileURLToPath(new URL("..", import.meta.url)) });
    expect(result.stderr.replace(/.*ExperimentalWarning.*\n|.*--trace-warnings.*\n/g, "")).toBe("");
    expect(result.status).toBe(0);
    const fromRequire = JSON.parse(result.stdout.toString()) as Record<string, string[]>;
    for (const name of names) {
      const fromImport = Object.keys((await import(/* @vite-ignore */ name)) as object).filter((key) => key !== "default").sort();
      expect(fromRequire[name]?.filter((key) => key !== "__esModule" && key !== "default"), name).toEqual(fromImport);
    }
  });
});
