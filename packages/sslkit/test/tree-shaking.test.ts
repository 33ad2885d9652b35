import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Metafile, Plugin } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * With this plugin "sslkit" resolves to its src/ (the source layout); without it, to its
 * built dist/ through the exports map, as a user's bundler sees it (turbo builds sslkit before
 * its tests). The sub-packages always resolve to their dist/ and package.json `sideEffects`.
 */
const sslkitFromSource: Plugin = {
  name: "sslkit-from-source",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^sslkit(\/python)?$/ }, (args) => ({
      path: fileURLToPath(new URL(args.path === "sslkit" ? "../src/index.ts" : "../src/python/index.ts", import.meta.url)),
    }));
  },
};

async function bundleWith(layout: "dist" | "src", source: string): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    minify: true,
    plugins: layout === "src" ? [sslkitFromSource] : [],
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

describe.each(["dist", "src"] as const)("sslkit tree-shaking (sslkit from its %s)", (layout) => {
  const bundle = (source: string): Promise<{ code: string; metafile: Metafile }> => bundleWith(layout, source);

  it("bundles `import { pemToDER } from \"sslkit\"` without node:tls, node:net, @peculiar/x509, rand, context or socket, under 12 KiB", async () => {
    const { code, metafile } = await bundle(`import { pemToDER } from "sslkit"; console.log(pemToDER("-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n"));`);
    const { imports, files } = contents(metafile);
    expect(Object.keys(metafile.inputs).some((path) => path.endsWith(layout === "dist" ? "sslkit/dist/index.js" : "sslkit/src/index.ts") || path === `${layout}/index.${layout === "dist" ? "js" : "ts"}`)).toBe(true);
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
