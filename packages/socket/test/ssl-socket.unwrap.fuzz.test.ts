import fc from "fast-check";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROTOCOL_TLS_SERVER, TLSVersion } from "@sslkit/context";
import { SSLContext, Socket, createDefaultContext, wrapSocket } from "@sslkit/socket";
import type { SSLSocket } from "@sslkit/socket";
import { FUZZ_BUDGET_MS, checkInputAsync, fuzzParameters, fuzzTimeout } from "@sslkit/test-utils";
import { leakedHandles, networkHandles } from "./support/handles.js";
import { filePKI } from "./support/pki.js";
import { startResegmentingRelay } from "./support/resegmenting-relay.js";

const pki = filePKI();
let baseline: string[] = [];

beforeEach(() => {
  baseline = networkHandles();
});

afterEach(async () => {
  expect(await leakedHandles(baseline)).toEqual([]);
});

afterAll(() => {
  pki.dir.remove();
});

async function recvExactly(sock: Socket | SSLSocket, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await sock.recv(length - total);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

/** Plaintext that mimics TLS: a cleartext close_notify alert, a handshake record header, an application-data header. */
const LOOKALIKES = [Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00]), Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05]), Buffer.from([0x17, 0x03, 0x03, 0x40, 0x00])];

const scenario = fc.record({
  version: fc.constantFrom(TLSVersion.TLSv1_2, TLSVersion.TLSv1_3),
  toClient: fc.record({ sizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 12 }), coalesceMs: fc.constantFrom(0, 3, 10) }),
  toServer: fc.record({ sizes: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), coalesceMs: fc.constantFrom(0, 3) }),
  plaintext: fc.tuple(fc.subarray([0, 1, 2]), fc.uint8Array({ minLength: 1, maxLength: 3000 })).map(([lookalikes, bytes]) => Buffer.concat([...lookalikes.map((i) => LOOKALIKES[i]!), Buffer.from(bytes)])),
  tlsPayload: fc.uint8Array({ minLength: 1, maxLength: 5000 }),
});

describe("SSLSocket.unwrap under arbitrary segmentation (fuzz)", () => {
  it("hands every plaintext byte after the peer's close_notify to the plain socket, however the records and the plaintext are cut", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ version, toClient, toServer, plaintext, tlsPayload }) => {
        const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
        serverContext.loadCertChain(pki.server.certPath, pki.server.keyPath);
        serverContext.maximumVersion = version;
        const listener = new Socket();
        await listener.listen();
        const relay = await startResegmentingRelay(listener.getsockname()[1], toClient, toServer);
        const closers: (() => Promise<unknown>)[] = [() => listener.close(), () => relay.close()];
        try {
          // A TLS exchange, a handshake and two unwraps on a loaded 2-core machine: eight budgets.
          await checkInputAsync(
            async () => {
              const serving = (async () => {
                const [accepted] = await listener.accept();
                closers.push(() => accepted.close());
                const tls = await wrapSocket(accepted, { context: serverContext, serverSide: true });
                closers.push(() => tls.close());
                const data = await recvExactly(tls, tlsPayload.length);
                await tls.sendall(data);
                expect((await tls.recv()).length).toBe(0);
                const plain = await tls.unwrap();
                closers.push(() => plain.close());
                // Right behind the server's close_notify: the relay merges and re-cuts both.
                await plain.sendall(plaintext);
                expect((await recvExactly(plain, 6)).toString()).toBe("thanks");
              })();
              const tls = await createDefaultContext({ caFile: pki.ca.certPath }).wrapSocket(new Socket(), { serverHostname: "localhost" });
              closers.push(() => tls.close());
              await tls.connect(["127.0.0.1", relay.port]);
              await tls.sendall(tlsPayload);
              expect((await recvExactly(tls, tlsPayload.length)).equals(Buffer.from(tlsPayload))).toBe(true);
              const plain = await tls.unwrap();
              closers.push(() => plain.close());
              const received = await recvExactly(plain, plaintext.length);
              expect(received.length).toBe(plaintext.length);
              expect(received.equals(plaintext)).toBe(true);
              await plain.sendall(Buffer.from("thanks"));
              await serving;
            },
            // Nothing may fail here: every byte is delivered, the peers are well-behaved.
            () => false,
            8 * FUZZ_BUDGET_MS,
            `TLS ${version}, segments to client ${JSON.stringify(toClient)}`,
          );
        } finally {
          for (const close of closers.reverse()) await close();
        }
      }),
      fuzzParameters(12, { cost: 0.002 }),
    );
  }, fuzzTimeout(90_000));
});
