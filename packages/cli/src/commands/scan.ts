import { readFile } from "node:fs/promises";
import { defineCommand } from "citty";
import { CERT_NONE, PROTOCOL_TLS_CLIENT, TLSVersion } from "@sslkit/context";
import { SSLContext } from "@sslkit/socket";
import { Certificate, decodeCert, matchHostname, verifyChain } from "@sslkit/x509";
import { isServerArgument, parseHostPort, parseTimeout } from "../lib/address.js";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { toCSV } from "../lib/csv.js";
import { peerChain } from "../lib/network.js";
import { bad, dim, good, paint } from "../lib/style.js";
import { connectTLS } from "../lib/tls-client.js";
import { DEFAULT_CA_FILE, readCertificateFile } from "../lib/trust-store.js";
import { existsSync } from "node:fs";

const DAY_MS = 86_400_000;

/** Protocols older than TLS 1.2 that a server should refuse. */
const OLD_PROTOCOLS = [
  ["TLSv1", TLSVersion.TLSv1],
  ["TLSv1.1", TLSVersion.TLSv1_1],
] as const;

/** What `scan` found at one endpoint. */
interface ScanResult {
  target: string;
  host: string;
  port: number;
  reachable: boolean;
  error: string | null;
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  verifyCode: number | null;
  verifyMessage: string | null;
  hostnameOk: boolean | null;
  oldProtocols: string[];
  issues: string[];
}

interface ScanSettings {
  readonly timeout: number;
  readonly anchors: readonly Certificate[];
  readonly warnDays: number;
}

function clientContext(version?: TLSVersion): SSLContext {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.checkHostname = false;
  context.verifyMode = CERT_NONE;
  if (version !== undefined) {
    context.minimumVersion = version;
    context.maximumVersion = version;
  }
  return context;
}

async function acceptsProtocol(host: string, port: number, version: TLSVersion, timeout: number): Promise<boolean> {
  try {
    const ssl = await connectTLS({ host, port, context: clientContext(version), timeout });
    await ssl.close();
    return true;
  } catch {
    return false;
  }
}

async function scanOne(target: string, settings: ScanSettings): Promise<ScanResult> {
  const [host, port] = parseHostPort(target);
  const result: ScanResult = { target, host, port, reachable: false, error: null, protocol: null, cipher: null, subject: null, notAfter: null, daysLeft: null, verifyCode: null, verifyMessage: null, hostnameOk: null, oldProtocols: [], issues: [] };
  let chain: Uint8Array[];
  try {
    const ssl = await connectTLS({ host, port, context: clientContext(), timeout: settings.timeout });
    result.protocol = ssl.version();
    result.cipher = ssl.cipher()?.[0] ?? null;
    chain = peerChain(ssl);
    await ssl.close();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    result.issues.push("unreachable");
    return result;
  }
  result.reachable = true;
  const leaf = chain[0];
  if (leaf !== undefined) {
    const certificate = new Certificate(leaf);
    result.subject = certificate.subjectString;
    result.notAfter = certificate.notAfter.toISOString();
    result.daysLeft = Math.floor((certificate.notAfter.getTime() - Date.now()) / DAY_MS);
    const verdict = await verifyChain(chain, { trustAnchors: settings.anchors, purpose: "serverAuth" });
    result.verifyCode = verdict.verifyCode;
    result.verifyMessage = verdict.verifyMessage;
    try {
      matchHostname(decodeCert(leaf), host);
      result.hostnameOk = true;
    } catch {
      result.hostnameOk = false;
    }
    if (!verdict.ok) result.issues.push(`verification failed: ${verdict.verifyMessage} (${verdict.verifyCode})`);
    if (!result.hostnameOk) result.issues.push(`not valid for ${host}`);
    if (result.daysLeft < 0) result.issues.push(`expired ${-result.daysLeft} days ago`);
    else if (result.daysLeft < settings.warnDays) result.issues.push(`expires in ${result.daysLeft} days`);
  } else result.issues.push("no certificate");
  for (const [name, version] of OLD_PROTOCOLS) {
    if (await acceptsProtocol(host, port, version, settings.timeout)) result.oldProtocols.push(name);
  }
  if (result.oldProtocols.length > 0) result.issues.push(`accepts ${result.oldProtocols.join(", ")}`);
  return result;
}

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

export default defineCommand({
  meta: { name: "scan", description: "Check many TLS endpoints concurrently: expiry, verification, old protocols" },
  args: {
    targets: { type: "positional", description: "host:port arguments, or files with one host[:port] a line", required: true },
    concurrency: { type: "string", description: "Endpoints checked at once (default 10)" },
    timeout: { type: "string", description: "Seconds per connection (default 5)" },
    cafile: { type: "string", description: `Trusted CA certificates (default: $SSL_CERT_FILE or ${DEFAULT_CA_FILE})` },
    "warn-days": { type: "string", description: "Flag certificates expiring within this many days (default 30)" },
    json: { type: "boolean", description: "Print one JSON document" },
    csv: { type: "boolean", description: "Print CSV" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      if (args.json && args.csv) throw new CLIError("--json and --csv cannot be combined", ExitCode.USAGE);
      const concurrency = parseCount("--concurrency", args.concurrency, 10, 1);
      const warnDays = parseCount("--warn-days", args["warn-days"], 30, 0);
      const timeout = parseTimeout(args.timeout, 5);
      const inputs = args._.length > 0 ? args._ : [args.targets];
      const targets = await readTargets(inputs);
      if (targets.length === 0) throw new CLIError("no endpoint to scan", ExitCode.USAGE);
      const anchorFile = args.cafile ?? process.env.SSL_CERT_FILE ?? DEFAULT_CA_FILE;
      const anchors = args.cafile === undefined && !existsSync(anchorFile) ? [] : readCertificateFile(anchorFile);
      const bar = progress(targets.length);
      const results = await mapBounded(targets, concurrency, (target) => scanOne(target, { timeout, anchors, warnDays }), bar.tick);
      bar.clear();

      const unreachable = results.filter((r) => !r.reachable).length;
      const failing = results.filter((r) => r.reachable && r.issues.length > 0).length;
      if (failing > 0) process.exitCode = ExitCode.FAILED;
      else if (unreachable > 0) process.exitCode = ExitCode.IO;

      if (args.json) {
        process.stdout.write(`${JSON.stringify({ results, summary: { total: results.length, ok: results.length - failing - unreachable, failing, unreachable } }, null, 2)}\n`);
        return;
      }
      if (args.csv) {
        const header = ["target", "reachable", "protocol", "cipher", "subject", "notAfter", "daysLeft", "verifyCode", "verifyMessage", "hostnameOk", "oldProtocols", "issues", "error"];
        process.stdout.write(toCSV(header, results.map((r) => [r.target, r.reachable, r.protocol, r.cipher, r.subject, r.notAfter, r.daysLeft, r.verifyCode, r.verifyMessage, r.hostnameOk, r.oldProtocols.join(" "), r.issues.join("; "), r.error])));
        return;
      }
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
      const summary = failing === 0 && unreachable === 0
        ? good(`${results.length} endpoints, no issues`)
        : bad(`${results.length} endpoints: ${failing} with issues, ${unreachable} unreachable`);
      process.stdout.write(`${lines.join("\n")}\n\n${summary} ${dim(`(expiry warning at ${warnDays} days)`)}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
