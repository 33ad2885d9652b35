import { defineCommand } from "citty";
import { derToPEM } from "@sslkit/pem";
import { Certificate } from "@sslkit/x509";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { readInput } from "../lib/io.js";
import { writeResult } from "../lib/output.js";

export default defineCommand({
  meta: { name: "der2pem", description: "Convert a DER certificate to PEM (Python's ssl.DER_cert_to_PEM_cert)" },
  args: {
    input: { type: "positional", description: "A DER-encoded X.509 certificate file, or - for stdin", required: true },
    out: { type: "string", alias: "o", description: "Write the PEM here instead of stdout" },
    force: { type: "boolean", description: "Overwrite the --out file if it exists" },
    json: { type: "boolean", description: 'Print one JSON document: { "pem": text }' },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      if (args.json && args.out !== undefined) throw new CLIError("der2pem: --json and --out cannot be combined", ExitCode.USAGE);
      const der = await readInput(args.input);
      if (der.length === 0) throw new CLIError(`der2pem: ${args.input === "-" ? "stdin" : args.input} is empty`);
      if (new TextDecoder().decode(der.subarray(0, 11)) === "-----BEGIN ") throw new CLIError(`der2pem: ${args.input} is already PEM (sslkit pem2der converts the other way)`);
      // Python's DER_cert_to_PEM_cert wraps any bytes; the CLI first checks they are exactly one
      // certificate (Certificate rejects trailing bytes with ERR_SSLKIT_X509_TRAILING_DATA).
      const pem = derToPEM(new Certificate(der).toDER());
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ pem }, null, 2)}\n`);
        return;
      }
      await writeResult(pem, { out: args.out, force: args.force, command: "der2pem" });
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
