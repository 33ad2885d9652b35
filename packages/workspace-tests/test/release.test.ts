import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import type { ProcessResult, TempDir } from "@sslkit/test-utils";
import { ROOT, readWorkspacePackages } from "../src/workspace.js";

// What `pnpm release` publishes, tried the way a user gets it: `pnpm pack` of every public
// package (after `build`, which turbo runs first: every package is a devDependency here), the
// tarballs installed with plain `npm install` into a fresh project outside the workspace, and
// used from ESM, CommonJS and TypeScript (node16 and bundler resolution). Third-party
// dependencies come from npm's cache when it has them, else from the npm registry.
// Then `pnpm version-packages` (changeset version) on a throwaway copy of the repository.

const published = readWorkspacePackages().filter((pkg) => !pkg.private);
const fixtures = fileURLToPath(new URL("./fixtures/release/", import.meta.url));
const STEP_TIMEOUT = 300_000;

function manifest(directory: string): { name: string; version: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name: string; version: string; dependencies?: Record<string, string> };
}

/** Runs a command and fails with its output when it does not exit 0. */
async function run(command: string, args: readonly string[], cwd: string): Promise<ProcessResult> {
  const result = await runProcess(command, args, { cwd, timeoutMs: STEP_TIMEOUT, env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout.toString()}\n${result.stderr}`);
  return result;
}

const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("the packed packages", () => {
  let temp: TempDir;
  let consumer: string;

  beforeAll(async () => {
    temp = makeTempDir("sslkit-release-");
    const tarballs = join(temp.path, "tarballs");
    for (const pkg of published) await run("pnpm", ["pack", "--pack-destination", tarballs], pkg.directory);
    consumer = join(temp.path, "consumer");
    cpSync(fixtures, consumer, { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "sslkit-release-consumer", private: true, type: "module" }));
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", ...files], consumer);
  }, STEP_TIMEOUT);

  afterAll(() => {
    temp.remove();
  });

  it("install every public package from its tarball, with internal dependencies as version ranges", () => {
    for (const pkg of published) {
      const installed = manifest(join(consumer, "node_modules", pkg.name));
      expect(installed.version).toBe(manifest(pkg.directory).version);
      for (const [name, range] of Object.entries(installed.dependencies ?? {})) {
        expect(range, `${pkg.name} → ${name}`).not.toMatch(/^workspace:/);
      }
    }
  });

  it("work from an ESM module: certificates, PEM, and a verified TLS round trip on 127.0.0.1", async () => {
    const result = await run(process.execPath, ["esm.mjs"], consumer);
    expect(JSON.parse(result.stdout.toString())).toEqual({
      subject: [[["commonName", "localhost"]]],
      derRoundTrip: true,
      pythonAlias: true,
      reply: "ping",
      peerSubject: [[["commonName", "localhost"]]],
      sameErrorClass: true,
      random: 16,
    });
  }, STEP_TIMEOUT);

  it("work from a CommonJS module through require(esm), sharing one copy of each class", async () => {
    const result = await run(process.execPath, ["cjs.cjs"], consumer);
    const output = JSON.parse(result.stdout.toString()) as Record<string, unknown>;
    expect(output).toEqual({
      subject: [[["commonName", "cjs.example"]]],
      derLength: expect.any(Number) as number,
      verifyMode: true,
      sameErrorClass: true,
      sameContextClass: true,
      random: 8,
    });
    expect(output.derLength).toBeGreaterThan(100);
  }, STEP_TIMEOUT);

  it.each([
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("type-check in TypeScript with moduleResolution %s", async (name, resolution) => {
    const config = {
      compilerOptions: {
        ...resolution,
        target: "ES2022",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules", "@types")],
      },
      files: ["consumer.ts"],
    };
    writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify(config));
    const result = await runProcess(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], { cwd: consumer, timeoutMs: STEP_TIMEOUT });
    expect(result.stdout.toString() + result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, STEP_TIMEOUT);

  it("include the sslkit command, which runs from node_modules/.bin", async () => {
    const result = await run(join(consumer, "node_modules", ".bin", "sslkit"), ["time", "May  9 00:00:00 2007 GMT"], consumer);
    expect(result.stdout.toString()).toMatch(/\b1178668800\b/);
  }, STEP_TIMEOUT);
});

describe("pnpm version-packages (changeset version) on a copy of the repository", () => {
  let temp: TempDir;
  let copy: string;
  const bumps = new Map<string, "major" | "minor" | "patch">();

  beforeAll(async () => {
    temp = makeTempDir("sslkit-version-");
    copy = join(temp.path, "repo");
    const skip = new Set(["node_modules", "dist", ".turbo", "test-results", ".git"]);
    cpSync(ROOT, copy, {
      recursive: true,
      filter: (source) => {
        const path = relative(ROOT, source);
        return !path.split("/").some((part) => skip.has(part)) && path !== join("docs", "dist");
      },
    });
    const rank = { patch: 0, minor: 1, major: 2 } as const;
    for (const file of readdirSync(join(copy, ".changeset")).filter((name) => name.endsWith(".md") && name !== "README.md")) {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(copy, ".changeset", file), "utf8"))?.[1] ?? "";
      for (const [, name, type] of front.matchAll(/^["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)) {
        if (name === undefined || type === undefined) continue;
        const bump = type as "major" | "minor" | "patch";
        const current = bumps.get(name);
        if (current === undefined || rank[bump] > rank[current]) bumps.set(name, bump);
      }
    }
    await run(process.execPath, [join(ROOT, "node_modules", "@changesets", "cli", "bin.js"), "version"], copy);
  }, STEP_TIMEOUT);

  afterAll(() => {
    temp.remove();
  });

  const next = (version: string, bump: "major" | "minor" | "patch"): string => {
    const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
    if (bump === "major") return `${major + 1}.0.0`;
    if (bump === "minor") return `${major}.${minor + 1}.0`;
    return `${major}.${minor}.${patch + 1}`;
  };

  it("has pending changesets to release (otherwise this test proves nothing)", () => {
    expect(bumps.size).toBeGreaterThan(0);
  });

  it("consumes every changeset", () => {
    expect(readdirSync(join(copy, ".changeset")).filter((name) => name.endsWith(".md") && name !== "README.md")).toEqual([]);
  });

  it("bumps each package by its changesets and writes its CHANGELOG.md", () => {
    for (const [name, bump] of bumps) {
      const pkg = published.find((candidate) => candidate.name === name);
      expect(pkg, `${name} named in a changeset is a public package`).toBeDefined();
      if (pkg === undefined) continue;
      const directory = join(copy, relative(ROOT, pkg.directory));
      const expected = next(manifest(pkg.directory).version, bump);
      expect(manifest(directory).version, name).toBe(expected);
      const changelog = join(directory, "CHANGELOG.md");
      expect(existsSync(changelog), `${name} CHANGELOG.md`).toBe(true);
      const text = readFileSync(changelog, "utf8");
      expect(text.startsWith(`# ${name}\n\n## ${expected}\n`), `${name} CHANGELOG.md heading`).toBe(true);
      expect(text).toContain(`### ${bump[0]?.toUpperCase()}${bump.slice(1)} Changes`);
    }
  });

  it("bumps dependents of a bumped package and lists the new versions in their CHANGELOG.md", () => {
    for (const pkg of published) {
      const directory = join(copy, relative(ROOT, pkg.directory));
      const before = manifest(pkg.directory);
      const after = manifest(directory);
      const bumpedDeps = Object.keys(before.dependencies ?? {}).filter((dep) => bumps.has(dep));
      if (bumpedDeps.length === 0) continue;
      expect(after.version, `${pkg.name} depends on ${bumpedDeps.join(", ")}`).not.toBe(before.version);
      const changelog = readFileSync(join(directory, "CHANGELOG.md"), "utf8");
      for (const dep of bumpedDeps) {
        const depDirectory = join(copy, relative(ROOT, published.find((candidate) => candidate.name === dep)?.directory ?? ""));
        expect(changelog, `${pkg.name} CHANGELOG.md names ${dep}`).toContain(`${dep}@${manifest(depDirectory).version}`);
      }
    }
  });

  it("packs dependents with ranges on the new versions", async () => {
    await run("pnpm", ["install", "--offline", "--frozen-lockfile", "--ignore-scripts"], copy);
    const sslkitPackage = published.find((pkg) => pkg.name === "sslkit");
    expect(sslkitPackage).toBeDefined();
    const directory = join(copy, relative(ROOT, sslkitPackage?.directory ?? ""));
    const packed = await run("pnpm", ["pack", "--pack-destination", temp.path, "--json"], directory);
    const { filename } = JSON.parse(packed.stdout.toString()) as { filename: string };
    const listing = await run("tar", ["-xzOf", filename, "package/package.json"], temp.path);
    const dependencies = (JSON.parse(listing.stdout.toString()) as { dependencies: Record<string, string> }).dependencies;
    for (const [name, range] of Object.entries(dependencies)) {
      const dep = published.find((candidate) => candidate.name === name);
      if (dep === undefined) continue;
      expect(range, name).toBe(`^${manifest(join(copy, relative(ROOT, dep.directory))).version}`);
    }
  }, STEP_TIMEOUT);
});
