/**
 * @sslkit/pem must run in browsers and edge runtimes: no `node:` imports, and the same results
 * without Node's `Buffer` (its fast paths fall back to portable code). The package is bundled
 * for the browser with esbuild, then run by a child `node` with `Buffer` deleted.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { decodePEM, derToPEM, detectFormat, encodePEM, pemToDER } from "@sslkit/pem";
import { makeTempDir, readSystemCABundle, runProcess } from "@sslkit/test-utils";

const SOURCE_DIR = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Runs in the child: every codec on the same inputs, results as JSON. */
const SCRIPT = `
delete globalThis.Buffer;
const pem = await import(process.argv[1]);
const input = JSON.parse(await new Promise((resolve) => { let s = ""; process.stdin.on("data", (c) => (s += c)); process.stdin.on("end", () => resolve(s)); }));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const blocks = pem.decodePEM(input.bundle);
const errors = input.bad.map((text) => { try { pem.decodePEM(text); return "no error"; } catch (e) { return e.code; } });
console.log(JSON.stringify({
  bufferGone: typeof Buffer === "undefined",
  blocks: blocks.map((b) => ({ label: b.label, der: hex(b.der), start: b.start, end: b.end })),
  roundTrip: blocks.every((b) => hex(pem.pemToDER(pem.derToPEM(b.der))) === hex(b.der)),
  encoded: pem.encodePEM(Uint8Array.from([1, 2, 3, 4, 5]), "TEST"),
  formats: [pem.detectFormat(blocks[0].der), pem.detectFormat(input.bundle)],
  errors,
}));
`;

const BAD = ["-----BEGIN X-----\nAA$A\n-----END X-----\n", "-----BEGIN X-----\nAAAA\n-----END Y-----\n", "-----BEGIN X-----\nAAAAA\n-----END X-----\n"];

describe("@sslkit/pem without Node", () => {
  it("imports no node: module anywhere in src/", () => {
    const offenders = sourceFiles(SOURCE_DIR).filter((file) => /from\s+["']node:|import\(["']node:/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("bundles for the browser and gives Node's results with Buffer deleted", async () => {
    const system = readSystemCABundle();
    // The first twelve certificates of the system bundle (with the text around them), or a tiny block.
    const bundle = system === undefined ? derToPEM(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])) : system.slice(0, decodePEM(system)[11]?.end);
    const dir = makeTempDir();
    try {
      const outfile = dir.file("pem.mjs");
      await build({ entryPoints: [join(SOURCE_DIR, "index.ts")], bundle: true, platform: "browser", format: "esm", outfile, logLevel: "silent", conditions: ["@sslkit/source"] });
      const result = await runProcess(process.execPath, ["--input-type=module", "-e", SCRIPT, pathToFileURL(outfile).href], { input: JSON.stringify({ bundle, bad: BAD }) });
      expect(result.stderr).toBe("");
      const child = JSON.parse(result.stdout.toString()) as Record<string, unknown>;
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
      const blocks = decodePEM(bundle);
      expect(child).toEqual({
        bufferGone: true,
        blocks: blocks.map((b) => ({ label: b.label, der: hex(b.der), start: b.start, end: b.end })),
        roundTrip: true,
        encoded: encodePEM(Uint8Array.from([1, 2, 3, 4, 5]), "TEST"),
        formats: [detectFormat(blocks[0]!.der), detectFormat(bundle)],
        errors: BAD.map((text) => {
          try {
            decodePEM(text);
            return "no error";
          } catch (error) {
            return (error as { code: string }).code;
          }
        }),
      });
      expect(hex(pemToDER(derToPEM(blocks[0]!.der)))).toBe(hex(blocks[0]!.der));
    } finally {
      dir.remove();
    }
  });
});
