import { defineCommand } from "citty";
import { Certificate, createCertificate } from "@sslkit/x509";
import { caFiles, defaultCARoot } from "../../lib/ca-root.js";
import { reportError } from "../../lib/exit.js";
import { parseDays, parseKeyType, validityFor } from "../../lib/key-type.js";
import { writeOutputFiles } from "../../lib/write-files.js";
import { dim, good } from "../../lib/style.js";

export default defineCommand({
  meta: { name: "ca", description: "Create the local CA that `sslkit create cert` signs with" },
  args: {
    dir: { type: "string", description: "CA directory (default: $SSLKIT_CAROOT or ~/.local/share/sslkit)" },
    name: { type: "string", description: 'CA common name (default: "sslkit local CA")' },
    "key-type": { type: "string", description: "ec-p256 (default), ec-p384, ed25519, rsa-2048, rsa-3072, rsa-4096" },
    days: { type: "string", description: "Validity in days (default: 3650)" },
    force: { type: "boolean", description: "Replace an existing CA" },
    json: { type: "boolean", description: "Print one JSON document: { certificate, key, subject, notAfter } (file paths, CA subject, ISO date)" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const root = args.dir ?? defaultCARoot();
      const files = caFiles(root);
      const ca = await createCertificate({
        subject: { organizationName: "sslkit development CA", commonName: args.name ?? "sslkit local CA" },
        isCA: true,
        pathLength: 0,
        keyType: parseKeyType(args["key-type"]),
        validity: validityFor(parseDays(args.days, 3650)),
      });
      await writeOutputFiles(
        [
          { path: files.certificate, content: ca.certificate, secret: false },
          { path: files.key, content: ca.privateKey, secret: true },
        ],
        args.force === true,
      );
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ certificate: files.certificate, key: files.key, subject: new Certificate(ca.certificate).subjectString, notAfter: ca.notAfter.toISOString() }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${good(`created CA "${args.name ?? "sslkit local CA"}"`)}\n  certificate: ${files.certificate}\n  key:         ${files.key} ${dim("(mode 0600)")}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
