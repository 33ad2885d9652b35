import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fields of a package.json these checks read. */
export interface WorkspacePackage {
  readonly directory: string;
  readonly name: string;
  readonly private: boolean;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly exports: unknown;
}

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../../../", import.meta.url));

/** Every package under packages/. */
export function readWorkspacePackages(): WorkspacePackage[] {
  const packagesDir = join(ROOT, "packages");
  return readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, "package.json")))
    .map((name) => {
      const json = JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")) as Partial<WorkspacePackage> & { name: string };
      return {
        directory: join(packagesDir, name),
        name: json.name,
        private: json.private === true,
        dependencies: json.dependencies ?? {},
        devDependencies: json.devDependencies ?? {},
        peerDependencies: json.peerDependencies ?? {},
        exports: json.exports,
      };
    });
}
