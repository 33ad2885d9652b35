import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Metafile, Plugin } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * "sslkit" itself resolves to its src/index.ts (this test must not need its own build); the
 * sub-packages resolve as a user's bundler sees them: their built dist/ and package.json
 * `sideEffects`.
 */
const sslkitFromSource: Plugin = {
  name: "sslkit-from-source",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^sslkit(\/python)?$/ }, (args) => ({
      path: fileURLToPath(new URL(args.path === "sslkit" ? "../src/index.ts" : "../src/python/index.ts", import.meta.url)),
    }));
  },
};

async function bundle(source: string): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    minify: true,
    plugins: [sslkitFromSource],
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild wrote no output");
  return { code: output.text, metafile: result.metafile };
}

/** What a bundle really contains: its external imports and the files that put bytes in it. */
function contents(metafile: Metafile): { imports: string[]; files: string[] } {
  const output = Object.values(metafile.outputs)[0];
  if (output === undefined) throw new Error("esbuild wrote no output");
  return {
    imports: output.imports.map((entry) => entry.path),
    files: Object.entries(output.inputs)
      .filter(([, info]) => info.bytesInOutput > 0)
      .map(([path]) => path),
  };
}

const NETWORK = /^(node:)?(tls|net)$/;

describe("sslkit tree-shaking", () => {
  it("bundles `import { pemToDER } from \"sslkit\"` without node:tls, node:net, @peculiar/x509, rand, context or socket, under 12 KiB", async () => {
    const { code, metafile } = await bundle(`import { pemToDER } from "sslkit"; console.log(pemToDER("-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n"));`);
    const { imports, files } = contents(metafile);
    expect(imports.filter((path) => NETWORK.test(path))).toEqual([]);
    expect(files.filter((path) => /@peculiar|reflect-metadata|tsyringe|(^|\/)(rand|context|socket)\/(dist|src)\//.test(path))).toEqual([]);
    expect(files.some((path) => /(^|\/)pem\/dist\//.test(path))).toBe(true);
    expect(code).not.toMatch(/node:tls|node:net/);
    expect(code.length).toBeLessThan(12 * 1024);
  });

  it("does pull node:tls and @peculiar/x509 in when the code uses what needs them (the checks above can fail)", async () => {
    const { metafile } = await bundle(`import { createCertificate, createDefaultContext } from "sslkit"; console.log(createCertificate, createDefaultContext);`);
    const { imports, files } = contents(metafile);
    expect(imports.some((path) => NETWORK.test(path))).toBe(true);
    expect(files.some((path) => path.includes("@peculiar/x509"))).toBe(true);
  });

  it("bundles `import { RAND_bytes } from \"sslkit/python\"` without node:tls, node:net, @peculiar/x509, context or socket", async () => {
    const { metafile } = await bundle(`import { RAND_bytes } from "sslkit/python"; console.log(RAND_bytes(4));`);
    const { imports, files } = contents(metafile);
    expect(imports.filter((path) => NETWORK.test(path))).toEqual([]);
    expect(files.filter((path) => /@peculiar|(^|\/)(context|socket)\/(dist|src)\/|src\/python\/(ssl-|socket|wrap)/.test(path))).toEqual([]);
    expect(files.some((path) => /(^|\/)rand\/dist\//.test(path))).toBe(true);
  });
});
