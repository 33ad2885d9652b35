import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { makeTestPKI, runProcess, startOpenSSLServer, startTCPServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TestIdentity, TestPKI } from "@sslkit/test-utils";
import { closedPort } from "./closed-port.js";
import { runCLI } from "./run-cli.js";

interface ScanReport {
  results: {
    target: string;
    host: string;
    port: number;
    reachable: boolean;
    protocol: string | null;
    cipher: string | null;
    subject: string | null;
    issuer: string | null;
    daysLeft: number | null;
    verifyCode: number | null;
    hostnameOk: boolean | null;
    oldProtocols: string[];
    weakCiphers: { family: string; cipher: string; protocol: string }[];
    issues: string[];
    error: string | null;
  }[];
  summary: { total: number; ok: number; failing: number; unreachable: number };
  weakCipherFamilies: { checked: string[]; unavailable: string[] };
}

/** The weak families of `sslkit scan` and the OpenSSL strings that select them (its documented list). */
const FAMILY_SPECS = {
  NULL: "eNULL",
  anonymous: "aNULL:!eNULL",
  EXPORT: "EXP",
  RC4: "RC4:!aNULL:!eNULL",
  DES: "DES:!3DES:!aNULL:!eNULL",
  "3DES": "3DES:!aNULL:!eNULL",
  "CBC-SHA1": "SHA1+AES:SHA1+CAMELLIA:SHA1+SEED:SHA1+ARIA:!aNULL:!eNULL",
} as const;

/** Which families the `openssl` CLI (the same OpenSSL 3.0 as Node's) can still select at level 0. */
async function familiesOpenSSLCanOffer(): Promise<{ checked: string[]; unavailable: string[] }> {
  const checked: string[] = [];
  const unavailable: string[] = [];
  for (const [family, spec] of Object.entries(FAMILY_SPECS)) {
    const { status } = await runProcess("openssl", ["ciphers", `${spec}:@SECLEVEL=0`]);
    (status === 0 ? checked : unavailable).push(family);
  }
  return { checked, unavailable };
}

let pki: TestPKI;
const servers: OpenSSLServer[] = [];
/** Only TLS 1.2 and 1.3, so that a weak-cipher server shows nothing but its weak cipher. */
const MODERN_ONLY = ["-no_tls1", "-no_tls1_1"];
/**
 * A well-configured server (Mozilla's "intermediate" TLS 1.2 suites): OpenSSL's own default
 * list still accepts CBC-SHA1 suites, which scan reports as weak.
 */
const GOOD = ["-cipher", "ECDHE+AESGCM:ECDHE+CHACHA20", ...MODERN_ONLY];

beforeAll(() => {
  pki = makeTestPKI();
});

