import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { createCertificate, derToPEM, pemToDER } from "sslkit";
import {
  CERT_REQUIRED,
  MemoryBIO,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  Purpose,
  SSLCertVerificationError,
  SSLError,
  SSLContext,
  SSLObject,
  SSLSession,
  SSLSocket,
  SSLWantReadError,
  create_default_context,
  get_server_certificate,
  socket,
} from "sslkit/python";
import { makeTempDir } from "@sslkit/test-utils";

const dir = makeTempDir("sslkit-python-");
let serverPEM = "";
const closing: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  const ca = await createCertificate({ subject: { commonName: "sslkit/python test CA" }, isCA: true });
  const server = await createCertificate({ subject: { commonName: "localhost" }, subjectAltNames: [{ type: "dns", value: "localhost" }], issuer: ca });
  serverPEM = server.certificate;
  writeFileSync(dir.file("ca.pem"), ca.certificate);
  writeFileSync(dir.file("cert.pem"), server.certificate);
  writeFileSync(dir.file("key.pem"), server.privateKey);
  return () => {
    dir.remove();
  };
});

afterEach(async () => {
  await Promise.all(closing.splice(0).map((sock) => sock.close()));
});

/** A Python-style TLS server on 127.0.0.1: load_cert_chain, bind, listen, wrap_socket(server_side=True); answers each connection with its peer's getpeercert() state. */
async function startServer(): Promise<{ port: number; served: Promise<SSLSocket> }> {
  const context = create_default_context(Purpose.CLIENT_AUTH);
  context.load_cert_chain(dir.file("cert.pem"), dir.file("key.pem"));
  const bindsocket = new socket();
  bindsocket.bind(["127.0.0.1", 0]);
  await bindsocket.listen(5);
  const server = await context.wrap_socket(bindsocket, { server_side: true });
  closing.push(server);
  const served = server.accept().then(([connstream]) => {
    closing.push(connstream);
    return connstream;
  });
  return { port: bindsocket.getsockname()[1], served };
}

describe("sslkit/python", () => {
  it("runs a Python-style server and client end to end: accept() yields Python-named SSLSockets", async () => {
    const { port, served } = await startServer();
    const context = create_default_context(Purpose.SERVER_AUTH, { cafile: dir.file("ca.pem") });
    expect(context.verify_mode).toBe(CERT_REQUIRED);
    expect(context.check_hostname).toBe(true);
    const sslSock = await context.wrap_socket(new socket(), { server_hostname: "localhost" });
    closing.push(sslSock);
    await sslSock.connect(["127.0.0.1", port]);
    const connstream = await served;
    expect(connstream).toBeInstanceOf(SSLSocket);
    expect(connstream.server_side).toBe(true);
    expect(sslSock.server_side).toBe(false);
    expect(sslSock.server_hostname).toBe("localhost");
    expect(sslSock.getpeercert()?.subject).toEqual([[["commonName", "localhost"]]]);
    expect(derToPEM(sslSock.getpeercert(true) ?? new Uint8Array())).toBe(serverPEM);
    await sslSock.sendall(Buffer.from("ping"));
    expect((await connstream.recv(1024)).toString()).toBe("ping");
    expect(sslSock.version()).toBe(connstream.version());
    expect(sslSock.selected_alpn_protocol()).toBeNull();
  });

  it("get_server_certificate returns the server's certificate as Python's DER_cert_to_PEM_cert writes it", async () => {
    const { port, served } = await startServer();
    const pem = await get_server_certificate(["127.0.0.1", port], { ssl_version: PROTOCOL_TLS_CLIENT, ca_certs: dir.file("ca.pem"), timeout: 10 });
    expect(pem).toBe(serverPEM);
    expect(pemToDER(pem)).toEqual(pemToDER(serverPEM));
    await expect(served).resolves.toBeInstanceOf(SSLSocket);
  });

  it("load_verify_locations with the wrong CA makes the handshake fail with SSLCertVerificationError", async () => {
    const { port, served } = await startServer();
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    const other = await createCertificate({ subject: { commonName: "other CA" }, isCA: true });
    context.load_verify_locations({ cadata: other.certificate });
    const sslSock = await context.wrap_socket(new socket(), { server_hostname: "localhost" });
    closing.push(sslSock);
    await expect(sslSock.connect(["127.0.0.1", port])).rejects.toBeInstanceOf(SSLCertVerificationError);
    await sslSock.close();
    // Python's server reads the client's alert (TLSV1_ALERT_UNKNOWN_CA); either way an SSLError.
    await expect(served).rejects.toBeInstanceOf(SSLError);
  });

  it("runs Python's wrap_bio loop between two SSLObjects and resumes the session", () => {
    const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
    serverContext.load_cert_chain(dir.file("cert.pem"), dir.file("key.pem"));
    const clientContext = create_default_context(Purpose.SERVER_AUTH, { cafile: dir.file("ca.pem") });
    const connect = (session: SSLSession | null): [SSLObject, SSLObject] => {
      const [clientIn, clientOut, serverIn, serverOut] = [new MemoryBIO(), new MemoryBIO(), new MemoryBIO(), new MemoryBIO()];
      const client = clientContext.wrap_bio(clientIn, clientOut, { server_hostname: "localhost", session });
      const server = serverContext.wrap_bio(serverIn, serverOut, { server_side: true });
      const step = (obj: SSLObject): boolean => {
        try {
          obj.do_handshake();
          return true;
        } catch (error) {
          if (error instanceof SSLWantReadError) return false;
          throw error;
        }
      };
      let done = false;
      for (let round = 0; round < 10 && !done; round++) {
        const clientDone = step(client);
        serverIn.write(clientOut.read());
        done = step(server) && clientDone;
        clientIn.write(serverOut.read());
      }
      step(client);
      serverIn.write(clientOut.read());
      server.write(Buffer.from("tickets first, then this"));
      clientIn.write(serverOut.read());
      expect(client.read().toString()).toBe("tickets first, then this");
      return [client, server];
    };
    const [first] = connect(null);
    expect(first).toBeInstanceOf(SSLObject);
    expect(first.getpeercert()?.subject).toEqual([[["commonName", "localhost"]]]);
    expect(first.session_reused).toBe(false);
    const session = first.session;
    expect(session).toBeInstanceOf(SSLSession);
    expect(session?.has_ticket).toBe(true);
    expect(session?.ticket_lifetime_hint).toBe(session?.ticketLifetimeHint);
    const [second, secondServer] = connect(session);
    expect(second.session_reused).toBe(true);
    expect(secondServer.session_reused).toBe(true);
    expect(second.session?.__eq__(session)).toBe(second.session?.equals(session));
  });
});
