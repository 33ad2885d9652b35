import { existsSync, readFileSync } from "node:fs";
import { defineCommand } from "citty";
import { decodePEM, derToPEM, detectFormat, pemToDER } from "@sslkit/pem";
import type { PEMBlock } from "@sslkit/pem";
import { SAMPLE_CA_BUNDLE } from "../sample-ca-bundle.js";
import { formatBytes, formatInteger, table } from "../lib/format.js";
import { bad, dim, good, heading } from "../lib/style.js";

const SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

interface BundleSource {
  readonly name: string;
  readonly text: string;
}

function loadBundle(path: string | undefined): BundleSource {
  const file = path ?? process.env.SSL_CERT_FILE ?? SYSTEM_BUNDLE;
  if (existsSync(file)) return { name: file, text: readFileSync(file, "latin1") };
  return { name: `bundled sample (no CA bundle at ${file})`, text: SAMPLE_CA_BUNDLE };
}

/** DER → PEM → DER for every certificate, compared byte for byte with the original block. */
function roundTrip(text: string, blocks: readonly PEMBlock[]): number {
  let intact = 0;
  for (const block of blocks) {
    if (block.label !== "CERTIFICATE") continue;
    const pem = derToPEM(block.der);
    const again = pemToDER(pem);
    const original = text.slice(block.start, block.end).replace(/\r\n/g, "\n").trimEnd();
    if (Buffer.compare(again, block.der) === 0 && pem.trimEnd() === original && detectFormat(again) === "der") intact++;
  }
  return intact;
}

export default defineCommand({
  meta: { name: "demo", description: "Offline showcase of what sslkit does, on real data" },
  args: {
    bundle: { type: "string", description: "CA bundle to read (default: $SSL_CERT_FILE or the system bundle)" },
    json: { type: "boolean", description: "Print one JSON document instead of text" },
  },
  run({ args }) {
    const source = loadBundle(args.bundle);
    const started = performance.now();
    const blocks = decodePEM(source.text);
    const elapsedMs = performance.now() - started;
    const labels = new Map<string, number>();
    for (const block of blocks) labels.set(block.label, (labels.get(block.label) ?? 0) + 1);
    const sizes = blocks.map((block) => block.der.length).sort((a, b) => a - b);
    const certificates = labels.get("CERTIFICATE") ?? 0;
    const intact = roundTrip(source.text, blocks);
    const ok = intact === certificates && certificates > 0;
    process.exitCode = ok ? 0 : 1;

    const pem = {
      bundle: source.name,
      bytes: source.text.length,
      blocks: blocks.length,
      labels: Object.fromEntries(labels),
      derBytes: { min: sizes[0] ?? 0, median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes.at(-1) ?? 0, total: sizes.reduce((a, b) => a + b, 0) },
      roundTrip: { intact, of: certificates },
      decodeMs: Number(elapsedMs.toFixed(3)),
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ ok, pem }, null, 2)}\n`);
      return;
    }
    const labelText = [...labels].map(([label, count]) => `${label} ×${formatInteger(count)}`).join(", ");
    const lines = [
      heading("sslkit demo — the PEM layer on real data"),
      "",
      table([
        ["CA bundle", `${source.name} ${dim(`(${formatBytes(pem.bytes)})`)}`],
        ["Blocks", `${formatInteger(pem.blocks)} ${dim(`(${labelText || "none"})`)}`],
        ["DER sizes", `min ${formatBytes(pem.derBytes.min)}, median ${formatBytes(pem.derBytes.median)}, max ${formatBytes(pem.derBytes.max)}, total ${formatBytes(pem.derBytes.total)}`],
        ["Decoded in", `${elapsedMs.toFixed(2)} ms ${dim(`(${formatInteger(Math.round(pem.bytes / 1e3 / Math.max(elapsedMs, 1e-3)))} MB/s)`)}`],
      ]),
      "",
      ok
        ? good(`round trip: ${formatInteger(intact)}/${formatInteger(certificates)} certificates survive PEM → DER → PEM byte for byte`)
        : bad(`round trip: only ${formatInteger(intact)}/${formatInteger(certificates)} certificates survive PEM → DER → PEM`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  },
});
