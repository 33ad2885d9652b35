import { describe, expect, it } from "vitest";
import { randStatus } from "@sslkit/rand";
import { runPythonJSON } from "@sslkit/test-utils";

describe("randStatus", () => {
  it("reports the process-wide generator as seeded, as CPython does on this machine", async () => {
    expect(randStatus()).toBe(true);
    expect(await runPythonJSON<boolean>("import json, ssl; print(json.dumps(ssl.RAND_status()))")).toBe(true);
  });
});
