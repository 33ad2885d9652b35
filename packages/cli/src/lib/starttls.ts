import type { Socket } from "@sslkit/socket";
import { CLIError, ExitCode } from "./exit.js";

/** The protocols `--starttls` speaks before the TLS handshake. */
export const STARTTLS_PROTOCOLS = ["smtp", "imap", "pop3", "ftp", "postgres"] as const;
/** One of {@link STARTTLS_PROTOCOLS}. */
export type StartTLSProtocol = (typeof STARTTLS_PROTOCOLS)[number];

const MAX_REPLY = 64 * 1024;

/** Reads CRLF lines until `done(line)` accepts one; returns every line read. */
async function readReply(sock: Socket, protocol: string, done: (line: string) => boolean): Promise<string[]> {
  let text = "";
  for (;;) {
    const lines = text.split("\r\n");
    const complete = lines.slice(0, -1);
    const last = complete.findIndex(done);
    if (last !== -1) return complete.slice(0, last + 1);
    if (text.length > MAX_REPLY) throw new CLIError(`${protocol}: the server's reply is too long`);
    const chunk = await sock.recv(4096);
    if (chunk.length === 0) throw new CLIError(`${protocol}: the server closed the connection before STARTTLS`, ExitCode.IO);
    text += chunk.toString("latin1");
  }
}

async function command(sock: Socket, line: string): Promise<void> {
  await sock.sendall(Buffer.from(`${line}\r\n`, "latin1"));
}

function refuse(protocol: string, what: string, reply: readonly string[]): never {
  throw new CLIError(`${protocol}: the server refused ${what}: ${reply.at(-1) ?? ""}`);
}

/** Multi-line SMTP/FTP replies: `250-…` continues, `250 …` ends. */
const finalReply = (line: string): boolean => /^\d{3}(?: |$)/.test(line);

/** Speaks the protocol's plaintext preamble up to the point where the server expects a ClientHello. */
export async function startTLS(sock: Socket, protocol: StartTLSProtocol): Promise<void> {
  switch (protocol) {
    case "smtp": {
      const greeting = await readReply(sock, protocol, finalReply);
      if (!greeting.at(-1)?.startsWith("220")) refuse(protocol, "the connection", greeting);
      await command(sock, "EHLO sslkit");
      const ehlo = await readReply(sock, protocol, finalReply);
      if (!ehlo.at(-1)?.startsWith("250")) refuse(protocol, "EHLO", ehlo);
      if (!ehlo.some((line) => /^250[- ]STARTTLS\b/i.test(line))) throw new CLIError("smtp: the server does not offer STARTTLS");
      await command(sock, "STARTTLS");
      const reply = await readReply(sock, protocol, finalReply);
      if (!reply.at(-1)?.startsWith("220")) refuse(protocol, "STARTTLS", reply);
      return;
    }
    case "imap": {
      const greeting = await readReply(sock, protocol, (line) => line.startsWith("* "));
      if (!/^\* (OK|PREAUTH)\b/i.test(greeting.at(-1) ?? "")) refuse(protocol, "the connection", greeting);
      await command(sock, "a001 STARTTLS");
      const reply = await readReply(sock, protocol, (line) => line.startsWith("a001 "));
      if (!/^a001 OK\b/i.test(reply.at(-1) ?? "")) refuse(protocol, "STARTTLS", reply);
      return;
    }
    case "pop3": {
      const greeting = await readReply(sock, protocol, () => true);
      if (!greeting[0]?.startsWith("+OK")) refuse(protocol, "the connection", greeting);
      await command(sock, "STLS");
      const reply = await readReply(sock, protocol, () => true);
      if (!reply[0]?.startsWith("+OK")) refuse(protocol, "STLS", reply);
      return;
    }
    case "ftp": {
      const greeting = await readReply(sock, protocol, finalReply);
      if (!greeting.at(-1)?.startsWith("220")) refuse(protocol, "the connection", greeting);
      await command(sock, "AUTH TLS");
      const reply = await readReply(sock, protocol, finalReply);
      if (!reply.at(-1)?.startsWith("234")) refuse(protocol, "AUTH TLS", reply);
      return;
    }
    case "postgres": {
      // SSLRequest: length 8, then the code 1234 5679 (80877103); the server answers one byte.
      const request = Buffer.alloc(8);
      request.writeUInt32BE(8, 0);
      request.writeUInt32BE(80_877_103, 4);
      await sock.sendall(request);
      const answer = await sock.recv(1);
      if (answer.length === 0) throw new CLIError("postgres: the server closed the connection after SSLRequest", ExitCode.IO);
      if (answer[0] !== 0x53) throw new CLIError(`postgres: the server refused SSLRequest (answered ${JSON.stringify(answer.toString("latin1"))})`);
      return;
    }
  }
}
