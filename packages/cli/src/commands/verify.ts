import { defineCommand } from "citty";
import { Certificate, verifyChain } from "@sslkit/x509";
import type { VerifyChainOptions } from "@sslkit/x509";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { CAFILE_HELP, CAPATH_HELP, loadTrustAnchors, readCertificateFile } from "../lib/trust-store.js";
import { table } from "../lib/format.js";
import { bad, dim, good } from "../lib/style.js";

const PURPOSES: Readonly<Record<string, VerifyChainOptions["purpose"]>> = {
  sslserver: "serverAuth",
  serverauth: "serverAuth",
  sslclient: "clientAuth",
  clientauth: "clientAuth",
  any: "any",
};

function parseTime(value: string): Date {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new CLIError(`--at: not a time: ${JSON.stringify(value)} (use ISO 8601 or seconds since the epoch)`, ExitCode.USAGE);
  return date;
}

export default defineCommand({
  meta: { name: "verify", description: "Verify a certificate chain, with OpenSSL's verify codes" },
  args: {
    cert: { type: "positional", description: "The certificate to verify, optionally followed by its intermediates (PEM or DER)", required: true },
    cafile: { type: "string", description: CAFILE_HELP },
    capath: { type: "string", description: CAPATH_HELP },
    untrusted: { type: "string", description: "Extra intermediate certificates, not trusted" },
    hostname: { type: "string", description: "Check the certificate is valid for this DNS name or IP address" },
    purpose: { type: "string", description: "sslserver (default), sslclient or any" },
    at: { type: "string", description: "Verify at this time instead of now (ISO 8601 or epoch seconds)" },
    json: { type: "boolean", description: "Print one JSON document" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const purpose = PURPOSES[(args.purpose ?? "sslserver").toLowerCase()];
      if (purpose === undefined) throw new CLIError(`--purpose must be sslserver, sslclient or any, not ${JSON.stringify(args.purpose)}`, ExitCode.USAGE);
      const presented = readCertificateFile(args.cert);
      if (presented.length === 0) throw new CLIError(`no certificate in ${args.cert}`);
      const untrusted = args.untrusted === undefined ? [] : readCertificateFile(args.untrusted);
      const anchors = loadTrustAnchors({ cafile: args.cafile, capath: args.capath }, [...presented, ...untrusted]);
      const options: VerifyChainOptions = {
        trustAnchors: anchors,
        purpose,
        ...(args.hostname === undefined ? {} : { hostname: args.hostname }),
        ...(args.at === undefined ? {} : { time: parseTime(args.at) }),
      };
      const result = await verifyChain([...presented, ...untrusted], options);
      process.exitCode = result.ok ? ExitCode.OK : ExitCode.FAILED;
      const chain = result.chain.map((der) => new Certificate(der).subjectString);
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok: result.ok, verifyCode: result.verifyCode, verifyMessage: result.verifyMessage, reason: result.reason, depth: result.depth, chain }, null, 2)}\n`);
        return;
      }
      const verdict = result.ok
        ? good(`${args.cert}: OK ${dim(`(verify code 0${args.hostname === undefined ? "" : `, valid for ${args.hostname}`})`)}`)
        : bad(`${args.cert}: verification failed at depth ${result.depth}: ${result.verifyMessage} (verify code ${result.verifyCode})`);
      const rows: [string, string][] = chain.map((subject, depth) => [`depth ${depth}`, subject]);
      if (!result.ok && result.reason !== "") rows.push(["why", result.reason]);
      process.stdout.write(`${verdict}\n${table(rows)}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
