import { afterAll, describe, expect, it } from "vitest";
import { CERT_REQUIRED, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, TLSVersion } from "@sslkit/context";
import {
  SSLCertVerificationError,
  SSLEOFError,
  SSLError,
  SSLWantReadError,
  SSLZeroReturnError,
  SSL_ERROR_WANT_READ,
} from "@sslkit/errors";
import { MemoryBIO, SSLContext, SSLSession, SocketErrorCode } from "@sslkit/socket";
import type { SSLObject } from "@sslkit/socket";
import { filePKI } from "./support/pki.js";

const pki = filePKI();

afterAll(() => {
  pki.dir.remove();
});

type Version = typeof TLSVersion.TLSv1_2 | typeof TLSVersion.TLSv1_3;
const VERSIONS: [string, Version][] = [
  ["TLS 1.2", TLSVersion.TLSv1_2],
  ["TLS 1.3", TLSVersion.TLSv1_3],
];

function contexts(version: Version, options: { clientCert?: boolean } = {}): { client: SSLContext; server: SSLContext } {
  const server = new SSLContext(PROTOCOL_TLS_SERVER);
  server.loadCertChain(pki.server.certPath, pki.server.keyPath);
  server.minimumVersion = version;
  server.maximumVersion = version;
  const client = new SSLContext(PROTOCOL_TLS_CLIENT);
  client.loadVerifyLocations({ caFile: pki.ca.certPath });
  client.minimumVersion = version;
  client.maximumVersion = version;
  if (options.clientCert === true) {
    server.verifyMode = CERT_REQUIRED;
    server.loadVerifyLocations({ caFile: pki.ca.certPath });
    client.loadCertChain(pki.client.certPath, pki.client.keyPath);
  }
  return { client, server };
}

/** One side of a connection made of BIOs only. */
interface End {
  readonly obj: SSLObject;
  readonly incoming: MemoryBIO;
  readonly outgoing: MemoryBIO;
}

function end(context: SSLContext, serverSide: boolean, session?: SSLSession | null): End {
  const incoming = new MemoryBIO();
  const outgoing = new MemoryBIO();
  const obj = context.wrapBIO(incoming, outgoing, serverSide ? { serverSide } : { serverHostname: "localhost", session: session ?? null });
  return { obj, incoming, outgoing };
}

/** Calls `step` and reports whether it finished (false on SSLWantReadError). */
function attempt(step: () => void): boolean {
  try {
    step();
    return true;
  } catch (error) {
    if (error instanceof SSLWantReadError) return false;
    throw error;
  }
}

/** Moves every byte each side wrote to the other side. */
function deliver(from: End, to: End): number {
  const bytes = from.outgoing.read();
  if (bytes.length > 0) to.incoming.write(bytes);
  return bytes.length;
}

/** Runs both handshakes to completion, moving bytes between the BIOs (at most `rounds` times). */
function handshake(client: End, server: End, rounds = 10): void {
  let clientDone = false;
  let serverDone = false;
  for (let round = 0; round < rounds && !(clientDone && serverDone); round++) {
    if (!clientDone) clientDone = attempt(() => { client.obj.doHandshake(); });
    deliver(client, server);
    if (!serverDone) serverDone = attempt(() => { server.obj.doHandshake(); });
    deliver(server, client);
  }
  expect([clientDone, serverDone]).toEqual([true, true]);
}

function pair(version: Version, session?: SSLSession | null): { client: End; server: End; contexts: ReturnType<typeof contexts> } {
  const made = contexts(version);
  return { client: end(made.client, false, session), server: end(made.server, true), contexts: made };
}

