/**
 * @sslkit/x509 must run in browsers and edge runtimes: no `node:` imports, no Node globals.
 * The whole package (everything src/index.ts reaches, so modules added later are covered too)
 * is bundled for the browser with esbuild (which must find no Node built-in in the graph), then
 * run by a child `node` whose module loader throws on any Node built-in and whose Node-only
 * globals (Buffer, process, global, require, setImmediate) are deleted first. A `vm` context
 * would be closer to a browser but Node's WebCrypto rejects typed arrays from another realm.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCert } from "@sslkit/x509";
import { makeTempDir, runProcess } from "@sslkit/test-utils";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BUILTINS = new Set(builtinModules);

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || BUILTINS.has(specifier) || BUILTINS.has(specifier.split("/")[0] ?? "");
}

/** Records every import of a Node built-in that does not resolve to an npm package of that name. */
function blockNode(blocked: string[]): Plugin {
  return {
    name: "block-node",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (!isBuiltin(args.path) || args.pluginData === "probe") return undefined;
        if (!args.path.startsWith("node:")) {
          // A bare name such as "buffer" may be the npm package of that name, which is fine.
          const probe = await pluginBuild.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: "probe" });
          if (probe.errors.length === 0 && probe.path !== "" && !probe.external) return undefined;
        }
        blocked.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, namespace: "blocked" };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: "blocked" }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`blocked Node built-in ${args.path}`)});`,
      }));
    },
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** What the script run inside the bare context reports back (as JSON, so no object crosses realms). */
interface Report {
  readonly globals: Record<string, string>;
  readonly blockedImport: string;
  readonly dict: unknown;
  readonly derBase64: string;
  readonly mismatchCode: string;
  readonly notAfterSeconds: number;
  readonly notAfterMs: number;
  readonly verify: { ok: boolean; verifyCode: number };
  readonly keyPEMLabel: string;
  readonly sameDict: boolean;
  readonly loaded: unknown[];
}

/** Registers the loader hook before anything else runs (Node's documented `--import` pattern). */
const BLOCK_HOOKS = `
import { register } from "node:module";
register("./hooks.mjs", import.meta.url);
`;

/** Fails resolution of every Node built-in for modules loaded from here on. */
const HOOKS = `
import { isBuiltin } from "node:module";
export async function resolve(specifier, context, nextResolve) {
  if (isBuiltin(specifier)) throw new Error("blocked Node built-in: " + specifier + " (from " + context.parentURL + ")");
  return nextResolve(specifier, context);
}
`;

/** Hides Node's globals, loads the bundle, uses it, and prints a JSON report. */
const EXERCISE = `
const print = console.log.bind(console);
for (const name of ["Buffer", "process", "global", "require", "module", "setImmediate", "clearImmediate"]) {
  delete globalThis[name];
}
const globals = {};
for (const name of ["Buffer", "process", "global", "require", "module", "setImmediate"]) globals[name] = typeof globalThis[name];
let blockedImport = "not blocked";
try { await import("node:fs"); } catch (error) { blockedImport = String(error.message).split(" (")[0]; }
const x = await import("./bundle.mjs");
const ca = await x.createCertificate({ subject: { commonName: "bare-context CA" }, isCA: true });
const leaf = await x.createCertificate({
  subject: { commonName: "bare.example" },
  issuer: ca,
  keyType: "ed25519",
  subjectAltNames: [{ type: "dns", value: "bare.example" }, { type: "ip", value: "::1" }],
});
const dict = x.decodeCert(leaf.der);
x.matchHostname(dict, "bare.example");
x.matchHostname(dict, "0:0::1");
let mismatchCode = "none";
try { x.matchHostname(dict, "other.example"); } catch (error) { mismatchCode = error.code; }
const verify = await x.verifyChain([leaf.certificate], { trustAnchors: [ca.certificate], hostname: "bare.example" });
const keyPair = await x.createKeyPair("ec-p384");
const certificate = new x.Certificate(leaf.certificate);
x.matchHostname(certificate, "bare.example");
const loaded = x.loadCertificates(ca.certificate + leaf.certificate).map((c) => c.subject);
let binary = "";
for (const byte of leaf.der) binary += String.fromCharCode(byte);
print(JSON.stringify({
  globals,
  blockedImport,
  dict,
  derBase64: btoa(binary),
  mismatchCode,
  notAfterSeconds: x.certTimeToSeconds(dict.notAfter),
  notAfterMs: leaf.notAfter.getTime(),
  verify: { ok: verify.ok, verifyCode: verify.verifyCode },
  keyPEMLabel: keyPair.privateKeyPEM.split("\\n")[0],
  sameDict: JSON.stringify(certificate.toDict()) === JSON.stringify(dict),
  loaded,
}));
`;

describe("the package without node: modules", () => {
  const blocked: string[] = [];
  const dir = makeTempDir("sslkit-x509-no-node-");
  let bundle = "";

  afterAll(() => {
    dir.remove();
  });

  beforeAll(async () => {
    const result = await build({
      entryPoints: [join(PACKAGE_DIR, "src/index.ts")],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      conditions: ["@sslkit/source"],
      target: "es2022",
      logLevel: "silent",
      plugins: [blockNode(blocked)],
    });
    bundle = result.outputFiles[0]?.text ?? "";
  });

  it("has no src/ module that imports a Node built-in", () => {
    const offenders = sourceFiles(join(PACKAGE_DIR, "src")).flatMap((path) => {
      const text = readFileSync(path, "utf8");
      const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] ?? "");
      return specifiers.filter(isBuiltin).map((specifier) => `${path}: ${specifier}`);
    });
    expect(offenders).toEqual([]);
  });

  it("bundles for the browser with no Node built-in anywhere in its dependency graph", () => {
    expect(blocked).toEqual([]);
    expect(bundle.length).toBeGreaterThan(10_000);
  });

  it("decodes, matches and creates certificates in a node whose built-ins and Node globals are gone", async () => {
    writeFileSync(dir.file("bundle.mjs"), bundle);
    writeFileSync(dir.file("block.mjs"), BLOCK_HOOKS);
    writeFileSync(dir.file("hooks.mjs"), HOOKS);
    writeFileSync(dir.file("exercise.mjs"), EXERCISE);
    const result = await runProcess(process.execPath, ["--import", "./block.mjs", "exercise.mjs"], { cwd: dir.path, timeoutMs: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.toString("utf8")) as Report;
    expect(report.blockedImport).toBe("blocked Node built-in: node:fs");
    expect(report.globals).toEqual({ Buffer: "undefined", process: "undefined", require: "undefined", global: "undefined", module: "undefined", setImmediate: "undefined" });
    // The certificate made in the bare context decodes the same under Node.
    expect(report.dict).toEqual(decodeCert(new Uint8Array(Buffer.from(report.derBase64, "base64"))));
    expect(report.dict).toMatchObject({ subject: [[["commonName", "bare.example"]]], subjectAltName: [["DNS", "bare.example"], ["IP Address", "0:0:0:0:0:0:0:1"]] });
    expect(report.mismatchCode).toBe("ERR_SSLKIT_HOSTNAME_MISMATCH");
    expect(report.notAfterSeconds * 1000).toBe(report.notAfterMs);
    expect(report.verify).toEqual({ ok: true, verifyCode: 0 });
    expect(report.keyPEMLabel).toBe("-----BEGIN PRIVATE KEY-----");
    expect(report.sameDict).toBe(true);
    expect(report.loaded).toHaveLength(2);
  });
});
