import { createHash } from "node:crypto";
import { PROTOCOL_TLS_SERVER } from "@sslkit/context";
import { SSLCertVerificationError } from "@sslkit/errors";
import { SSLContext, Socket, createDefaultContext } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { formatBytes, table } from "../lib/format.js";
import { bad, dim, good, heading } from "../lib/style.js";
import type { DemoSection } from "./section.js";
import type { DemoPKI } from "./x509-section.js";

const THROUGHPUT_BYTES = 32 * 1024 * 1024;
const CHUNK = 64 * 1024;

async function recvExactly(sock: Socket | SSLSocket, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await sock.recv(Math.min(length - total, 256 * 1024));
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

/**
 * The demo's server, Python style: accept one connection, echo a greeting, hash a bulk upload,
 * then STARTTLS in reverse (unwrap) and answer in cleartext.
 */
async function serveOnce(listener: SSLSocket): Promise<void> {
  const [conn] = await listener.accept();
  try {
    const hello = await conn.recv(64);
    await conn.sendall(Buffer.concat([Buffer.from("echo: "), hello]));
    const hash = createHash("sha256");
    let received = 0;
    while (received < THROUGHPUT_BYTES) {
      const chunk = await conn.recv(256 * 1024);
      if (chunk.length === 0) break;
      hash.update(chunk);
      received += chunk.length;
    }
    await conn.sendall(Buffer.from(hash.digest("hex")));
    const plain = await conn.unwrap();
    const line = await plain.recv(64);
    await plain.sendall(Buffer.concat([Buffer.from("cleartext ack: "), line]));
    await plain.close();
  } catch (error) {
    await conn.close();
    throw error;
  }
}

/** TLS on 127.0.0.1: an sslkit server and an sslkit client with full verification, end to end. */
export async function tlsSection(pki: DemoPKI): Promise<DemoSection> {
  const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
  serverContext.loadCertChain(new TextEncoder().encode(pki.server.certificate), new TextEncoder().encode(pki.server.privateKey));
  const listenerSocket = new Socket();
  listenerSocket.bind(["127.0.0.1", 0]);
  await listenerSocket.listen();
  const listener = await serverContext.wrapSocket(listenerSocket, { serverSide: true });
  const [host, port] = listener.getsockname();
  const served = serveOnce(listener);
  try {
    // The client: CERT_REQUIRED + hostname checking, trusting only the demo CA.
    const clientContext = createDefaultContext({ caData: pki.ca.certificate });
    const client = await clientContext.wrapSocket(new Socket(), { serverHostname: "localhost" });
    await client.connect([host, port]);
    const version = client.version();
    const cipher = client.cipher();
    const peer = client.getPeerCert();
    await client.sendall(Buffer.from("hello over TLS"));
    const echo = (await client.recv(64)).toString();

    const payload = Buffer.alloc(CHUNK, 0x5a);
    const expectedHash = createHash("sha256");
    const started = performance.now();
    for (let sent = 0; sent < THROUGHPUT_BYTES; sent += CHUNK) {
      await client.sendall(payload);
      expectedHash.update(payload);
    }
    const serverHash = (await recvExactly(client, 64)).toString();
    const seconds = (performance.now() - started) / 1000;
    const hashOk = serverHash === expectedHash.digest("hex");

    const plain = await client.unwrap();
    await plain.sendall(Buffer.from("STARTTLS is over"));
    const cleartext = (await plain.recv(64)).toString();
    await plain.close();
    await served;

    const wrongHost = await refusedFor(clientContext, host, port, listener);
    const ok = echo === "echo: hello over TLS" && hashOk && cleartext === "cleartext ack: STARTTLS is over" && wrongHost.refused;
    const json = {
      address: [host, port],
      version,
      cipher,
      peerSubject: peer !== null && "subject" in peer ? peer.subject : null,
      echo,
      throughput: { bytes: THROUGHPUT_BYTES, seconds: Number(seconds.toFixed(3)), megabytesPerSecond: Number((THROUGHPUT_BYTES / 1e6 / seconds).toFixed(1)), sha256Match: hashOk },
      unwrap: { cleartextReply: cleartext },
      wrongHostname: wrongHost,
    };
    const text = [
      heading("3. TLS — an sslkit server and client on 127.0.0.1, fully verified"),
      table([
        ["Server", `${host}:${port} ${dim("(SSLContext(PROTOCOL_TLS_SERVER), wrapSocket(serverSide))")}`],
        ["Client", `createDefaultContext({ caData }) ${dim("— CERT_REQUIRED, checkHostname, SNI localhost")}`],
        ["Protocol", `${version ?? "?"}, ${cipher ? `${cipher[0]} (${cipher[2]} bits)` : "?"}`],
        ["Peer cert", peer !== null && "subject" in peer ? JSON.stringify(peer.subject) : "none"],
        ["Echo", JSON.stringify(echo)],
        ["Throughput", `${formatBytes(THROUGHPUT_BYTES)} in ${(seconds * 1000).toFixed(0)} ms = ${json.throughput.megabytesPerSecond} MB/s ${dim(`(64 KiB sendall, SHA-256 ${hashOk ? "matches" : "DIFFERS"})`)}`],
        ["unwrap()", `close_notify both ways, then cleartext: ${JSON.stringify(cleartext)}`],
      ]),
      wrongHost.refused
        ? good(`serverHostname "example.com" refused: ${wrongHost.message}`)
        : bad('serverHostname "example.com" was not refused'),
    ].join("\n");
    return { name: "tls", ok, json, text };
  } finally {
    await listener.close();
  }
}

/** A second connection claiming another name must fail verification (code 62). */
async function refusedFor(context: SSLContext, host: string, port: number, listener: SSLSocket): Promise<{ refused: boolean; verifyCode?: number; message?: string }> {
  const accepted = listener.accept().then(
    async ([conn]) => conn.close(),
    () => undefined,
  );
  try {
    const client = await context.wrapSocket(new Socket(), { serverHostname: "example.com" });
    try {
      await client.connect([host, port]);
      return { refused: false };
    } finally {
      await client.close();
    }
  } catch (error) {
    if (error instanceof SSLCertVerificationError) return { refused: true, verifyCode: error.verifyCode, message: error.message };
    throw error;
  } finally {
    await accepted;
  }
}