afterAll(() => {
  pki.dir.remove();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(identity: TestIdentity, ...extra: string[]): Promise<string> {
  const server = await startOpenSSLServer(["-cert", identity.certPath, "-key", identity.keyPath, ...extra]);
  servers.push(server);
  return `127.0.0.1:${server.port}`;
}

const escapeRegExp = (text: string): string => text.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("sslkit scan", () => {
  it("finds each known defect among local servers: expired, wrong host, self-signed, TLS 1.0 only, unreachable", async () => {
    const good = await start(pki.server, ...GOOD);
    const expired = await start(pki.expired, ...GOOD);
    const wrongHost = await start(pki.wrongHost, ...GOOD);
    const selfSigned = await start(pki.selfSigned, ...GOOD);
    const tls1Only = await start(pki.server, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");
    const refused = await closedPort();
    const { stdout, exitCode } = await runCLI(["scan", good, expired, wrongHost, selfSigned, tls1Only, refused, "--cafile", pki.ca.certPath, "--json", "--concurrency", "2"]);
    const report = JSON.parse(stdout) as ScanReport;
    const byTarget = new Map(report.results.map((r) => [r.target, r]));
    expect(report.results.map((r) => r.target)).toEqual([good, expired, wrongHost, selfSigned, tls1Only, refused]);
    expect(byTarget.get(good)).toMatchObject({ reachable: true, protocol: "TLSv1.3", verifyCode: 0, hostnameOk: true, oldProtocols: [], weakCiphers: [], issues: [], subject: "CN=localhost", issuer: "CN=sslkit test CA" });
    expect(byTarget.get(expired)?.verifyCode).toBe(10);
    expect(byTarget.get(expired)?.issues).toEqual(["verification failed: certificate has expired (10)", expect.stringMatching(/^expired \d+ days ago$/)]);
    expect(byTarget.get(wrongHost)).toMatchObject({ hostnameOk: false, subject: "CN=other.example" });
    expect(byTarget.get(wrongHost)?.issues).toContain("not valid for 127.0.0.1");
    expect(byTarget.get(selfSigned)).toMatchObject({ verifyCode: 18, issues: ["verification failed: self-signed certificate (18)"] });
    expect(byTarget.get(tls1Only)).toMatchObject({ reachable: true, protocol: "TLSv1", verifyCode: 0, oldProtocols: ["TLSv1"] });
    expect(byTarget.get(tls1Only)?.issues).toContain("accepts TLSv1");
    expect(byTarget.get(refused)).toMatchObject({ reachable: false, issues: ["unreachable"] });
    expect(byTarget.get(refused)?.error).toMatch(/ECONNREFUSED/);
    expect(report.summary).toEqual({ total: 6, ok: 1, failing: 4, unreachable: 1, handshakeFailed: 0, expiring: 1, verificationFailed: 3, hostnameMismatch: 1, oldProtocols: 1, weakCiphers: 1 });
    expect(exitCode).toBe(1);
  });

  it("reports which weak cipher families each server accepts, and which this OpenSSL cannot offer", async () => {
    const nullCipher = await start(pki.server, "-cipher", "eNULL:@SECLEVEL=0", ...MODERN_ONLY);
    const anonymous = await start(pki.server, "-cipher", "aNULL:!eNULL:@SECLEVEL=0", ...MODERN_ONLY);
    const cbcSHA1 = await start(pki.server, "-cipher", "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0", ...MODERN_ONLY);
    const good = await start(pki.server, ...GOOD);
    const { stdout, exitCode } = await runCLI(["scan", nullCipher, anonymous, cbcSHA1, good, "--cafile", pki.ca.certPath, "--json"]);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.weakCipherFamilies).toEqual(await familiesOpenSSLCanOffer());
    expect(report.weakCipherFamilies.checked).toEqual(expect.arrayContaining(["NULL", "anonymous", "CBC-SHA1"]));
    expect(report.results.map((r) => r.weakCiphers)).toEqual([
      [{ family: "NULL", cipher: "ECDHE-ECDSA-NULL-SHA", protocol: "TLSv1.2" }],
      [{ family: "anonymous", cipher: expect.stringMatching(/^A(EC)?DH-/) as string, protocol: "TLSv1.2" }],
      [{ family: "CBC-SHA1", cipher: "ECDHE-ECDSA-AES128-SHA", protocol: "TLSv1.2" }],
      [],
    ]);
    expect(report.results.map((r) => r.oldProtocols)).toEqual([[], [], [], []]);
    expect(report.results[0]?.issues).toEqual(["weak ciphers: NULL (ECDHE-ECDSA-NULL-SHA)"]);
    expect(report.summary).toEqual({ total: 4, ok: 1, failing: 3, unreachable: 0, handshakeFailed: 0, expiring: 0, verificationFailed: 0, hostnameMismatch: 0, oldProtocols: 0, weakCiphers: 3 });
    expect(exitCode).toBe(1);
  });

  it("still probes a server whose only suites are weak, after the first handshake fails", async () => {
    const onlyNull = await start(pki.server, "-cipher", "eNULL:@SECLEVEL=0", "-no_tls1_3", ...MODERN_ONLY);
    const { stdout, exitCode } = await runCLI(["scan", onlyNull, "--cafile", pki.ca.certPath, "--json"]);
    const [result] = (JSON.parse(stdout) as ScanReport).results;
    expect(result).toMatchObject({ reachable: true, protocol: null, verifyCode: null, weakCiphers: [{ family: "NULL", cipher: "ECDHE-ECDSA-NULL-SHA", protocol: "TLSv1.2" }] });
    expect(result?.issues).toEqual(["TLS handshake failed", "weak ciphers: NULL (ECDHE-ECDSA-NULL-SHA)"]);
    expect(result?.error).toMatch(/handshake failure|no shared cipher|alert/i);
    expect(exitCode).toBe(1);
  });

  it("prints a summary table naming each defect, and the families it checked", async () => {
    const expired = await start(pki.expired, ...GOOD);
    const legacy = await start(pki.server, "-cipher", "DEFAULT:@SECLEVEL=0");
    const { stdout, exitCode } = await runCLI(["scan", expired, legacy, "--cafile", pki.ca.certPath]);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^endpoint +protocol +days left +verify +issues$/);
    expect(lines[1]).toMatch(new RegExp(`^${escapeRegExp(expired)} +TLSv1\\.3 +-\\d+ +10 +verification failed: certificate has expired \\(10\\); expired \\d+ days ago$`));
    expect(lines[2]).toMatch(new RegExp(`^${escapeRegExp(legacy)} +TLSv1\\.3 +\\d+ +ok +accepts TLSv1, TLSv1\\.1; weak ciphers: CBC-SHA1 \\(ECDHE-ECDSA-AES256-SHA\\)$`));
    expect(stdout).toContain("✘ 2 endpoints: 2 with issues, 0 unreachable (expiry warning at 30 days)\nexpired or expiring: 1, verification failed: 1, old protocols accepted: 1, weak ciphers accepted: 1\n");
    const { checked, unavailable } = await familiesOpenSSLCanOffer();
    expect(stdout).toContain(`weak cipher families checked: ${checked.join(", ")}${unavailable.length === 0 ? "" : ` (${unavailable.join(", ")}: not offered by this OpenSSL, not checked)`}\n`);
    expect(exitCode).toBe(1);
  });

  it("tells a server that accepts TCP but never completes a handshake from an unreachable one", async () => {
    const silent = await startTCPServer();
    const target = `127.0.0.1:${silent.port}`;
    try {
      const { stdout, exitCode } = await runCLI(["scan", target, "--timeout", "0.5", "--json"]);
      const report = JSON.parse(stdout) as ScanReport;
      expect(report.results[0]).toMatchObject({ reachable: true, protocol: null, issues: ["TLS handshake failed"] });
      expect(report.results[0]?.error).toMatch(/timed out/i);
      expect(report.summary).toMatchObject({ failing: 1, unreachable: 0, handshakeFailed: 1 });
      expect(exitCode).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("draws a progress bar on stderr only when stderr is a terminal, and clears it before the report", async () => {
    const good = await start(pki.server, ...GOOD);
    const refused = await closedPort();
    const piped = await runCLI(["scan", good, refused, "--cafile", pki.ca.certPath]);
    expect(piped.stderr).toBe("");
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true, writable: true });
    try {
      const { stderr, stdout } = await runCLI(["scan", good, refused, "--cafile", pki.ca.certPath, "--concurrency", "1"]);
      expect(stderr).toBe(`\r[${" ".repeat(30)}] 0/2\r[${"#".repeat(15)}${" ".repeat(15)}] 1/2\r[${"#".repeat(30)}] 2/2\r\u001b[2K`);
      expect(stdout).toMatch(/^endpoint /);
    } finally {
      if (descriptor === undefined) Reflect.deleteProperty(process.stderr, "isTTY");
      else Object.defineProperty(process.stderr, "isTTY", descriptor);
    }
  });

  it("flags certificates expiring within --warn-days", async () => {
    const good = await start(pki.server, ...GOOD);
    const { stdout } = await runCLI(["scan", good, "--cafile", pki.ca.certPath, "--json", "--warn-days", "100000"]);
    expect((JSON.parse(stdout) as ScanReport).results[0]?.issues.join("\n")).toMatch(/^expires in \d+ days$/m);
  });

  it("reads endpoints from a hosts file with comments and prints a table, exit 0 when all is well", async () => {
    const good = await start(pki.server, ...GOOD);
    const file = pki.dir.file("hosts.txt");
    writeFileSync(file, `# production\n${good}  # the only one\n\n`);
    const { stdout, stderr, exitCode } = await runCLI(["scan", file, "--cafile", pki.ca.certPath]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^endpoint +protocol +days left +verify +issues\n/);
    expect(stdout).toMatch(new RegExp(`^${escapeRegExp(good)} +TLSv1\\.3 +\\d+ +ok$`, "m"));
    expect(stdout).toContain("1 endpoints, no issues");
    expect(exitCode).toBeUndefined();
  });

  it("prints RFC 4180 CSV with --csv", async () => {
    const selfSigned = await start(pki.selfSigned, ...GOOD);
    const weak = await start(pki.server, "-cipher", "eNULL:@SECLEVEL=0", ...MODERN_ONLY);
    const { stdout } = await runCLI(["scan", selfSigned, weak, "--cafile", pki.ca.certPath, "--csv"]);
    const [header, row, weakRow, end] = stdout.split("\r\n");
    expect(header).toBe("target,reachable,protocol,cipher,subject,issuer,notAfter,daysLeft,verifyCode,verifyMessage,hostnameOk,oldProtocols,weakCiphers,issues,error");
    expect(row).toMatch(new RegExp(`^${escapeRegExp(selfSigned)},true,TLSv1\\.3,TLS_\\w+,CN=localhost,CN=localhost,[^,]+,\\d+,18,self-signed certificate,true,,,verification failed: self-signed certificate \\(18\\),$`));
    expect(weakRow).toMatch(new RegExp(`^${escapeRegExp(weak)},true,TLSv1\\.3,TLS_\\w+,CN=localhost,CN=sslkit test CA,[^,]+,\\d+,0,ok,true,,ECDHE-ECDSA-NULL-SHA,weak ciphers: NULL \\(ECDHE-ECDSA-NULL-SHA\\),$`));
    expect(end).toBe("");
  });

  it("writes a self-contained HTML report with a summary table and each endpoint's details", async () => {
    const good = await start(pki.server, ...GOOD);
    const expired = await start(pki.expired, ...GOOD);
    const { stdout, exitCode } = await runCLI(["scan", good, expired, "--cafile", pki.ca.certPath, "--html"]);
    expect(exitCode).toBe(1);
    expect(stdout.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(stdout).toContain('<p id="summary">2 endpoints: 1 ok, 1 with issues, 0 unreachable</p>\n<p id="defects">expired or expiring: 1, verification failed: 1</p>');
    expect(stdout).toContain(`<tr class="ok"><td><a href="#endpoint-0">${good}</a></td><td>TLSv1.3</td>`);
    expect(stdout).toMatch(new RegExp(`<tr class="bad"><td><a href="#endpoint-1">${escapeRegExp(expired)}</a></td><td>TLSv1\\.3</td><td>-\\d+</td><td>10 certificate has expired</td>`));
    expect(stdout).toContain(`<section id="endpoint-1">\n<h2>${expired}</h2>`);
    expect(stdout).toContain("<dt>issuer</dt><dd>CN=sslkit test CA</dd>");
    // Self-contained: no script, no external style sheet, image or font.
    expect(stdout).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
  });

  it("escapes hostile certificate fields and host names in the HTML report", async () => {
    const dir = pki.dir;
    const hostileCN = `<script>alert("cn")<\\/script>&'`;
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.file("hostile.key"), "-out", dir.file("hostile.pem"), "-days", "30", "-subj", `/CN=${hostileCN}/O=<img onerror=x>`], { stdio: "ignore" });
    const hostile = await start({ cert: "", key: "", certPath: dir.file("hostile.pem"), keyPath: dir.file("hostile.key") });
    const hostileHost = `"><b>x&amp;'.invalid:9`;
    const { stdout } = await runCLI(["scan", hostile, hostileHost, "--cafile", pki.ca.certPath, "--timeout", "3", "--html"]);
    const json = JSON.parse((await runCLI(["scan", hostile, "--cafile", pki.ca.certPath, "--json"])).stdout) as ScanReport;
    const subject = json.results[0]?.subject ?? "";
    expect(subject).toContain("<script\\>");
    expect(subject).toContain("<img onerror=x\\>");
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    const escaped = (text: string): string => text.replaceAll(/[&<>"']/g, (c) => entities[c] ?? c);
    expect(stdout).toContain(`<dt>subject</dt><dd>${escaped(subject)}</dd>`);
    expect(stdout).not.toContain("<script");
    expect(stdout).not.toContain("<img");
    expect(stdout).not.toContain("<b>");
    expect(stdout).toContain("<h2>&quot;&gt;&lt;b&gt;x&amp;amp;&#39;.invalid:9</h2>");
    // The only tags are the report's own.
    const tags = new Set([...stdout.matchAll(/<\/?([a-zA-Z0-9!]+)/g)].map((match) => match[1]?.toLowerCase()));
    expect([...tags].sort()).toEqual(["!doctype", "a", "body", "dd", "dl", "dt", "h1", "h2", "head", "html", "li", "meta", "p", "section", "span", "style", "table", "tbody", "td", "th", "thead", "title", "tr", "ul"]);
  });

  it("exits 3 when every endpoint is unreachable", async () => {
    const { exitCode } = await runCLI(["scan", await closedPort(), "--json"]);
    expect(exitCode).toBe(3);
  });

  it.each([
    [["127.0.0.1:1", "--concurrency", "0"], "--concurrency must be an integer ≥ 1"],
    [["127.0.0.1:1", "--json", "--csv"], "--json, --csv and --html cannot be combined"],
    [["127.0.0.1:1", "--csv", "--html"], "--json, --csv and --html cannot be combined"],
    [["127.0.0.1:1", "--timeout", "-1"], "--timeout must be a positive number"],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const { stderr, exitCode } = await runCLI(["scan", ...args]);
    expect(stderr).toContain(message);
    expect(exitCode).toBe(2);
  });

  it("exits 2 naming the line of a malformed hosts file, and 3 for a missing one", async () => {
    const file = pki.dir.file("bad-hosts.txt");
    writeFileSync(file, "ok.example\nbad host:99\n");
    const control = pki.dir.file("control-hosts.txt");
    writeFileSync(control, "evil\u001b[31m.example:443\n");
    const controlRun = await runCLI(["scan", control]);
    expect(controlRun.exitCode).toBe(2);
    expect(controlRun.stderr).toBe(`sslkit: error: ${control}:1: expected host[:port], not "evil\\u001b[31m.example:443"\n`);
    const bad = await runCLI(["scan", file]);
    expect(bad.stderr).toBe(`sslkit: error: ${file}:2: expected host[:port], not "bad host:99"\n`);
    expect(bad.exitCode).toBe(2);
    const missing = await runCLI(["scan", pki.dir.file("no-such-file.txt")]);
    expect(missing.stderr).toMatch(/ENOENT/);
    expect(missing.exitCode).toBe(3);
  });
});
