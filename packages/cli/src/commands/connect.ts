import { defineCommand } from "citty";
import { CERT_NONE, PROTOCOL_TLS_CLIENT } from "@sslkit/context";
import { SSLContext, TimeoutError } from "@sslkit/socket";
import type { SSLSession, SSLSocket } from "@sslkit/socket";
import { Certificate, decodeCert, matchHostname, verifyChain } from "@sslkit/x509";
import { parseHostPort, parseTimeout } from "../lib/address.js";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { warnOnKeyPermissions } from "../lib/key-permissions.js";
import { table } from "../lib/format.js";
import { peerChain } from "../lib/network.js";
import { STARTTLS_PROTOCOLS, startTLS } from "../lib/starttls.js";
import type { StartTLSProtocol } from "../lib/starttls.js";
import { bad, dim, good, heading, paint } from "../lib/style.js";
import { connectTLS, sniName } from "../lib/tls-client.js";
import { parseTLSVersion } from "../lib/tls-version.js";
import { CAFILE_HELP, CAPATH_HELP, trustAnchorLoader } from "../lib/trust-store.js";

/** Certificates expiring within this many days get a warning. */
const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

interface ChainEntry {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysLeft: number;
  readonly fingerprintSHA256: string;
}

function describe(certificate: Certificate, now: number): ChainEntry {
  return {
    subject: certificate.subjectString,
    issuer: certificate.issuerString,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    daysLeft: Math.floor((certificate.notAfter.getTime() - now) / DAY_MS),
    fingerprintSHA256: certificate.fingerprintSHA256,
  };
}

function expiryWarnings(chain: readonly Certificate[], now: number): string[] {
  const warnings: string[] = [];
  chain.forEach((certificate, depth) => {
    const days = Math.floor((certificate.notAfter.getTime() - now) / DAY_MS);
    const who = `certificate ${depth} (${certificate.subjectString})`;
    if (certificate.notBefore.getTime() > now) warnings.push(`${who} is not valid before ${certificate.notBefore.toISOString()}`);
    if (certificate.notAfter.getTime() < now) warnings.push(`${who} expired ${-days} days ago (${certificate.notAfter.toISOString()})`);
    else if (days < EXPIRY_WARNING_DAYS) warnings.push(`${who} expires in ${days} days (${certificate.notAfter.toISOString()})`);
  });
  return warnings;
}

/** How long `--reconnect` waits after a TLS 1.3 handshake for the server's session ticket. */
const TICKET_WAIT_SECONDS = 2;

/**
 * The first connection's session, if it can resume: TLS 1.2 has it after the handshake; TLS 1.3
 * servers send their tickets just after it, so wait for one (at most `seconds`, and not past
 * application data, which comes after the tickets). `null` when the server sent none.
 */
async function resumableSession(ssl: SSLSocket, seconds: number): Promise<SSLSession | null> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const session = ssl.session;
    if (session !== null && (session.hasTicket || ssl.version() !== "TLSv1.3")) return session;
    const left = deadline - Date.now();
    if (left <= 0 || ssl.pending() > 0) return null;
    ssl.setTimeout(left / 1000);
    try {
      await ssl.waitReadable();
    } catch (error) {
      if (error instanceof TimeoutError) return null;
      throw error;
    }
  }
}

