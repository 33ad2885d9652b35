import { describe, expect, it } from "vitest";
import { renderUsage } from "citty";
import { fileURLToPath } from "node:url";
import { main } from "../src/main.js";
import { runProcess } from "@sslkit/test-utils";
import packageJson from "../package.json" with { type: "json" };

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

describe("the sslkit binary", () => {
  it("lists its commands in --help", async () => {
    // The version is masked so that a release does not change the snapshot.
    expect((await renderUsage(main)).replace(`v${packageJson.version}`, "v<version>")).toMatchSnapshot();
  });

  it.each([["--version"], ["-v"]])("prints its version for %s", async (flag) => {
    const result = await runProcess(process.execPath, [bin, flag]);
    expect(result.stdout.toString()).toBe(`${packageJson.version}\n`);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs the demo from the built file, as the README's first command does", async () => {
    const result = await runProcess(process.execPath, [bin, "demo"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.toString()).toContain("round trip");
    expect(result.status).toBe(0);
  });

  it("exits non-zero on an unknown command", async () => {
    const result = await runProcess(process.execPath, [bin, "no-such-command"]);
    expect(result.status).not.toBe(0);
  });
});
