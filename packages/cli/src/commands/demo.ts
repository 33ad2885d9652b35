import { defineCommand } from "citty";
import { pemSection } from "../demo/pem-section.js";
import { tlsSection } from "../demo/tls-section.js";
import { createDemoPKI, x509Section } from "../demo/x509-section.js";
import type { DemoSection } from "../demo/section.js";
import { reportError } from "../lib/exit.js";
import { bad, good, heading } from "../lib/style.js";

export default defineCommand({
  meta: { name: "demo", description: "Offline showcase of what sslkit does, on real data" },
  args: {
    bundle: { type: "string", description: "CA bundle to read (default: $SSL_CERT_FILE or the system bundle)" },
    json: { type: "boolean", description: "Print one JSON document instead of text: { ok, pem, x509, tls }" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      await runDemo(args.bundle, args.json === true);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});

async function runDemo(bundle: string | undefined, json: boolean): Promise<void> {
  {
    const sections: DemoSection[] = [pemSection(bundle)];
    const started = performance.now();
    const pki = await createDemoPKI();
    sections.push(await x509Section(pki, performance.now() - started));
    sections.push(await tlsSection(pki));

    const ok = sections.every((section) => section.ok);
    process.exitCode = ok ? 0 : 1;
    if (json) {
      process.stdout.write(`${JSON.stringify({ ok, ...Object.fromEntries(sections.map((s) => [s.name, s.json])) }, null, 2)}\n`);
      return;
    }
    const summary = ok ? good("all checks passed") : bad(`failed: ${sections.filter((s) => !s.ok).map((s) => s.name).join(", ")}`);
    process.stdout.write(`${[heading("sslkit demo"), "", ...sections.flatMap((s) => [s.text, ""]), summary].join("\n")}\n`);
  }
}
