import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { makeTestPKI, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TestIdentity, TestPKI } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

interface ScanReport {
  results: {
    target: string;
    reachable: boolean;
    protocol: string | null;
    daysLeft: number | null;
    verifyCode: number | null;
    hostnameOk: boolean | null;
    oldProtocols: string[];
    issues: string[];
    error: string | null;
  }[];
  summary: { total: number; ok: number; failing: number; unreachable: number };
}

let pki: TestPKI;
const servers: OpenSSLServer[] = [];

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

async function closedPort(): Promise<string> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
  return `127.0.0.1:${port}`;
}

describe("sslkit scan", () => {
  it("finds each known defect among local servers: expired, self-signed, TLS 1.0 accepted, unreachable", async () => {
    const good = await start(pki.server);
    const expired = await start(pki.expired);
    const selfSigned = await start(pki.selfSigned);
    const legacy = await start(pki.server, "-cipher", "DEFAULT:@SECLEVEL=0");
    const refused = await closedPort();
    const { stdout, exitCode } = await runCLI(["scan", good, expired, selfSigned, legacy, refused, "--cafile", pki.ca.certPath, "--json", "--concurrency", "2"]);
    const report = JSON.parse(stdout) as ScanReport;
    const byTarget = new Map(report.results.map((r) => [r.target, r]));
    expect(report.results.map((r) => r.target)).toEqual([good, expired, selfSigned, legacy, refused]);
    expect(byTarget.get(good)).toMatchObject({ reachable: true, protocol: "TLSv1.3", verifyCode: 0, hostnameOk: true });
    expect(byTarget.get(expired)?.verifyCode).toBe(10);
    expect(byTarget.get(expired)?.issues.join("\n")).toMatch(/expired \d+ days ago/);
    expect(byTarget.get(selfSigned)?.verifyCode).toBe(18);
    expect(byTarget.get(legacy)?.oldProtocols).toEqual(["TLSv1", "TLSv1.1"]);
    expect(byTarget.get(refused)).toMatchObject({ reachable: false, issues: ["unreachable"] });
    expect(byTarget.get(refused)?.error).toMatch(/ECONNREFUSED/);
    expect(report.summary).toEqual({ total: 5, ok: 1, failing: 3, unreachable: 1 });
    expect(exitCode).toBe(1);
  });

  it("flags certificates expiring within --warn-days", async () => {
    const good = await start(pki.server);
    const { stdout } = await runCLI(["scan", good, "--cafile", pki.ca.certPath, "--json", "--warn-days", "100000"]);
    expect((JSON.parse(stdout) as ScanReport).results[0]?.issues.join("\n")).toMatch(/^expires in \d+ days$/m);
  });

  it("reads endpoints from a hosts file with comments and prints a table, exit 0 when all is well", async () => {
    const good = await start(pki.server);
    const file = pki.dir.file("hosts.txt");
    writeFileSync(file, `# production\n${good}  # the only one\n\n`);
    const { stdout, stderr, exitCode } = await runCLI(["scan", file, "--cafile", pki.ca.certPath]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^endpoint +protocol +days left +verify +issues\n/);
    expect(stdout).toMatch(new RegExp(`^${good.replaceAll(".", "\\.")} +TLSv1\\.3 +\\d+ +ok$`, "m"));
    expect(stdout).toContain("1 endpoints, no issues");
    expect(exitCode).toBeUndefined();
  });

  it("prints RFC 4180 CSV with --csv", async () => {
    const selfSigned = await start(pki.selfSigned);
    const { stdout } = await runCLI(["scan", selfSigned, "--cafile", pki.ca.certPath, "--csv"]);
    const [header, row] = stdout.split("\r\n");
    expect(header).toBe("target,reachable,protocol,cipher,subject,notAfter,daysLeft,verifyCode,verifyMessage,hostnameOk,oldProtocols,issues,error");
    expect(row).toMatch(new RegExp(`^${selfSigned.replaceAll(".", "\\.")},true,TLSv1\\.3,TLS_\\w+,CN=localhost,[^,]+,\\d+,18,self-signed certificate,true,,verification failed: self-signed certificate \\(18\\),$`));
  });

  it("exits 3 when every endpoint is unreachable", async () => {
    const { exitCode } = await runCLI(["scan", await closedPort(), "--json"]);
    expect(exitCode).toBe(3);
  });

  it.each([
    [["127.0.0.1:1", "--concurrency", "0"], "--concurrency must be an integer ≥ 1"],
    [["127.0.0.1:1", "--json", "--csv"], "--json and --csv cannot be combined"],
    [["127.0.0.1:1", "--timeout", "-1"], "--timeout must be a positive number"],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const { stderr, exitCode } = await runCLI(["scan", ...args]);
    expect(stderr).toContain(message);
    expect(exitCode).toBe(2);
  });

  it("exits 2 naming the line of a malformed hosts file, and 3 for a missing one", async () => {
    const file = pki.dir.file("bad-hosts.txt");
    writeFileSync(file, "ok.example\nbad host:99\n");
    const bad = await runCLI(["scan", file]);
    expect(bad.stderr).toBe(`sslkit: error: ${file}:2: expected host[:port], not "bad host:99"\n`);
    expect(bad.exitCode).toBe(2);
    const missing = await runCLI(["scan", pki.dir.file("no-such-file.txt")]);
    expect(missing.stderr).toMatch(/ENOENT/);
    expect(missing.exitCode).toBe(3);
  });
});
