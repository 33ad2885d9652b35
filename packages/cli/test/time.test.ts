import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { runProcess, runPythonJSON } from "@sslkit/test-utils";
import { runCLI } from "./run-cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

interface TimeJSON {
  input: string;
  seconds: number;
  date: string;
}

const VALID = ["Jan  5 09:34:43 2018 GMT", "May  9 23:59:59 2007 GMT", "Jan 01 00:00:00 0001 GMT", "Dec 31 23:59:59 9999 GMT", "feb 29 12:00:00 2024 gmt"];

describe("sslkit time", () => {
  it.each(VALID)("gives CPython's cert_time_to_seconds for %j", async (input) => {
    const python = await runPythonJSON<number>("import ssl, sys, json; print(json.dumps(ssl.cert_time_to_seconds(sys.argv[1])))", [input]);
    const { stdout, stderr, exitCode } = await runCLI(["time", input, "--json"]);
    expect(stderr).toBe("");
    expect(exitCode ?? 0).toBe(0);
    const document = JSON.parse(stdout) as TimeJSON;
    expect(document).toEqual({ input, seconds: python, date: new Date(python * 1000).toISOString().replace(".000Z", "Z") });
  });

  it("prints the seconds and the ISO date in aligned rows", async () => {
    const { stdout } = await runCLI(["time", "Jan  5 09:34:43 2018 GMT"]);
    expect(stdout).toBe("  seconds: 1515144883\n  date:    2018-01-05T09:34:43Z\n");
  });

  it("accepts the string unquoted, as separate words", async () => {
    const { stdout } = await runCLI(["time", "Jan", "5", "09:34:43", "2018", "GMT", "--json"]);
    expect((JSON.parse(stdout) as TimeJSON).seconds).toBe(1515144883);
  });

  it.each([
    ["not a time", "bogus", "ERR_SSLKIT_X509_TIME_FORMAT"],
    ["an unknown month", "Foo  5 09:34:43 2018 GMT", "ERR_SSLKIT_X509_TIME_FORMAT"],
    ["data after GMT", "Jan  5 09:34:43 2018 GMTx", "ERR_SSLKIT_X509_TIME_TRAILING_DATA"],
    ["the year 0000", "Jan  5 09:34:43 0000 GMT", "ERR_SSLKIT_X509_TIME_OUT_OF_RANGE"],
  ])("rejects %s with the X509Error code on stderr and exit code 1", async (_label, input, code) => {
    const { stdout, stderr, exitCode } = await runCLI(["time", input]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`^sslkit: X509Error ${code}: .+\\n$`));
  });

  it("shows CPython's ValueError text for a malformed string", async () => {
    const { stderr } = await runCLI(["time", "bogus"]);
    expect(stderr).toContain(`time data 'bogus' does not match format "%b %d %H:%M:%S %Y GMT"`);
  });

  it("exits 2 without a time string", async () => {
    const { stderr, exitCode } = await runCLI(["time"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^sslkit: error: time needs a certificate time string/);
  });

  it("reports a bad string from the built binary in one line, without a stack", async () => {
    const result = await runProcess(process.execPath, [bin, "time", "Jan 99 09:34:43 2018 GMT"]);
    expect(result.status).toBe(1);
    expect(result.stdout.toString()).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^sslkit: X509Error ERR_SSLKIT_X509_TIME_FORMAT: /);
  });
});
