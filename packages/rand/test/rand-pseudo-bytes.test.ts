import { describe, expect, it } from "vitest";
import { randPseudoBytes } from "@sslkit/rand";
import { runPythonJSON } from "@sslkit/test-utils";

describe("randPseudoBytes", () => {
  it("returns [bytes, true]: the bytes come from the OS-seeded generator", () => {
    const [bytes, strong] = randPseudoBytes(24);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes).toHaveLength(24);
    expect(strong).toBe(true);
    expect(randPseudoBytes(24)[0]).not.toEqual(bytes);
  });

  it("has the shape of CPython 3.11's ssl.RAND_pseudo_bytes result", async () => {
    const python = await runPythonJSON<[number, boolean]>(
      "import json, ssl, warnings; warnings.simplefilter('ignore'); b, ok = ssl.RAND_pseudo_bytes(24); print(json.dumps([len(b), ok]))",
    );
    const [bytes, strong] = randPseudoBytes(24);
    expect([bytes.length, strong]).toEqual(python);
  });

  it.each([[-1, "ERR_OUT_OF_RANGE"], ["8", "ERR_INVALID_ARG_TYPE"]])("rejects n = %s", (n, code) => {
    expect(() => randPseudoBytes(n as number)).toThrow(expect.objectContaining({ code }));
  });
});
