import { describe, expect, it } from "vitest";
import { CERT_REQUIRED, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, SSLContext } from "@sslkit/context";
import type { SessionStats } from "@sslkit/context";
import { runPythonJSON } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve, serverContext, clientContext } = fixtures;

/**
 * The scenario of the tests below, run by CPython: server S and client C make a full handshake,
 * then a resumed one; client U (trusting nothing) fails to verify S; C offers its session to
 * server S2, which has other ticket keys.
 */
const PYTHON_SCENARIO = `
import json, socket, ssl, sys, threading
cert, key, ca = sys.argv[1:4]
def server_context():
    c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain(cert, key); return c
S, S2 = server_context(), server_context()
C = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); C.load_verify_locations(ca)
U = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
def serve(context, n):
    listener = socket.socket(); listener.bind(("127.0.0.1", 0)); listener.listen()
    def run():
        for _ in range(n):
            raw, _ = listener.accept()
            try:
                s = context.wrap_socket(raw, server_side=True); s.sendall(b"hello"); s.close()
            except (ssl.SSLError, OSError):
                raw.close()
    thread = threading.Thread(target=run); thread.start()
    return listener.getsockname(), thread
def connect(context, address, session=None):
    s = context.wrap_socket(socket.create_connection(address), server_hostname="localhost", session=session)
    while s.recv(1024): pass
    session = s.session; s.close(); return session
(address, thread), (address2, thread2) = serve(S, 3), serve(S2, 1)
first = connect(C, address)
connect(C, address, first)
try:
    connect(U, address)
except ssl.SSLCertVerificationError:
    pass
connect(C, address2, first)
thread.join(); thread2.join()
print(json.dumps(dict(S=S.session_stats(), S2=S2.session_stats(), C=C.session_stats(), U=U.session_stats())))
`;

describe("SSLContext.sessionStats", () => {
  it("starts at zero with Python's keys in Python's order", async () => {
    const python = await runPythonJSON<SessionStats>("import json, ssl\nprint(json.dumps(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).session_stats()))");
    const stats = new SSLContext(PROTOCOL_TLS_CLIENT).sessionStats();
    expect(Object.keys(stats)).toEqual(Object.keys(python));
    expect(stats).toEqual(python);
  });

  it("counts real handshakes, resumptions, failures and misses exactly as CPython does", async () => {
    const python = await runPythonJSON<Record<"S" | "S2" | "C" | "U", SessionStats>>(PYTHON_SCENARIO, [fixtures.pki.server.certPath, fixtures.pki.server.keyPath, fixtures.pki.ca.certPath]);
    const S = serverContext();
    const S2 = serverContext();
    const C = clientContext();
    const U = new SSLContext(PROTOCOL_TLS_CLIENT);
    const { port, events } = await serve(S);
    const other = await serve(S2);
    const first = await connectWith(C, port, "localhost");
    await expect(connectWith(C, port, "localhost", { session: first.session })).resolves.toMatchObject({ reused: true });
    await expect(connectWith(U, port, "localhost")).rejects.toMatchObject({ verifyCode: 20 });
    await expect(connectWith(C, other.port, "localhost", { session: first.session })).resolves.toMatchObject({ reused: false });
    // Each server records its side before greeting, and every client read until the server closed.
    expect(events.filter((event) => event.ok)).toHaveLength(2);
    expect({ S: S.sessionStats(), S2: S2.sessionStats(), C: C.sessionStats(), U: U.sessionStats() }).toEqual(python);
    expect(C.sessionStats()).toMatchObject({ connect: 3, connect_good: 3, hits: 1, misses: 1 });
    expect(S.sessionStats()).toMatchObject({ accept: 3, accept_good: 2, hits: 1 });
  });

  it("does not count a server handshake whose required client certificate is missing", async () => {
    const server = serverContext();
    server.verifyMode = CERT_REQUIRED;
    server.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    const { port, events } = await serve(server);
    const client = clientContext();
    await expect(connectWith(client, port, "localhost", { endAfterHandshake: true })).rejects.toBeInstanceOf(Error);
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    expect(events[0]).toMatchObject({ ok: false });
    expect(server.sessionStats()).toMatchObject({ accept: 1, accept_good: 0, hits: 0 });
  });

  it("keeps counting across SecureContext rebuilds, as Python's one SSL_CTX", async () => {
    const server = serverContext();
    const { port } = await serve(server);
    const client = clientContext();
    await connectWith(client, port, "localhost");
    client.setCiphers("ECDHE+AESGCM");
    await connectWith(client, port, "localhost");
    expect(client.sessionStats()).toMatchObject({ connect: 2, connect_good: 2 });
  });

  it("returns a new object each time, unaffected by later handshakes", async () => {
    const { port } = await serve(serverContext());
    const client = clientContext();
    const before = client.sessionStats();
    await connectWith(client, port, "localhost");
    expect(before.connect).toBe(0);
    expect(client.sessionStats()).not.toBe(before);
  });
});

describe("SSLContext.recordHandshake", () => {
  it("counts a finished renegotiation as OpenSSL does: a server's in accept_renegotiate, a client's in connect", () => {
    const context = new SSLContext(PROTOCOL_TLS_SERVER);
    context.recordHandshake({ phase: "start", serverSide: true });
    context.recordHandshake({ phase: "done", serverSide: true, resumed: false, sessionOffered: false });
    context.recordHandshake({ phase: "renegotiated", serverSide: true });
    context.recordHandshake({ phase: "start", serverSide: false });
    context.recordHandshake({ phase: "done", serverSide: false, resumed: false, sessionOffered: false });
    context.recordHandshake({ phase: "renegotiated", serverSide: false });
    expect(context.sessionStats()).toMatchObject({ accept: 1, accept_good: 2, accept_renegotiate: 1, connect: 2, connect_good: 2, connect_renegotiate: 0 });
  });

  it.each([null, undefined, {}, { phase: "finish", serverSide: true }, "start"])("rejects %j as an event", (event) => {
    expect(() => { new SSLContext().recordHandshake(event as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });
});
