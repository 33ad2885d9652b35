import { readFile } from "node:fs/promises";
import { defineCommand } from "citty";
import { isServerArgument, parseHostPort, parseTimeout } from "../lib/address.js";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { toCSV } from "../lib/csv.js";
import { scanHTMLReport } from "../lib/scan/html-report.js";
import { scanEndpoint } from "../lib/scan/scan-endpoint.js";
import type { ScanResult } from "../lib/scan/scan-endpoint.js";
import { describeDefects, summarize } from "../lib/scan/summary.js";
import type { ScanSummary } from "../lib/scan/summary.js";
import { weakCipherFamilies } from "../lib/scan/weak-ciphers.js";
import { bad, dim, good, paint } from "../lib/style.js";
import { CAFILE_HELP, CAPATH_HELP, trustAnchorLoader } from "../lib/trust-store.js";

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, done: () => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
      done();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Targets from the command line: `host:port`, or files of them (one a line, `#` comments, port 443 by default). */
async function readTargets(inputs: readonly string[]): Promise<string[]> {
  const targets: string[] = [];
  for (const input of inputs) {
    if (isServerArgument(input)) {
      targets.push(input);
      continue;
    }
    const text = await readFile(input, "utf8");
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.replace(/#.*/, "").trim();
      if (line === "") return;
      const target = /:\d+$/.test(line) ? line : `${line.includes(":") ? `[${line}]` : line}:443`;
      try {
        parseHostPort(target);
      } catch {
        throw new CLIError(`${input}:${index + 1}: expected host[:port], not ${JSON.stringify(raw.trim())}`, ExitCode.USAGE);
      }
      targets.push(target);
    });
  }
  return targets;
}

function parseCount(name: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum) throw new CLIError(`${name} must be an integer ≥ ${minimum}, not ${JSON.stringify(text)}`, ExitCode.USAGE);
  return value;
}

/** A progress bar on stderr, only on a terminal. */
function progress(total: number): { tick: () => void; clear: () => void } {
  if (!process.stderr.isTTY) return { tick: () => undefined, clear: () => undefined };
  let done = 0;
  const draw = (): void => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
  };
  draw();
  return {
    tick: () => { done++; draw(); },
    clear: () => { process.stderr.write("\r\u001b[2K"); },
  };
}

/** The terminal report: one row per endpoint, then a summary line. */
function summaryTable(results: readonly ScanResult[], summary: ScanSummary, warnDays: number, families: { checked: string[]; unavailable: string[] }): string {
  const rows = [["endpoint", "protocol", "days left", "verify", "issues"], ...results.map((r) => [
    r.target,
    r.protocol ?? "-",
    r.daysLeft === null ? "-" : String(r.daysLeft),
    r.verifyCode === null ? "-" : r.verifyCode === 0 ? "ok" : `${r.verifyCode}`,
    r.issues.length === 0 ? "" : r.reachable ? r.issues.join("; ") : `unreachable: ${r.error ?? ""}`,
  ])];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const lines = rows.map((row, index) => {
    const text = row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  ").trimEnd();
    if (index === 0) return paint("bold", text);
    return results[index - 1]?.issues.length === 0 ? text : paint("red", text);
  });
  const verdict = summary.failing === 0 && summary.unreachable === 0
    ? good(`${summary.total} endpoints, no issues`)
    : bad(`${summary.total} endpoints: ${summary.failing} with issues, ${summary.unreachable} unreachable`);
  const defects = describeDefects(summary);
  const checked = `weak cipher families checked: ${families.checked.join(", ") || "none"}${families.unavailable.length === 0 ? "" : ` (${families.unavailable.join(", ")}: not offered by this OpenSSL, not checked)`}`;
  return `${lines.join("\n")}\n\n${verdict} ${dim(`(expiry warning at ${warnDays} days)`)}\n${defects === "" ? "" : `${paint("red", defects)}\n`}${dim(checked)}\n`;
}

export default defineCommand({
  meta: { name: "scan", description: "Check many TLS endpoints concurrently: expiry, verification, old protocols, weak ciphers" },
  args: {
    targets: { type: "positional", description: "host:port arguments, or files with one host[:port] a line (# comments, port 443 by default)", required: true },
    concurrency: { type: "string", description: "Endpoints checked at once (default 10)" },
    timeout: { type: "string", description: "Seconds per connection (default 5)" },
    cafile: { type: "string", description: CAFILE_HELP },
    capath: { type: "string", description: CAPATH_HELP },
    "warn-days": { type: "string", description: "Flag certificates expiring within this many days (default 30)" },
    json: { type: "boolean", description: "Print one JSON document: { results, summary, weakCipherFamilies }" },
    csv: { type: "boolean", description: "Print CSV (RFC 4180), one row per endpoint" },
    html: { type: "boolean", description: "Print a self-contained HTML report (sslkit scan … --html > report.html)" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      if ([args.json, args.csv, args.html].filter((flag) => flag === true).length > 1) throw new CLIError("--json, --csv and --html cannot be combined", ExitCode.USAGE);
      const concurrency = parseCount("--concurrency", args.concurrency, 10, 1);
      const warnDays = parseCount("--warn-days", args["warn-days"], 30, 0);
      const timeout = parseTimeout(args.timeout, 5);
      const inputs = args._.length > 0 ? args._ : [args.targets];
      const targets = await readTargets(inputs);
      if (targets.length === 0) throw new CLIError("no endpoint to scan", ExitCode.USAGE);
      const anchorsFor = trustAnchorLoader({ cafile: args.cafile, capath: args.capath });
      const families = weakCipherFamilies();
      const now = Date.now();
      const bar = progress(targets.length);
      const results = await mapBounded(targets, concurrency, (target) => scanEndpoint(target, { timeout, anchorsFor, warnDays, weakFamilies: families.checked }, now), bar.tick);
      bar.clear();

      const summary = summarize(results, warnDays);
      if (summary.failing > 0) process.exitCode = ExitCode.FAILED;
      else if (summary.unreachable > 0) process.exitCode = ExitCode.IO;
      const weakCipherFamilyNames = { checked: families.checked.map((f) => f.family), unavailable: families.unavailable.map((f) => f.family) };

      if (args.json) {
        process.stdout.write(`${JSON.stringify({ results, summary, weakCipherFamilies: weakCipherFamilyNames }, null, 2)}\n`);
        return;
      }
      if (args.csv) {
        const header = ["target", "reachable", "protocol", "cipher", "subject", "issuer", "notAfter", "daysLeft", "verifyCode", "verifyMessage", "hostnameOk", "oldProtocols", "weakCiphers", "issues", "error"];
        process.stdout.write(toCSV(header, results.map((r) => [r.target, r.reachable, r.protocol, r.cipher, r.subject, r.issuer, r.notAfter, r.daysLeft, r.verifyCode, r.verifyMessage, r.hostnameOk, r.oldProtocols.join(" "), r.weakCiphers.map((w) => w.cipher).join(" "), r.issues.join("; "), r.error])));
        return;
      }
      if (args.html) {
        process.stdout.write(scanHTMLReport({ results, summary, generatedAt: new Date(now), warnDays, weakCipherFamilies: weakCipherFamilyNames }));
        return;
      }
      process.stdout.write(summaryTable(results, summary, warnDays, weakCipherFamilyNames));
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
