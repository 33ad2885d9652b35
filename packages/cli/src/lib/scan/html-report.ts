import { escapeHTML } from "../html.js";
import type { ScanResult } from "./scan-endpoint.js";
import { describeDefects } from "./summary.js";
import type { ScanSummary } from "./summary.js";

/** Everything the HTML report shows. */
export interface HTMLReportInput {
  readonly results: readonly ScanResult[];
  readonly summary: ScanSummary;
  readonly generatedAt: Date;
  readonly warnDays: number;
  readonly weakCipherFamilies: { readonly checked: readonly string[]; readonly unavailable: readonly string[] };
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
tr.bad td{background:#fdecea}tr.ok td{background:#edf7ed}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;word-break:break-all}
.muted{color:#666}ul{margin:0;padding-left:1.2rem}`;

const cell = (value: string | number | boolean | null): string => (value === null ? '<span class="muted">-</span>' : escapeHTML(String(value)));
const list = (items: readonly string[]): string => (items.length === 0 ? '<span class="muted">none</span>' : `<ul>${items.map((item) => `<li>${escapeHTML(item)}</li>`).join("")}</ul>`);

function details(result: ScanResult, index: number): string {
  const rows: [string, string][] = [
    ["reachable", cell(result.reachable)],
    ["error", cell(result.error)],
    ["protocol", cell(result.protocol)],
    ["cipher", cell(result.cipher)],
    ["subject", cell(result.subject)],
    ["issuer", cell(result.issuer)],
    ["not after", cell(result.notAfter)],
    ["days left", cell(result.daysLeft)],
    ["verification", result.verifyCode === null ? cell(null) : `${cell(result.verifyMessage)} (verify code ${cell(result.verifyCode)})`],
    ["host name", cell(result.hostnameOk === null ? null : result.hostnameOk ? `valid for ${result.host}` : `not valid for ${result.host}`)],
    ["old protocols accepted", list(result.oldProtocols)],
    ["weak ciphers accepted", list(result.weakCiphers.map((weak) => `${weak.family}: ${weak.cipher} (${weak.protocol})`))],
    ["issues", list(result.issues)],
  ];
  return `<section id="endpoint-${index}">
<h2>${escapeHTML(result.target)}</h2>
<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join("")}</dl>
</section>`;
}

/**
 * A self-contained HTML page (inline CSS, no script, no external resource) with a summary table
 * and each endpoint's details. Every value from the network or the command line is escaped.
 */
export function scanHTMLReport(input: HTMLReportInput): string {
  const { results, summary } = input;
  const rows = results.map((result, index) => {
    const days = result.daysLeft === null ? null : result.daysLeft;
    const verify = result.verifyCode === null ? null : result.verifyCode === 0 ? "ok" : `${result.verifyCode} ${result.verifyMessage ?? ""}`;
    return `<tr class="${result.issues.length === 0 ? "ok" : "bad"}"><td><a href="#endpoint-${index}">${escapeHTML(result.target)}</a></td><td>${cell(result.protocol)}</td><td>${cell(days)}</td><td>${cell(verify)}</td><td>${list(result.issues)}</td></tr>`;
  });
  const families = input.weakCipherFamilies;
  const unavailable = families.unavailable.length === 0 ? "" : `; not checked (this OpenSSL cannot offer them): ${escapeHTML(families.unavailable.join(", "))}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>sslkit scan report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>sslkit scan report</h1>
<p class="muted">${escapeHTML(input.generatedAt.toISOString())} · expiry warning at ${input.warnDays} days · weak cipher families checked: ${escapeHTML(families.checked.join(", ") || "none")}${unavailable}</p>
<p id="summary">${summary.total} endpoints: ${summary.ok} ok, ${summary.failing} with issues, ${summary.unreachable} unreachable</p>
${describeDefects(summary) === "" ? "" : `<p id="defects">${escapeHTML(describeDefects(summary))}</p>\n`}
<table>
<thead><tr><th>endpoint</th><th>protocol</th><th>days left</th><th>verify</th><th>issues</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
${results.map(details).join("\n")}
</body>
</html>
`;
}
