import { defineCommand } from "citty";
import { PROTOCOL_TLS_CLIENT, SSLContext } from "@sslkit/context";
import type { CipherInfo } from "@sslkit/context";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { dim, heading } from "../lib/style.js";

/** `kx-ecdhe` → `ECDHE`, `auth-any` → `any`: Python's names without their prefix. */
const short = (value: string, prefix: string): string => (value.startsWith(prefix) ? value.slice(prefix.length) : value).toUpperCase().replace(/^ANY$/, "any");

/** Columns of the terminal table: name, protocol, key exchange, authentication, cipher, bits. */
function cipherTable(ciphers: readonly CipherInfo[]): string {
  const rows = ciphers.map((cipher) => [
    cipher.name,
    cipher.protocol,
    short(cipher.kea, "kx-"),
    short(cipher.auth, "auth-"),
    cipher.symmetric ?? "none",
    String(cipher.strength_bits),
  ]);
  const header = ["name", "protocol", "kx", "auth", "cipher", "bits"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join("  ")}`;
  return [heading(line(header).trimEnd()), ...rows.map((row) => line(row))].join("\n");
}

export default defineCommand({
  meta: { name: "ciphers", description: "List the ciphers a client SSLContext offers for an OpenSSL cipher string (Python's get_ciphers)" },
  args: {
    spec: { type: "positional", description: 'OpenSSL cipher string, e.g. "ECDHE+AESGCM:!aNULL" (default: Python\'s default list)', required: false },
    json: { type: "boolean", description: "Print Python's get_ciphers() dicts as one JSON array" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  run({ args }) {
    try {
      if (args._.length > 1) throw new CLIError(`ciphers takes one cipher string (join the parts with ":"), got ${args._.length} arguments`, ExitCode.USAGE);
      const spec = args._[0];
      const context = new SSLContext(PROTOCOL_TLS_CLIENT);
      if (spec !== undefined) context.setCiphers(spec);
      const ciphers = context.getCiphers();
      if (args.json) {
        process.stdout.write(`${JSON.stringify(ciphers, null, 2)}\n`);
        return;
      }
      // A pipe gets one name per line, for `grep`, `wc -l` and `xargs`.
      if (!process.stdout.isTTY) {
        process.stdout.write(ciphers.map((cipher) => `${cipher.name}\n`).join(""));
        return;
      }
      const note = dim(`${ciphers.length} ciphers; TLS 1.3 suites are OpenSSL's defaults, as in Python`);
      process.stdout.write(`${cipherTable(ciphers)}\n${note}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
