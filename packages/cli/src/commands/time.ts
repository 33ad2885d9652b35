import { defineCommand } from "citty";
import { certTimeToSeconds } from "@sslkit/x509";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { table } from "../lib/format.js";

/** ISO 8601 in UTC without the milliseconds, which a certificate time never has. */
const isoDate = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export default defineCommand({
  meta: { name: "time", description: "Convert a certificate time string to epoch seconds (Python's ssl.cert_time_to_seconds)" },
  args: {
    time: {
      type: "positional",
      description: 'As OpenSSL prints notBefore/notAfter, e.g. "Jan  5 09:34:43 2018 GMT" (quote it, or pass it as separate words)',
      required: false,
    },
    json: { type: "boolean", description: "Print one JSON document: { input, seconds, date }" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  run({ args }) {
    try {
      // Unquoted words arrive one per argument; the format allows any run of spaces between them.
      const words = args._.map(String);
      if (words.length === 0) throw new CLIError('time needs a certificate time string, e.g. sslkit time "Jan  5 09:34:43 2018 GMT"', ExitCode.USAGE);
      const input = words.join(" ");
      const seconds = certTimeToSeconds(input);
      const date = isoDate(seconds);
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ input, seconds, date }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${table([["seconds", String(seconds)], ["date", date]])}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
