import { existsSync, readFileSync } from "node:fs";
import { decodePEM, derToPEM, detectFormat, pemToDER } from "@sslkit/pem";
import type { PEMBlock } from "@sslkit/pem";
import { SAMPLE_CA_BUNDLE } from "../sample-ca-bundle.js";
import { DEFAULT_CA_FILE } from "../lib/trust-store.js";
import { formatBytes, formatInteger, table } from "../lib/format.js";
import { bad, dim, good, heading } from "../lib/style.js";
import type { DemoSection } from "./section.js";

function loadBundle(path: string | undefined): { name: string; text: string } {
  const file = path ?? process.env.SSL_CERT_FILE ?? DEFAULT_CA_FILE;
  if (existsSync(file)) return { name: file, text: readFileSync(file, "latin1") };
  return { name: `bundled sample (no CA bundle at ${file})`, text: SAMPLE_CA_BUNDLE };
}

/** DER → PEM → DER for every certificate, compared byte for byte with the original block. */
function countIntactRoundTrips(text: string, blocks: readonly PEMBlock[]): number {
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

/** Median time of a call once the JIT has warmed up, so the figure shows the steady state. */
function warmTimeMs(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

/** The PEM layer on the system CA bundle: split, sizes, and a byte-for-byte round trip. */
export function pemSection(bundlePath: string | undefined): DemoSection {
  const source = loadBundle(bundlePath);
  const blocks = decodePEM(source.text);
  const elapsedMs = warmTimeMs(() => decodePEM(source.text));
  const labels = new Map<string, number>();
  for (const block of blocks) labels.set(block.label, (labels.get(block.label) ?? 0) + 1);
  const sizes = blocks.map((block) => block.der.length).sort((a, b) => a - b);
  const certificates = labels.get("CERTIFICATE") ?? 0;
  const intact = countIntactRoundTrips(source.text, blocks);
  const ok = intact === certificates && certificates > 0;
  const json = {
    bundle: source.name,
    bytes: source.text.length,
    blocks: blocks.length,
    labels: Object.fromEntries(labels),
    derBytes: { min: sizes[0] ?? 0, median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes.at(-1) ?? 0, total: sizes.reduce((a, b) => a + b, 0) },
    roundTrip: { intact, of: certificates },
    decodeMs: Number(elapsedMs.toFixed(3)),
  };
  const labelText = [...labels].map(([label, count]) => `${label} ×${formatInteger(count)}`).join(", ");
  const text = [
    heading("1. PEM — the system CA bundle"),
    table([
      ["CA bundle", `${source.name} ${dim(`(${formatBytes(json.bytes)})`)}`],
      ["Blocks", `${formatInteger(json.blocks)} ${dim(`(${labelText || "none"})`)}`],
      ["DER sizes", `min ${formatBytes(json.derBytes.min)}, median ${formatBytes(json.derBytes.median)}, max ${formatBytes(json.derBytes.max)}, total ${formatBytes(json.derBytes.total)}`],
      ["Decoded in", `${elapsedMs.toFixed(2)} ms, warm ${dim(`(${formatInteger(Math.round(json.bytes / 1e3 / Math.max(elapsedMs, 1e-3)))} MB/s)`)}`],
    ]),
    ok
      ? good(`round trip: ${formatInteger(intact)}/${formatInteger(certificates)} certificates survive PEM → DER → PEM byte for byte`)
      : bad(`round trip: only ${formatInteger(intact)}/${formatInteger(certificates)} certificates survive PEM → DER → PEM`),
  ].join("\n");
  return { name: "pem", ok, json, text };
}