/** Reads what `to` decrypts after receiving `from`'s output. */
function transfer(from: End, to: End, data: Buffer): Buffer {
  expect(from.obj.write(data)).toBe(data.length);
  deliver(from, to);
  const parts: Buffer[] = [];
  let total = 0;
  while (total < data.length) {
    const chunk = to.obj.read(65536);
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

describe("MemoryBIO", () => {
  it("reads back what was written, in order and in pieces", () => {
    const bio = new MemoryBIO();
    expect(bio.write(Buffer.from("hello "))).toBe(6);
    bio.write(new Uint8Array([119, 111, 114, 108, 100]));
    expect(bio.pending).toBe(11);
    expect(bio.read(3).toString()).toBe("hel");
    expect(bio.read(5).toString()).toBe("lo wo");
    expect(bio.read().toString()).toBe("rld");
    expect(bio.read().length).toBe(0);
    expect(bio.pending).toBe(0);
  });

  it("copies the bytes it is given", () => {
    const bio = new MemoryBIO();
    const data = Buffer.from("abc");
    bio.write(data);
    data.fill(0);
    expect(bio.read().toString()).toBe("abc");
  });

  it("reports eof only once writeEof was called and every byte was read", () => {
    const bio = new MemoryBIO();
    bio.write(Buffer.from("x"));
    expect(bio.eof).toBe(false);
    bio.writeEof();
    expect(bio.eof).toBe(false);
    bio.read();
    expect(bio.eof).toBe(true);
    bio.writeEof();
    expect(bio.eof).toBe(true);
  });

  it("refuses a write after writeEof with an SSLError, as Python does", () => {
    const bio = new MemoryBIO();
    bio.writeEof();
    expect(() => bio.write(Buffer.from("late"))).toThrow(SSLError);
    expect(() => bio.write(Buffer.from("late"))).toThrow("cannot write() after write_eof()");
  });

  it("rejects what is not bytes and a count that is not an integer", () => {
    const bio = new MemoryBIO();
    expect(() => bio.write("text" as unknown as Uint8Array)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => bio.read(1.5)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("SSLObject through BIOs only", () => {
  describe.each(VERSIONS)("%s", (_label, version) => {
    it("handshakes synchronously and moves data both ways", () => {
      const { client, server } = pair(version);
      expect(client.obj.version()).toBeNull();
      handshake(client, server);
      const name = version === TLSVersion.TLSv1_3 ? "TLSv1.3" : "TLSv1.2";
      expect(client.obj.version()).toBe(name);
      expect(server.obj.version()).toBe(name);
      expect(client.obj.cipher()).toEqual(server.obj.cipher());
      expect(client.obj.cipher()?.[2]).toBeGreaterThanOrEqual(128);
      expect(client.obj.getPeerCert()?.subject).toEqual([[["commonName", "localhost"]]]);
      expect(server.obj.getPeerCert()).toBeNull();
      expect(client.obj.serverSide).toBe(false);
      expect(server.obj.serverSide).toBe(true);
      expect(client.obj.serverHostname).toBe("localhost");
      expect(server.obj.serverHostname).toBeNull();
      expect(transfer(client, server, Buffer.from("ping")).toString()).toBe("ping");
      expect(transfer(server, client, Buffer.from("pong")).toString()).toBe("pong");
    });

    it("moves 1 MiB each way and leaves nothing behind", () => {
      const { client, server } = pair(version);
      handshake(client, server);
      const data = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < data.length; i++) data[i] = (i * 7 + 3) & 0xff;
      expect(transfer(client, server, data).equals(data)).toBe(true);
      expect(transfer(server, client, data).equals(data)).toBe(true);
      expect(client.obj.pending()).toBe(0);
      expect(server.obj.pending()).toBe(0);
    });

    it("throws SSLWantReadError with SSL_ERROR_WANT_READ and leaves the first flight in outgoing", () => {
      const { client } = pair(version);
      let caught: unknown;
      try {
        client.obj.doHandshake();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SSLWantReadError);
      expect((caught as SSLWantReadError).errno).toBe(SSL_ERROR_WANT_READ);
      expect((caught as SSLWantReadError).args[0]).toBe(SSL_ERROR_WANT_READ);
      const hello = client.outgoing.read();
      expect(hello[0]).toBe(22); // a handshake record: the ClientHello
      expect(hello[5]).toBe(1);
    });

    it("completes when the peer's bytes are fed one byte at a time", () => {
      const { client, server } = pair(version);
      let clientDone = false;
      let serverDone = false;
      const trickle = (from: End, to: End, step: () => void): boolean => {
        const bytes = from.outgoing.read();
        let done = false;
        for (const byte of bytes) {
          to.incoming.write(Buffer.from([byte]));
          done = attempt(step);
        }
        return done || attempt(step);
      };
      for (let round = 0; round < 10 && !(clientDone && serverDone); round++) {
        if (!clientDone) clientDone = attempt(() => { client.obj.doHandshake(); });
        serverDone = trickle(client, server, () => { server.obj.doHandshake(); }) || serverDone;
        clientDone = trickle(server, client, () => { client.obj.doHandshake(); }) || clientDone;
      }
      expect([clientDone, serverDone]).toEqual([true, true]);
      client.obj.write(Buffer.from("byte by byte"));
      const record = client.outgoing.read();
      let text = "";
      for (const byte of record) {
        server.incoming.write(Buffer.from([byte]));
        try {
          text += server.obj.read().toString();
        } catch (error) {
          if (!(error instanceof SSLWantReadError)) throw error;
        }
      }
      expect(text).toBe("byte by byte");
    });

    it("verifies a client certificate the server requires", () => {
      const made = contexts(version, { clientCert: true });
      const client = end(made.client, false);
      const server = end(made.server, true);
      handshake(client, server);
      if (version === TLSVersion.TLSv1_3) {
        // The client's certificate flight reaches the server after the client finished.
        expect(transfer(client, server, Buffer.from("hi")).toString()).toBe("hi");
      }
      expect(server.obj.getPeerCert()?.subject).toEqual([[["commonName", "sslkit client"]]]);
      expect(server.obj.sharedCiphers()?.length).toBeGreaterThan(0);
      expect(client.obj.sharedCiphers()).toBeNull();
    });

    it("fails with SSLCertVerificationError and its verify code on an untrusted server", () => {
      const server = new SSLContext(PROTOCOL_TLS_SERVER);
      server.loadCertChain(pki.selfSigned.certPath, pki.selfSigned.keyPath);
      server.maximumVersion = version;
      const s = end(server, true);
      const c = end(contexts(version).client, false);
      const failure = (() => {
        try {
          handshake(c, s);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(failure).toBeInstanceOf(SSLCertVerificationError);
      expect((failure as SSLCertVerificationError).verifyCode).toBe(18);
      expect((failure as SSLCertVerificationError).verifyMessage).toBe("self-signed certificate");
      // The failure stays: the next call reports it again.
      expect(() => { c.obj.doHandshake(); }).toThrow(SSLCertVerificationError);
    });

    it("gives both sides the same channel bindings", () => {
      const { client, server } = pair(version);
      handshake(client, server);
      expect(client.obj.getChannelBinding("tls-exporter")).toEqual(server.obj.getChannelBinding("tls-exporter"));
      if (version === TLSVersion.TLSv1_2) {
        expect(client.obj.getChannelBinding("tls-unique")).toEqual(server.obj.getChannelBinding("tls-unique"));
      }
      expect(() => client.obj.getChannelBinding("tls-server-end-point" as "tls-unique")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    });

    it("unwraps through BIOs and keeps the plaintext that follows the close_notify", () => {
      const { client, server } = pair(version);
      handshake(client, server);
      expect(transfer(client, server, Buffer.from("encrypted")).toString()).toBe("encrypted");
      expect(attempt(() => { client.obj.unwrap(); })).toBe(false);
      // The client's close_notify and its first plaintext arrive together.
      server.incoming.write(Buffer.concat([client.outgoing.read(), Buffer.from("EHLO plaintext\r\n")]));
      expect(server.obj.read().length).toBe(0); // close_notify: EOF
      server.obj.unwrap(); // sends ours and completes: the peer's is already here
      expect(server.incoming.read().toString()).toBe("EHLO plaintext\r\n");
      deliver(server, client);
      client.obj.unwrap();
      expect(client.incoming.pending).toBe(0);
      expect(() => server.obj.read()).toThrow(SSLZeroReturnError);
      expect(() => client.obj.write(Buffer.from("late"))).toThrow(expect.objectContaining({ reason: "PROTOCOL_IS_SHUTDOWN" }));
    });

    it("resumes a session and reports sessionReused", () => {
      const first = pair(version);
      handshake(first.client, first.server);
      // TLS 1.3 tickets come after the handshake: read them with the first data.
      expect(transfer(first.server, first.client, Buffer.from("tickets")).toString()).toBe("tickets");
      const session = first.client.obj.session;
      expect(session).toBeInstanceOf(SSLSession);
      expect(session?.hasTicket).toBe(true);
      expect(session?.id.length).toBeGreaterThan(0);
      expect(session?.timeout).toBeGreaterThan(0);
      expect(session?.ticketLifetimeHint).toBeGreaterThan(0);
      expect(Math.abs((session?.time ?? 0) - Date.now() / 1000)).toBeLessThan(600);
      expect(first.client.obj.sessionReused).toBe(false);

      const client = end(first.contexts.client, false, session);
      const server = end(first.contexts.server, true);
      expect(client.obj.session?.equals(session)).toBe(true);
      handshake(client, server);
      expect(client.obj.sessionReused).toBe(true);
      expect(server.obj.sessionReused).toBe(true);
      expect(transfer(client, server, Buffer.from("again")).toString()).toBe("again");

      // A session set after wrapBIO, before the first doHandshake(), works too.
      const late = end(first.contexts.client, false);
      late.obj.session = session;
      const lateServer = end(first.contexts.server, true);
      handshake(late, lateServer);
      expect(late.obj.sessionReused).toBe(true);
      // The contexts count SSLObject handshakes as OpenSSL would (Python's session_stats()).
      expect(first.contexts.client.sessionStats()).toMatchObject({ connect: 3, connect_good: 3, hits: 2, misses: 0 });
      expect(first.contexts.server.sessionStats()).toMatchObject({ accept: 3, accept_good: 3, hits: 2 });
    });
  });

  it("refuses a session on the server side, after the handshake started, or from another context", () => {
    const first = pair(TLSVersion.TLSv1_2);
    handshake(first.client, first.server);
    const session = first.client.obj.session;
    expect(session).not.toBeNull();
    expect(() => { first.server.obj.session = session; }).toThrow(expect.objectContaining({ code: SocketErrorCode.SESSION_SERVER_SIDE }));
    expect(() => { first.client.obj.session = session; }).toThrow(expect.objectContaining({ code: SocketErrorCode.SESSION_AFTER_HANDSHAKE }));
    const other = contexts(TLSVersion.TLSv1_2).client;
    expect(() => other.wrapBIO(new MemoryBIO(), new MemoryBIO(), { serverHostname: "localhost", session })).toThrow(
      expect.objectContaining({ code: SocketErrorCode.SESSION_CONTEXT_MISMATCH }),
    );
    expect(() => first.contexts.server.wrapBIO(new MemoryBIO(), new MemoryBIO(), { serverSide: true, session })).toThrow(
      expect.objectContaining({ code: SocketErrorCode.SESSION_SERVER_SIDE }),
    );
    expect(() => { end(first.contexts.client, false).obj.session = Object.create(null) as SSLSession; }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(session?.equals(first.client.obj.session)).toBe(true);
    expect(session?.equals(pair(TLSVersion.TLSv1_2).client.obj.session)).toBe(false);
  });

  it("refuses wrong arguments and a client without the host name its context checks", () => {
    const { client, server } = contexts(TLSVersion.TLSv1_3);
    client.checkHostname = true;
    expect(() => client.wrapBIO(new MemoryBIO(), new MemoryBIO())).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_HOSTNAME_REQUIRED" }));
    expect(() => server.wrapBIO(new MemoryBIO(), new MemoryBIO())).toThrow(expect.objectContaining({ code: "ERR_SSLKIT_CONTEXT_WRONG_SIDE" }));
    expect(() => server.wrapBIO(Object.create(null) as MemoryBIO, new MemoryBIO(), { serverSide: true })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    const obj = server.wrapBIO(new MemoryBIO(), new MemoryBIO(), { serverSide: true });
    expect(() => obj.getPeerCert()).toThrow(expect.objectContaining({ code: SocketErrorCode.HANDSHAKE_NOT_DONE }));
    expect(() => { obj.unwrap(); }).toThrow(expect.objectContaining({ code: SocketErrorCode.HANDSHAKE_NOT_DONE }));
    expect(obj.cipher()).toBeNull();
    expect(obj.selectedALPNProtocol()).toBeNull();
    expect(obj.getChannelBinding()).toBeNull();
    expect(obj.context).toBe(server);
  });

  it("runs an asynchronous sniCallback: the server's flight reaches outgoing once it settled", async () => {
    const { client, server } = contexts(TLSVersion.TLSv1_3);
    const seen: string[] = [];
    server.sniCallback = (sock, name) => {
      seen.push(`${name} ${String(sock instanceof Object && "doHandshake" in sock)}`);
      return undefined;
    };
    const c = end(client, false);
    const s = end(server, true);
    expect(attempt(() => { c.obj.doHandshake(); })).toBe(false);
    deliver(c, s);
    expect(attempt(() => { s.obj.doHandshake(); })).toBe(false);
    expect(s.outgoing.pending).toBe(0); // the callback has not run yet
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["localhost true"]); // it received the SSLObject
    expect(s.outgoing.pending).toBeGreaterThan(0);
    handshake(c, s);
    expect(c.obj.version()).toBe("TLSv1.3");
  });

  it("negotiates ALPN", () => {
    const { client, server } = contexts(TLSVersion.TLSv1_3);
    client.setALPNProtocols(["h2", "http/1.1"]);
    server.setALPNProtocols(["http/1.1"]);
    const c = end(client, false);
    const s = end(server, true);
    handshake(c, s);
    expect(c.obj.selectedALPNProtocol()).toBe("http/1.1");
    expect(s.obj.selectedALPNProtocol()).toBe("http/1.1");
  });
});

describe("SSLObject with hostile input", () => {
  it("rejects garbage instead of a ClientHello with an SSLError", () => {
    const server = end(contexts(TLSVersion.TLSv1_3).server, true);
    server.incoming.write(Buffer.from("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    expect(() => { server.obj.doHandshake(); }).toThrow(SSLError);
    expect(() => { server.obj.doHandshake(); }).not.toThrow(SSLWantReadError);
  });

  it("rejects garbage instead of a ServerHello with an SSLError", () => {
    const client = end(contexts(TLSVersion.TLSv1_3).client, false);
    expect(attempt(() => { client.obj.doHandshake(); })).toBe(false);
    client.incoming.write(Buffer.from("220 smtp.example ESMTP ready\r\n"));
    let caught: unknown;
    try {
      client.obj.doHandshake();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SSLError);
    expect(caught).not.toBeInstanceOf(SSLWantReadError);
  });

  it("rejects a corrupted record after the handshake with an SSLError", () => {
    const { client, server } = pair(TLSVersion.TLSv1_3);
    handshake(client, server);
    client.obj.write(Buffer.from("tampered"));
    const record = client.outgoing.read();
    record[record.length - 1] = (record[record.length - 1] ?? 0) ^ 0xff;
    server.incoming.write(record);
    expect(() => server.obj.read()).toThrow(SSLError);
    expect(() => server.obj.read()).not.toThrow(SSLWantReadError);
  });

  it("rejects a record header announcing more than TLS allows", () => {
    const { client, server } = pair(TLSVersion.TLSv1_3);
    handshake(client, server);
    // application_data, TLS 1.2 legacy version, length 0xffff (the limit is 2^14 + 256)
    server.incoming.write(Buffer.from([23, 3, 3, 0xff, 0xff]));
    server.incoming.write(Buffer.alloc(0xffff, 0x41));
    expect(() => server.obj.read()).toThrow(SSLError);
    expect(() => server.obj.read()).not.toThrow(SSLWantReadError);
  });

  it("reports a record cut short by EOF as SSLEOFError", () => {
    const { client, server } = pair(TLSVersion.TLSv1_2);
    handshake(client, server);
    client.obj.write(Buffer.from("truncated"));
    const record = client.outgoing.read();
    server.incoming.write(record.subarray(0, record.length - 3));
    expect(() => server.obj.read()).toThrow(SSLWantReadError);
    server.incoming.writeEof();
    expect(() => server.obj.read()).toThrow(SSLEOFError);
  });

  it("reports EOF in the middle of the handshake as SSLEOFError", () => {
    const { client, server } = pair(TLSVersion.TLSv1_3);
    expect(attempt(() => { client.obj.doHandshake(); })).toBe(false);
    const hello = client.outgoing.read();
    server.incoming.write(hello.subarray(0, 40));
    expect(attempt(() => { server.obj.doHandshake(); })).toBe(false);
    server.incoming.writeEof();
    expect(() => { server.obj.doHandshake(); }).toThrow(SSLEOFError);
    expect(() => server.incoming.write(hello.subarray(40))).toThrow("cannot write() after write_eof()");
  });

  it("reports a ragged EOF after the handshake as SSLEOFError", () => {
    const { client, server } = pair(TLSVersion.TLSv1_3);
    handshake(client, server);
    server.incoming.writeEof();
    expect(() => server.obj.read()).toThrow(SSLEOFError);
  });
});
