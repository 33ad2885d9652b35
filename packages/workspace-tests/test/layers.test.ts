import { describe, expect, it } from "vitest";
import { ALLOWED_DEPENDENCIES, TEST_ONLY_PACKAGES } from "../src/layers.js";
import { readWorkspacePackages } from "../src/workspace.js";

const packages = readWorkspacePackages();
const workspaceNames = new Set(packages.map((pkg) => pkg.name));
const published = packages.filter((pkg) => !pkg.private);

describe("the layer rules of DESIGN.md", () => {
  it("know every published package", () => {
    expect(published.map((pkg) => pkg.name).filter((name) => !(name in ALLOWED_DEPENDENCIES))).toEqual([]);
  });

  it.each(published.map((pkg) => [pkg.name, pkg] as const))("hold for %s: it depends only on packages of lower layers", (name, pkg) => {
    const allowed = new Set(ALLOWED_DEPENDENCIES[name] ?? []);
    const runtime = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)].filter((dep) => workspaceNames.has(dep));
    const development = Object.keys(pkg.devDependencies).filter((dep) => workspaceNames.has(dep) && !TEST_ONLY_PACKAGES.includes(dep));
    expect(runtime.filter((dep) => !allowed.has(dep)), "runtime dependencies outside the allowed layers").toEqual([]);
    expect(development.filter((dep) => !allowed.has(dep)), "test dependencies outside the allowed layers").toEqual([]);
  });

  it("keep test-only packages out of runtime dependencies", () => {
    const offenders = published.filter((pkg) => TEST_ONLY_PACKAGES.some((dep) => dep in pkg.dependencies || dep in pkg.peerDependencies));
    expect(offenders.map((pkg) => pkg.name)).toEqual([]);
  });

  it("use workspace protocol ranges for sibling packages, so releases bump dependents", () => {
    const loose = published.flatMap((pkg) =>
      Object.entries(pkg.dependencies)
        .filter(([dep, range]) => workspaceNames.has(dep) && !range.startsWith("workspace:"))
        .map(([dep, range]) => `${pkg.name} -> ${dep}@${range}`),
    );
    expect(loose).toEqual([]);
  });
});
