import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as rand from "@sslkit/rand";
import * as testing from "@sslkit/rand/testing";
import { runProcess } from "@sslkit/test-utils";
import { ensureBuilt } from "./support/built-package.ts";

describe("@sslkit/rand", () => {
  it("exports exactly the documented API", () => {
    expect(Object.keys(rand).sort()).toEqual(
      [
        "DEFAULT_RESEED_INTERVAL",
        "EGDClient",
        "EGDCommand",
        "EGD_DEFAULT_BYTES",
        "EGD_DEFAULT_TIMEOUT_MS",
        "EGD_MAX_READ",
        "Generator",
        "MAX_RAND_BYTES",
        "RandErrorCode",
        "randAdd",
        "randBytes",
        "randEgd",
        "randPseudoBytes",
        "randStatus",
      ].sort(),
    );
    expect(Object.keys(testing)).toEqual(["createDeterministicGenerator"]);
  });

  it("documents codes of the ERR_SSLKIT_RAND_ form only", () => {
    for (const code of Object.values(rand.RandErrorCode)) expect(code).toMatch(/^ERR_SSLKIT_RAND_[A-Z_]+$/);
  });

  describe("from CommonJS", () => {
    beforeAll(ensureBuilt, 120_000);

    it("loads through require() of ESM", async () => {
      const { NODE_OPTIONS: _ignored, ...env } = process.env;
      const result = await runProcess(process.execPath, [fileURLToPath(new URL("fixtures/require-child.cjs", import.meta.url))], { env });
      expect(result.stderr).not.toMatch(/Error/);
      expect(JSON.parse(result.stdout.toString("utf8"))).toEqual({ length: 16, generator: "function" });
    });
  });
});