function hostnameCheck(leaf: Uint8Array | undefined, name: string): { ok: boolean; error: string | null } {
  if (leaf === undefined) return { ok: false, error: "the server sent no certificate" };
  try {
    matchHostname(decodeCert(leaf), name);
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export default defineCommand({
  meta: { name: "connect", description: "Connect to a TLS server and report the handshake, chain and verification" },
  args: {
    address: { type: "positional", description: "The server, host:port or [IPv6]:port", required: true },
    servername: { type: "string", description: "SNI name and the name checked (default: the host; no SNI for an IP)" },
    cafile: { type: "string", description: CAFILE_HELP },
    capath: { type: "string", description: CAPATH_HELP },
    insecure: { type: "boolean", description: "Report verification failures but exit 0" },
    alpn: { type: "string", description: "ALPN protocols to offer, comma-separated (e.g. h2,http/1.1)" },
    "min-tls": { type: "string", description: "Lowest TLS version: 1.0, 1.1, 1.2 or 1.3" },
    "max-tls": { type: "string", description: "Highest TLS version: 1.0, 1.1, 1.2 or 1.3" },
    ciphers: { type: "string", description: "OpenSSL cipher list (TLS 1.2 and below)" },
    cert: { type: "string", description: "Client certificate (PEM, may hold the key too)" },
    key: { type: "string", description: "Client private key (PEM)" },
    starttls: { type: "string", description: "Upgrade in-band first: smtp, imap, pop3, ftp or postgres" },
    reconnect: { type: "boolean", description: "Connect again offering the first session; report whether the server resumed it" },
    timeout: { type: "string", description: "Seconds for the connection and the handshake (default 10)" },
    json: { type: "boolean", description: "Print one JSON document" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const [host, port] = parseHostPort(args.address);
      const timeout = parseTimeout(args.timeout, 10);
      const starttls = args.starttls?.toLowerCase();
      if (starttls !== undefined && !(STARTTLS_PROTOCOLS as readonly string[]).includes(starttls)) {
        throw new CLIError(`--starttls must be one of ${STARTTLS_PROTOCOLS.join(", ")}, not ${JSON.stringify(args.starttls)}`, ExitCode.USAGE);
      }
      if (args.key !== undefined && args.cert === undefined) throw new CLIError("--key needs --cert", ExitCode.USAGE);
      const context = new SSLContext(PROTOCOL_TLS_CLIENT);
      // The handshake completes whatever the certificate; verifyChain judges it below, so the
      // report shows the chain even when it fails.
      context.checkHostname = false;
      context.verifyMode = CERT_NONE;
      if (args["min-tls"] !== undefined) context.minimumVersion = parseTLSVersion("--min-tls", args["min-tls"]);
      if (args["max-tls"] !== undefined) context.maximumVersion = parseTLSVersion("--max-tls", args["max-tls"]);
      if (args.ciphers !== undefined) context.setCiphers(args.ciphers);
      if (args.alpn !== undefined) context.setALPNProtocols(args.alpn.split(",").map((name) => name.trim()).filter((name) => name !== ""));
      if (args.cert !== undefined) {
        context.loadCertChain(args.cert, args.key ?? null);
        warnOnKeyPermissions(args.key ?? args.cert);
      }
      const anchorsFor = trustAnchorLoader({ cafile: args.cafile, capath: args.capath });

      const connectOnce = (session: SSLSession | null): Promise<SSLSocket> =>
        connectTLS({
          host,
          port,
          serverName: args.servername,
          context,
          timeout,
          session,
          ...(starttls === undefined ? {} : { beforeHandshake: (sock) => startTLS(sock, starttls as StartTLSProtocol) }),
        });
      const ssl = await connectOnce(null);
      const cipher = ssl.cipher();
      const handshake = {
        protocol: ssl.version(),
        cipher: cipher === null ? null : { name: cipher[0], protocol: cipher[1], bits: cipher[2] },
        alpn: ssl.selectedALPNProtocol(),
        sessionReused: ssl.sessionReused,
      };
      const chainDER = peerChain(ssl);
      let reconnect: { sessionOffered: boolean; sessionReused: boolean; protocol: string | null } | null = null;
      if (args.reconnect === true) {
        const session = await resumableSession(ssl, Math.min(timeout, TICKET_WAIT_SECONDS));
        await ssl.close();
        const again = await connectOnce(session);
        reconnect = { sessionOffered: session !== null, sessionReused: again.sessionReused, protocol: again.version() };
        await again.close();
      } else {
        await ssl.close();
      }

      const now = Date.now();
      const chain = chainDER.map((der) => new Certificate(der));
      const checkedName = args.servername ?? host;
      const result = chainDER.length === 0 ? null : await verifyChain(chainDER, { trustAnchors: anchorsFor(chain), purpose: "serverAuth", time: now });
      const verification = result === null
        ? { ok: false, verifyCode: 50, verifyMessage: "application verification failure", reason: "the server sent no certificate", depth: 0 }
        : { ok: result.ok, verifyCode: result.verifyCode, verifyMessage: result.verifyMessage, reason: result.reason, depth: result.depth };
      const hostname = { name: checkedName, ...hostnameCheck(chainDER[0], checkedName) };
      const warnings = expiryWarnings(chain, now);
      const ok = verification.ok && hostname.ok;
      if (!ok && args.insecure !== true) process.exitCode = ExitCode.FAILED;

      if (args.json) {
        const report = {
          host,
          port,
          serverName: sniName(host, args.servername),
          starttls: starttls ?? null,
          ...handshake,
          reconnect,
          chain: chain.map((certificate) => describe(certificate, now)),
          verification,
          hostname,
          warnings,
          ok,
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const sni = sniName(host, args.servername);
      const lines = [
        heading(`Connected to ${args.address}${starttls === undefined ? "" : ` after STARTTLS (${starttls})`}`),
        table([
          ["protocol", handshake.protocol ?? "unknown"],
          ["cipher", handshake.cipher === null ? "unknown" : `${handshake.cipher.name} ${dim(`(${handshake.cipher.bits} bits)`)}`],
          ["ALPN", handshake.alpn ?? dim("none")],
          ["SNI", sni ?? dim("none")],
          ["session reused", handshake.sessionReused ? "yes" : "no"],
          ...(reconnect === null
            ? []
            : [["reconnect", `session reused: ${reconnect.sessionReused ? good("yes") : "no"}${reconnect.sessionOffered ? "" : dim(" (the server sent no resumable session to offer)")}`] as [string, string]]),
        ]),
        "",
        heading(`Certificate chain sent by the server (${chain.length})`),
        ...chain.map((certificate, depth) => {
          const entry = describe(certificate, now);
          const days = entry.daysLeft < 0 ? paint("red", `expired ${-entry.daysLeft} days ago`) : entry.daysLeft < EXPIRY_WARNING_DAYS ? paint("yellow", `expires in ${entry.daysLeft} days`) : `expires in ${entry.daysLeft} days`;
          return `  ${depth} ${entry.subject}\n    ${dim(`issuer ${entry.issuer}`)}\n    ${days} ${dim(`(${entry.notAfter})`)}`;
        }),
        "",
        heading("Verification"),
        verification.ok
          ? `  ${good("chain verified (verify code 0)")}`
          : `  ${bad(`verification failed at depth ${verification.depth}: ${verification.verifyMessage} (verify code ${verification.verifyCode})`)}${verification.reason === "" ? "" : `\n    ${dim(verification.reason)}`}`,
        hostname.ok ? `  ${good(`certificate is valid for ${hostname.name}`)}` : `  ${bad(`certificate is not valid for ${hostname.name}: ${hostname.error ?? ""}`)}`,
      ];
      if (warnings.length > 0) lines.push("", heading("Warnings"), ...warnings.map((warning) => `  ${paint("yellow", `! ${warning}`)}`));
      if (!ok && args.insecure === true) lines.push("", dim("--insecure: exit code 0 despite the failures above"));
      process.stdout.write(`${lines.join("\n")}\n`);
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
