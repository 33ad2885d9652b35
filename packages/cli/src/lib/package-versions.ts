import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import packageJson from "../../package.json" with { type: "json" };

/** The name and version of one installed package. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
}

/** The sslkit packages the CLI depends on, then the `sslkit` meta-package, by name. */
function candidateNames(): string[] {
  const dependencies = Object.keys(packageJson.dependencies).filter((name) => name.startsWith("@sslkit/"));
  return [packageJson.name, ...dependencies, "sslkit"];
}

/**
 * Reads the `package.json` of every sslkit package this CLI resolves (itself, each `@sslkit/*`
 * dependency, and the `sslkit` meta-package when installed), as Node would load them.
 */
export function installedPackages(): InstalledPackage[] {
  const require = createRequire(import.meta.url);
  const found: InstalledPackage[] = [{ name: packageJson.name, version: packageJson.version }];
  for (const name of candidateNames().slice(1)) {
    let path: string;
    try {
      path = require.resolve(`${name}/package.json`);
    } catch {
      continue; // not installed (the meta-package is optional)
    }
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
    if (typeof manifest.version === "string") found.push({ name, version: manifest.version });
  }
  return found;
}
