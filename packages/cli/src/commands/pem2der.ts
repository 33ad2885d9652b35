import { defineCommand } from "citty";
import { pemToDER } from "@sslkit/pem";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { readInput } from "../lib/io.js";
import { writeResult } from "../lib/output.js";

export default defineCommand({
  meta: { name: "pem2der", description: "Convert one PEM certificate to DER (Python's ssl.PEM_cert_to_DER_cert)" },
  args: {
    input: { type: "positional", description: "A file holding exactly one PEM CERTIFICATE block, or - for stdin", required: true },
    out: { type: "string", alias: "o", description: "Write the DER here instead of stdout (binary is never written to a terminal)" },
    force: { type: "boolean", description: "Overwrite the --out file if it exists" },
    json: { type: "boolean", description: 'Print one JSON document: { "der": base64, "length": bytes }' },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      if (args.json && args.out !== undefined) throw new CLIError("pem2der: --json and --out cannot be combined", ExitCode.USAGE);
      const der = pemToDER(new TextDecoder().decode(await readInput(args.input)));
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ der: Buffer.from(der).toString("base64"), length: der.length }, null, 2)}\n`);
        return;
      }
      await writeResult(der, { out: args.out, force: args.force, command: "pem2der" });
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
