import { join } from "node:path";
import { defineCommand } from "citty";
import { loadCertificates } from "@sslkit/x509";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { readInput } from "../lib/io.js";
import { dim } from "../lib/style.js";
import { writeOutputFiles } from "../lib/write-files.js";

export default defineCommand({
  meta: { name: "split", description: "Write each certificate of a bundle to its own file" },
  args: {
    bundle: { type: "positional", description: "A PEM bundle (text between blocks is ignored) or a DER certificate, or - for stdin", required: true },
    dir: { type: "string", description: "Directory for the files (default: the current one; created if missing)" },
    prefix: { type: "string", description: "File name prefix (default cert-): cert-1.pem, cert-2.pem, … numbered in bundle order" },
    der: { type: "boolean", description: "Write DER files (.der) instead of PEM" },
    force: { type: "boolean", description: "Overwrite existing files (otherwise nothing is written if one exists)" },
    json: { type: "boolean", description: "Print one JSON document: [{ file, subject, issuer, fingerprintSHA256 }]" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const prefix = args.prefix ?? "cert-";
      if (prefix.includes("/") || prefix.includes("\\")) throw new CLIError(`split: --prefix must be a file name prefix, not a path: ${JSON.stringify(prefix)} (use --dir)`, ExitCode.USAGE);
      const certificates = loadCertificates(await readInput(args.bundle));
      if (certificates.length === 0) throw new CLIError(`split: no certificate in ${args.bundle}`);
      const width = String(certificates.length).length;
      const extension = args.der ? "der" : "pem";
      const entries = certificates.map((certificate, index) => ({
        file: join(args.dir ?? ".", `${prefix}${String(index + 1).padStart(width, "0")}.${extension}`),
        certificate,
      }));
      await writeOutputFiles(entries.map(({ file, certificate }) => ({ path: file, content: args.der ? certificate.toDER() : certificate.toPEM(), secret: false })), args.force === true);
      if (args.json) {
        const report = entries.map(({ file, certificate }) => ({ file, subject: certificate.subjectString, issuer: certificate.issuerString, fingerprintSHA256: certificate.fingerprintSHA256 }));
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const fileWidth = Math.max(...entries.map(({ file }) => file.length));
      process.stdout.write(entries.map(({ file, certificate }) => `${file.padEnd(fileWidth)}  ${certificate.subjectString} ${dim(`(issuer ${certificate.issuerString})`)}`).join("\n") + "\n");
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
