import { defineCommand } from "citty";
import { OPENSSL_VERSION, OPENSSL_VERSION_INFO } from "@sslkit/context";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { table } from "../lib/format.js";
import { installedPackages } from "../lib/package-versions.js";
import { heading } from "../lib/style.js";

export default defineCommand({
  meta: { name: "version", description: "Show the OpenSSL, Node.js and sslkit package versions" },
  args: {
    json: { type: "boolean", description: "Print one JSON document: { openssl, opensslVersionInfo, node, packages }" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  run({ args }) {
    try {
      if (args._.length > 0) throw new CLIError(`version takes no arguments, got ${JSON.stringify(args._[0])}`, ExitCode.USAGE);
      const packages = installedPackages();
      if (args.json) {
        const document = {
          openssl: OPENSSL_VERSION,
          opensslVersionInfo: OPENSSL_VERSION_INFO,
          node: process.version,
          packages: Object.fromEntries(packages.map(({ name, version }) => [name, version])),
        };
        process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
        return;
      }
      const rows: [string, string][] = [
        ["OpenSSL", OPENSSL_VERSION],
        ["Node.js", process.version],
        ...packages.map(({ name, version }): [string, string] => [name, version]),
      ];
      process.stdout.write(`${heading("sslkit versions")}\n${table(rows)}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
