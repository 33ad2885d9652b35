import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { defineCommand } from "citty";
import { createCertificate } from "@sslkit/x509";
import type { SubjectAltName } from "@sslkit/x509";
import { caFiles, defaultCARoot } from "../../lib/ca-root.js";
import { CLIError, ExitCode, reportError } from "../../lib/exit.js";
import { warnOnKeyPermissions } from "../../lib/key-permissions.js";
import { parseDays, parseKeyType, validityFor } from "../../lib/key-type.js";
import { writeOutputFiles } from "../../lib/write-files.js";
import { dim, good } from "../../lib/style.js";

/** `127.0.0.1` → ip, `me@example.com` → email, `https://…` → uri, anything else → dns. */
function toSubjectAltName(name: string): SubjectAltName {
  if (isIP(name) !== 0) return { type: "ip", value: name };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return { type: "uri", value: name };
  if (name.includes("@")) return { type: "email", value: name };
  return { type: "dns", value: name.toLowerCase() };
}

/** mkcert's file naming: `example.com+2.pem` for three names, `*` spelled `_wildcard`. */
function baseName(names: readonly string[]): string {
  const first = (names[0] ?? "cert").replace(/^\*/, "_wildcard").replace(/[^A-Za-z0-9._@-]/g, "_");
  return names.length > 1 ? `${first}+${names.length - 1}` : first;
}

export default defineCommand({
  meta: { name: "cert", description: "Create a certificate for names and IPs, signed by the local CA" },
  args: {
    names: { type: "positional", description: "DNS names, IP addresses, emails or URIs (the first is the common name)", required: true },
    dir: { type: "string", description: "CA directory (default: $SSLKIT_CAROOT or ~/.local/share/sslkit)" },
    "cert-file": { type: "string", description: "Where to write the certificate (default: ./<name>.pem)" },
    "key-file": { type: "string", description: "Where to write the key (default: ./<name>-key.pem)" },
    "key-type": { type: "string", description: "ec-p256 (default), ec-p384, ed25519, rsa-2048, rsa-3072, rsa-4096" },
    days: { type: "string", description: "Validity in days (default: 397, the Web PKI maximum)" },
    client: { type: "boolean", description: "Make a client certificate (extended key usage clientAuth)" },
    force: { type: "boolean", description: "Overwrite existing files" },
    json: { type: "boolean", description: "Print one JSON document: { certificate, key, names, client, notAfter } (file paths, ISO date)" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const names = [...new Set([args.names, ...args._])];
      if (names.some((name) => name.trim() === "")) throw new CLIError("empty name", ExitCode.USAGE);
      const files = caFiles(args.dir ?? defaultCARoot());
      if (!existsSync(files.certificate) || !existsSync(files.key)) {
        throw new CLIError(`no local CA in ${args.dir ?? defaultCARoot()}: run \`sslkit create ca\` first`);
      }
      warnOnKeyPermissions(files.key);
      const issuer = { certificate: readFileSync(files.certificate, "utf8"), privateKey: readFileSync(files.key, "utf8") };
      const certificate = await createCertificate({
        subject: { commonName: names[0] ?? "" },
        issuer,
        subjectAltNames: names.map(toSubjectAltName),
        keyType: parseKeyType(args["key-type"]),
        validity: validityFor(parseDays(args.days, 397)),
        extendedKeyUsage: args.client ? ["clientAuth"] : ["serverAuth"],
      });
      const certFile = args["cert-file"] ?? `${baseName(names)}.pem`;
      const keyFile = args["key-file"] ?? `${baseName(names)}-key.pem`;
      await writeOutputFiles(
        [
          { path: certFile, content: certificate.certificate, secret: false },
          { path: keyFile, content: certificate.privateKey, secret: true },
        ],
        args.force === true,
      );
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ certificate: certFile, key: keyFile, names, client: args.client === true, notAfter: certificate.notAfter.toISOString() }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${good(`created a ${args.client ? "client" : "server"} certificate for ${names.join(", ")}`)}\n  certificate: ${certFile}\n  key:         ${keyFile} ${dim("(mode 0600)")}\n  expires:     ${certificate.notAfter.toISOString()}\n`,
      );
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
