import { defineCommand } from "citty";
import { loadCertificates } from "@sslkit/x509";
import { formatCertificate } from "../lib/certificate-view.js";
import { CLIError, reportError } from "../lib/exit.js";
import { readInput } from "../lib/io.js";
import { isServerArgument } from "../lib/address.js";
import { dim, good, heading, paint } from "../lib/style.js";

export default defineCommand({
  meta: { name: "inspect", description: "Show the certificates in a PEM, DER or bundle file (- for stdin, host:port for a server)" },
  args: {
    input: { type: "positional", description: "Certificate file (PEM, DER or a bundle), - for stdin, or host:port ([IPv6]:port) for the chain a TLS server sends", required: true },
    json: { type: "boolean", description: "Print one JSON document: the certificates' fields" },
    dict: { type: "boolean", description: "Print the certificates as CPython's getpeercert() dicts (JSON)" },
    chain: { type: "boolean", description: "Check that each certificate is issued by the next one" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const certificates = isServerArgument(args.input)
        ? await import("../lib/fetch-chain.js").then(async ({ fetchServerChain }) => fetchServerChain(args.input))
        : loadCertificates(await readInput(args.input));
      if (certificates.length === 0) throw new CLIError(`no certificate in ${args.input}`);
      const links = certificates.slice(0, -1).map((certificate, index) => {
        const next = certificates[index + 1];
        return next !== undefined && certificate.isIssuedBy(next);
      });
      if (args.chain && links.includes(false)) process.exitCode = 1;
      if (args.dict || args.json) {
        const body = args.dict ? certificates.map((c) => c.toDict()) : certificates.map((c) => c.toJSON());
        process.stdout.write(`${JSON.stringify(args.chain ? { certificates: body, chainOrdered: !links.includes(false) } : body, null, 2)}\n`);
        return;
      }
      const parts = certificates.map((certificate, index) => {
        const title = heading(`Certificate ${index + 1} of ${certificates.length}`);
        const link = !args.chain || index === certificates.length - 1 ? "" : links[index] ? `\n  ${good("issued by the next certificate")}` : `\n  ${paint("red", "✘ not issued by the next certificate")}`;
        return `${title}\n${formatCertificate(certificate)}${link}`;
      });
      process.stdout.write(`${parts.join("\n\n")}\n`);
      if (args.chain) process.stdout.write(`\n${links.includes(false) ? paint("red", "✘ the chain is out of order") : good(`chain order ok ${dim(`(${certificates.length} certificates)`)}`)}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
