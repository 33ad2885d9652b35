import { runPythonJSON } from "@sslkit/test-utils";

/** What CPython answered for one file: its dict, or the exception it raised. */
export type DecodeOracleAnswer = { readonly ok: unknown } | { readonly error: string };

const SCRIPT = `
import json, ssl, sys
out = []
for path in sys.argv[1:]:
    try:
        out.append({"ok": ssl._ssl._test_decode_cert(path)})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)})
print(json.dumps(out, default=lambda o: {"__bytes__": o.hex()}))
`;

/** Runs CPython's `ssl._ssl._test_decode_cert` on each PEM file, in one python3 process. */
export function pythonDecodeCerts(paths: readonly string[]): Promise<DecodeOracleAnswer[]> {
  return runPythonJSON<DecodeOracleAnswer[]>(SCRIPT, paths);
}
