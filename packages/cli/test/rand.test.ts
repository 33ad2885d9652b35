import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCLI, runOnTTY } from "./run-cli.js";
import { makeTempDir, runProcess, startEGDServer } from "@sslkit/test-utils";
import type { EGDServer, TempDir } from "@sslkit/test-utils";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let dir: TempDir;
let daemon: EGDServer | undefined;

beforeAll(() => {
  dir = makeTempDir();
});
afterEach(async () => {
  await daemon?.close();
  daemon = undefined;
});
afterAll(() => {
  dir.remove();
});

describe("sslkit rand", () => {
  it("prints n bytes as lower-case hex and a newline", async () => {
    const { stdout, stderr, exitCode } = await runCLI(["rand", "32", "--hex"]);
    expect(stderr).toBe("");
    expect(exitCode ?? 0).toBe(0);
    expect(stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it("prints base64 with padding only at the end, across generation chunks", async () => {
    const { stdout } = await runCLI(["rand", "100001", "--base64"]);
    expect(stdout).toMatch(/^[A-Za-z0-9+/]+={0,2}\n$/);
    expect(Buffer.from(stdout.trimEnd(), "base64")).toHaveLength(100001);
  });

  it("prints 2n hex digits across generation chunks", async () => {
    const { stdout } = await runCLI(["rand", "100000", "--hex"]);
    expect(stdout).toMatch(/^[0-9a-f]{200000}\n$/);
  });

  it("writes exactly n raw bytes to a pipe, different on each run", async () => {
    const [first, second] = await Promise.all([runProcess(process.execPath, [bin, "rand", "100000"]), runProcess(process.execPath, [bin, "rand", "100000"])]);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe("");
    expect(first.stdout).toHaveLength(100000);
    expect(second.stdout).toHaveLength(100000);
    expect(first.stdout.equals(second.stdout)).toBe(false);
  });

  it("prints nothing for 0 bytes, and an empty line with --hex", async () => {
    expect((await runProcess(process.execPath, [bin, "rand", "0"])).stdout).toHaveLength(0);
    expect((await runCLI(["rand", "0", "--hex"])).stdout).toBe("\n");
  });

  it("stops quietly when the reader closes the pipe", async () => {
    const result = await runProcess("bash", ["-c", `"${process.execPath}" "${bin}" rand 50000000 | head -c 16 > /dev/null; echo "\${PIPESTATUS[0]}"`]);
    expect(result.stderr).toBe("");
    expect(result.stdout.toString()).toBe("0\n");
  });

  it("refuses raw bytes on a terminal with a hint, exit code 2", async () => {
    const { stdout, stderr, exitCode } = await runOnTTY(["rand", "16"]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("refusing to write raw bytes to a terminal; add --hex or --base64");
  });

  it("prints hex on a terminal", async () => {
    const { stdout, exitCode } = await runOnTTY(["rand", "4", "--hex"]);
    expect(exitCode ?? 0).toBe(0);
    expect(stdout).toMatch(/^[0-9a-f]{8}\n$/);
  });

  it.each([
    ["a negative count", ["rand", "-1", "--hex"]],
    ["a fraction", ["rand", "1.5", "--hex"]],
    ["a word", ["rand", "ten", "--hex"]],
    ["more than 2^31 - 1", ["rand", "2147483648", "--hex"]],
    ["no count", ["rand", "--hex"]],
    ["two counts", ["rand", "1", "2", "--hex"]],
    ["--hex with --base64", ["rand", "8", "--hex", "--base64"]],
    ["an empty --egd", ["rand", "8", "--hex", "--egd", ""]],
  ])("rejects %s with exit code 2 and one line on stderr", async (_label, args) => {
    const { stdout, stderr, exitCode } = await runCLI(args);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^sslkit: error: rand[: ].+\n$/);
  });

  it("mixes 256 bytes from an EGD daemon in before generating (--egd)", async () => {
    daemon = await startEGDServer(dir.path);
    const { stdout, stderr, exitCode } = await runCLI(["rand", "16", "--hex", "--egd", daemon.path]);
    expect(stderr).toBe("");
    expect(exitCode ?? 0).toBe(0);
    expect(stdout).toMatch(/^[0-9a-f]{32}\n$/);
    expect(daemon.served().length).toBe(256);
    expect(new Set(daemon.commands)).toEqual(new Set([0x01]));
  });

  it("reads from the daemon in the built binary too", async () => {
    daemon = await startEGDServer(dir.path);
    const result = await runProcess(process.execPath, [bin, "rand", "8", "--base64", "--egd", daemon.path]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(daemon.served().length).toBe(256);
  });

  it("exits 3 with ERR_SSLKIT_RAND_EGD_CONNECT when no daemon listens, writing nothing", async () => {
    const { stdout, stderr, exitCode } = await runCLI(["rand", "16", "--hex", "--egd", dir.file("missing.sock")]);
    expect(exitCode).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^sslkit: RandError ERR_SSLKIT_RAND_EGD_CONNECT: .+\n$/);
  });

  it("exits 3 when the path is a regular file, not a socket", async () => {
    writeFileSync(dir.file("not-a-socket"), "x");
    const { stderr, exitCode } = await runCLI(["rand", "16", "--hex", "--egd", dir.file("not-a-socket")]);
    expect(exitCode).toBe(3);
    expect(stderr).toMatch(/^sslkit: RandError ERR_SSLKIT_RAND_EGD_CONNECT: /);
  });

  it("exits 3 when the daemon hangs up mid-protocol, without a stack", async () => {
    daemon = await startEGDServer(dir.path, { closeAfter: 0 });
    const result = await runProcess(process.execPath, [bin, "rand", "16", "--hex", "--egd", daemon.path]);
    expect(result.status).toBe(3);
    expect(result.stdout.toString()).toBe("");
    expect(result.stderr).toMatch(/^sslkit: RandError ERR_SSLKIT_RAND_EGD_CLOSED: [^\n]+\n$/);
  });
});
