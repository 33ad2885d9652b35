import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { ROOT } from "../src/workspace.js";

// `pnpm run docs` runs TypeDoc with the root typedoc.json, whose validation must fail the build
// on an undocumented public API down to its members: an interface field, a constructor, a
// setter, a member of an `as const` table. This runs TypeDoc with that very configuration on a one-file package.
const typedoc = join(ROOT, "node_modules", "typedoc", "bin", "typedoc");

const documented = `
/** Settings of a {@link Box}. */
export interface BoxOptions {
  /** The first side. */
  readonly width: number;
  /** The second side. */
  readonly height: number;
}

/** A box. */
export class Box {
  #size: number;
  /** Makes an empty box. */
  constructor() {
    this.#size = 0;
  }
  /** The size of the box. */
  get size(): number {
    return this.#size;
  }
  /** Sets the size of the box. */
  set size(value: number) {
    this.#size = value;
  }
}

/** Box kinds. */
export const BoxKind = {
  /** A small box. */
  SMALL: 1,
  /** A large box. */
  LARGE: 2,
} as const;
`;

describe("the documentation build's TypeDoc validation", () => {
  let temp: TempDir | undefined;
  afterEach(() => {
    temp?.remove();
  });

  async function runTypeDoc(source: string): Promise<{ status: number | null; output: string }> {
    temp = makeTempDir("sslkit-typedoc-");
    const pkg = join(temp.path, "fixture");
    mkdirSync(join(pkg, "src"), { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "fixture", version: "0.0.0", type: "module" }));
    writeFileSync(join(pkg, "tsconfig.json"), JSON.stringify({ extends: join(ROOT, "tsconfig.base.json"), include: ["src"] }));
    writeFileSync(join(pkg, "src", "index.ts"), source);
    const options = {
      extends: [join(ROOT, "typedoc.json")],
      entryPoints: [pkg],
      projectDocuments: [],
      readme: "none",
      out: join(temp.path, "dist"),
    };
    writeFileSync(join(temp.path, "typedoc.json"), JSON.stringify(options));
    const result = await runProcess(process.execPath, [typedoc, "--options", join(temp.path, "typedoc.json")], { cwd: temp.path, timeoutMs: 120_000 });
    return { status: result.status, output: result.stdout.toString() + result.stderr };
  }

  it("passes a package whose fields, constructors, accessors and table members are all documented", async () => {
    const { status, output } = await runTypeDoc(documented);
    expect(output).not.toContain("does not have any documentation");
    expect(status).toBe(0);
  }, 120_000);

  it("fails on an undocumented interface field, constructor, setter and constant table member", async () => {
    const source = documented.replace("/** The second side. */", "").replace("/** Makes an empty box. */", "").replace("/** Sets the size of the box. */", "").replace("/** A large box. */", "");
    const { status, output } = await runTypeDoc(source);
    expect(output).toContain("BoxOptions.height (Property), defined in fixture/src/index.ts, does not have any documentation");
    expect(output).toContain("Box.constructor (ConstructorSignature), defined in fixture/src/index.ts, does not have any documentation");
    expect(output).toContain("Box.size (SetSignature), defined in fixture/src/index.ts, does not have any documentation");
    expect(output).toContain("BoxKind.__type.LARGE (Property), defined in fixture/src/index.ts, does not have any documentation");
    expect(output).not.toContain("BoxOptions.width");
    expect(status).not.toBe(0);
  }, 120_000);
});
