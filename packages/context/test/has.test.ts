import { describe, expect, it } from "vitest";
import * as context from "@sslkit/context";
import { OPENSSL_VERSION } from "@sslkit/context";
import { runPythonJSON } from "@sslkit/test-utils";

describe("HAS_*", () => {
  it("agree with Python's ssl module when both run the same OpenSSL", async () => {
    const python = await runPythonJSON<{ version: string; has: Record<string, boolean> }>(
      "import json, ssl; print(json.dumps({'version': ssl.OPENSSL_VERSION, 'has': {k: getattr(ssl, k) for k in dir(ssl) if k.startswith('HAS_')}}))",
    );
    const ours = context as unknown as Record<string, unknown>;
    expect(Object.keys(python.has).filter((name) => !(name in ours))).toEqual([]);
    if (!python.version.startsWith(`${OPENSSL_VERSION} `)) return;
    for (const [name, value] of Object.entries(python.has)) expect([name, ours[name]]).toEqual([name, value]);
  });
});
