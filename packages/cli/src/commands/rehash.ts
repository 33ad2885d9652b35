import { defineCommand } from "citty";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { rehashDirectory } from "../lib/hash-links.js";
import type { RehashResult } from "../lib/hash-links.js";
import { dim, heading } from "../lib/style.js";

export default defineCommand({
  meta: { name: "rehash", description: "Make the <hash>.<n> links of a CA directory for --capath (openssl rehash, c_rehash)" },
  args: {
    dirs: { type: "positional", description: "Directories of PEM certificates (.pem, .crt, .cer files holding one certificate each)", required: true },
    json: { type: "boolean", description: "Print one JSON document: [{ directory, links: [{ link, target, kept }], removed, skipped: [{ file, reason }] }]" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  run({ args }) {
    try {
      const directories = args._.length > 0 ? args._ : [args.dirs];
      if (directories.some((directory) => directory === "")) throw new CLIError("rehash: a directory name cannot be empty", ExitCode.USAGE);
      const results: RehashResult[] = directories.map((directory) => rehashDirectory(directory));
      for (const result of results) {
        for (const { file, reason } of result.skipped) process.stderr.write(`sslkit: warning: ${result.directory}: skipping ${file}, ${reason}\n`);
      }
      if (args.json) {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        return;
      }
      const text = results.map((result) => {
        const lines = result.links.map(({ link, target, kept }) => `  ${link} -> ${target}${kept ? dim(" (kept)") : ""}`);
        lines.push(...result.removed.map((link) => `  ${dim(`removed ${link}`)}`));
        return `${heading(`${result.directory}: ${result.links.length} links`)}\n${lines.join("\n")}`;
      });
      process.stdout.write(`${text.join("\n\n")}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
