import { defineCommand } from "citty";
import { CERT_NONE, CERT_REQUIRED, PROTOCOL_TLS_CLIENT } from "@sslkit/context";
import { SSLContext, getServerCertificate } from "@sslkit/socket";
import { Certificate } from "@sslkit/x509";
import { parseHostPort, parseTimeout } from "../lib/address.js";
import { CLIError, reportError } from "../lib/exit.js";
import { asNetworkError } from "../lib/network.js";
import { connectTLS } from "../lib/tls-client.js";

/** Python's `get_server_certificate`, with a different SNI name than the host connected to. */
async function fetchWithServerName(host: string, port: number, serverName: string, cafile: string | undefined, timeout: number): Promise<string> {
  const context = new SSLContext(PROTOCOL_TLS_CLIENT);
  context.checkHostname = false;
  if (cafile === undefined) context.verifyMode = CERT_NONE;
  else {
    context.verifyMode = CERT_REQUIRED;
    context.loadVerifyLocations({ caFile: cafile });
  }
  const ssl = await connectTLS({ host, port, serverName, context, timeout });
  try {
    const der = ssl.getPeerCert(true);
    if (der === null) throw new CLIError(`${host}:${port} sent no certificate`);
    return new Certificate(der).toPEM();
  } finally {
    await ssl.close();
  }
}

export default defineCommand({
  meta: { name: "get-cert", description: "Print a server's certificate as PEM (Python's ssl.get_server_certificate)" },
  args: {
    address: { type: "positional", description: "The server, host:port or [IPv6]:port", required: true },
    servername: { type: "string", description: "The SNI name to send (default: the host)" },
    cafile: { type: "string", description: "Verify the certificate against these CAs (host name not checked, as in Python)" },
    timeout: { type: "string", description: "Seconds for the connection and the handshake each (default 10)" },
    json: { type: "boolean", description: "Print one JSON document: { host, port, serverName, pem }" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const [host, port] = parseHostPort(args.address);
      const timeout = parseTimeout(args.timeout, 10);
      let pem: string;
      if (args.servername === undefined) {
        try {
          pem = await getServerCertificate([host, port], { caCerts: args.cafile ?? null, timeout });
        } catch (error) {
          throw asNetworkError(error, args.address);
        }
      } else pem = await fetchWithServerName(host, port, args.servername, args.cafile, timeout);
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ host, port, serverName: args.servername ?? null, pem }, null, 2)}\n`);
        return;
      }
      process.stdout.write(pem.endsWith("\n") ? pem : `${pem}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
