// The one results writer and the few measuring helpers every `packages/*/bench/*.bench.mjs`
// shares. A bench script measures its figures next to their references in one run, then calls
// writeResults(import.meta.url, { … }); the root `pnpm bench` (scripts/bench/run.mjs) collects
// the files into bench/results.json and bench/RESULTS.md and fails when a ratio is past its floor.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reduced mode for CI (`pnpm bench --quick`): fewer and shorter rounds, smaller payloads.
 * Set by `--quick` on a bench script's command line or by BENCH_QUICK=1 (what the root runner
 * passes through turbo to every package's bench script).
 */
export const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";

const startedAt = new Date();
const loadAtStart = os.loadavg();

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of the per-round ratios `a[i] / b[i]`: paired, so load drift hits both alike. */
export function pairedRatio(a, b) {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  return median(a.map((value, i) => value / b[i]));
}

/** The value at quantile `q` (0…1) of `values`, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** CPU seconds (user + system) this process has used: steadier than wall time on a busy machine. */
export function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Wall-clock seconds since `start` (a `process.hrtime.bigint()` reading). */
export function secondsSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim().split("\n")[0] : null;
}

/** Node, its OpenSSL, CPython and its OpenSSL, the OpenSSL CLI: the versions every report records. */
function baseVersions() {
  const python = firstLine("python3", ["-c", "import ssl, sys; print(sys.version.split()[0] + '|' + ssl.OPENSSL_VERSION)"]);
  const [pythonVersion = null, pythonOpenSSL = null] = python === null ? [] : python.split("|");
  return {
    node: process.version,
    nodeOpenSSL: process.versions.openssl,
    python: pythonVersion,
    pythonOpenSSL,
    opensslCLI: firstLine("openssl", ["version"]),
  };
}

/** The machine a report was measured on. */
export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

const round2 = (value) => Math.round(value * 100) / 100;

/** Whether `figure` meets its regression floor (`true` when it has none). */
export function meetsFloor(figure) {
  if (figure.floor === null) return true;
  return figure.higherIsBetter ? figure.ratio >= figure.floor : figure.ratio <= figure.floor;
}

/** Whether `figure` meets its target (`null` when it has none). */
export function meetsTarget(figure) {
  if (figure.target === null) return null;
  return figure.higherIsBetter ? figure.ratio >= figure.target : figure.ratio <= figure.target;
}

const FIGURE_KEYS = ["name", "value", "unit", "reference", "referenceValue", "ratio", "floor", "target", "higherIsBetter"];

/**
 * Checks one figure against the common shape and returns it with its keys in the documented
 * order; throws a TypeError naming the figure and the field that is wrong.
 */
export function checkFigure(figure, where) {
  const fail = (what) => {
    throw new TypeError(`${where}: figure ${JSON.stringify(figure?.name)}: ${what}`);
  };
  if (typeof figure !== "object" || figure === null) fail("is not an object");
  for (const key of Object.keys(figure)) if (!FIGURE_KEYS.includes(key)) fail(`unknown field ${key}`);
  for (const key of ["name", "unit", "reference"]) if (typeof figure[key] !== "string" || figure[key] === "") fail(`${key} must be a non-empty string`);
  for (const key of ["value", "referenceValue", "ratio"]) {
    if (typeof figure[key] !== "number" || !Number.isFinite(figure[key]) || figure[key] <= 0) fail(`${key} must be a positive finite number, got ${figure[key]}`);
  }
  for (const key of ["floor", "target"]) {
    if (figure[key] !== null && (typeof figure[key] !== "number" || !(figure[key] > 0))) fail(`${key} must be a positive number or null`);
  }
  if (typeof figure.higherIsBetter !== "boolean") fail("higherIsBetter must be a boolean");
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, figure[key]]));
}

/**
 * Builds a figure: `value` of sslkit beside `referenceValue` of the reference measured in the
 * same run. `ratio` defaults to value / referenceValue; pass the paired (per-round) ratio when
 * there is one. `floor` is the regression floor CI enforces (quick mode, loaded machine);
 * `target` is the goal from the issue, reported but not enforced. With `higherIsBetter: false`
 * (times) both are ceilings.
 */
export function figure({ name, value, unit, reference, referenceValue, ratio = value / referenceValue, floor = null, target = null, higherIsBetter = true }) {
  return { name, value, unit, reference, referenceValue, ratio, floor, target, higherIsBetter };
}

/** Where a bench script's results go: `bench/<stem>.results.json`, `.results.quick.json` in quick mode. */
export function resultsPath(scriptUrl, quick = QUICK) {
  const script = fileURLToPath(scriptUrl);
  const stem = basename(script).replace(/\.bench\.mjs$/, "");
  return join(dirname(script), `${stem}.results${quick ? ".quick" : ""}.json`);
}

/**
 * Writes one bench script's results in the common shape, prints its figures with their
 * verdicts, and returns the document.
 *
 * @param scriptUrl - The bench script's `import.meta.url`.
 * @param report - `package`, `benchmark` (what is measured), `method` (how), `figures` (from
 *   {@link figure}), optional `versions` (extra versions, e.g. a reference library's) and
 *   `details` (anything else worth keeping: samples, memory, notes).
 */
export function writeResults(scriptUrl, { package: packageName, benchmark, method, figures, versions = {}, details = {} }) {
  const where = `${packageName} ${basename(fileURLToPath(scriptUrl))}`;
  if (!Array.isArray(figures) || figures.length === 0) throw new TypeError(`${where}: no figures`);
  const checked = figures.map((f) => checkFigure(f, where));
  const document = {
    package: packageName,
    benchmark,
    script: basename(fileURLToPath(scriptUrl)),
    quick: QUICK,
    date: startedAt.toISOString(),
    seconds: round2((Date.now() - startedAt.getTime()) / 1000),
    method,
    loadAverage: { start: loadAtStart.map(round2), end: os.loadavg().map(round2) },
    machine: machine(),
    versions: { ...baseVersions(), ...versions },
    figures: checked,
    details,
  };
  writeFileSync(resultsPath(scriptUrl), `${JSON.stringify(document, null, 2)}\n`);
  for (const f of checked) {
    const bound = f.floor === null ? "no floor" : f.higherIsBetter ? `floor ≥ ${f.floor}` : `ceiling ≤ ${f.floor}`;
    const verdict = meetsFloor(f) ? "ok" : "FAIL";
    console.log(`${f.name}: ${formatValue(f.value)} ${f.unit} vs ${f.reference}: ${formatValue(f.referenceValue)} ${f.unit} = ${f.ratio.toFixed(2)}× (${bound}: ${verdict})`);
  }
  return document;
}

/** A number with sensible precision for a table: 3 significant digits under 100, whole numbers above. */
export function formatValue(value) {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(3)).toString();
}
