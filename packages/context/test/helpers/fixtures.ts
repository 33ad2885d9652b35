import { afterAll, afterEach, beforeAll } from "vitest";
import { PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, SSLContext } from "@sslkit/context";
import type { Protocol } from "@sslkit/context";
import { makeTestPKI } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { serveWith } from "./peers.js";
import type { NodeServer } from "./peers.js";

/** A server the fixtures close after each test: a `serveWith` server, an openssl s_server, … */
export interface Closable {
  close(): Promise<void>;
}

/** The identities of the test PKI a server context can present. */
export type ServerIdentity = "server" | "selfSigned" | "expired" | "wrongHost" | "chainedServer";

/** What `useContextFixtures()` gives a test file. */
export interface ContextFixtures {
  /** The file's test PKI: made before its first test, removed after its last. Read it inside tests and hooks only. */
  readonly pki: TestPKI;
  /** Serves `context` with `serveWith` on 127.0.0.1:0; the server is closed after the test. */
  readonly serve: (context: SSLContext) => Promise<NodeServer>;
  /** Closes `server` after the test; returns it. */
  readonly closeAfterTest: <T extends Closable>(server: T) => T;
  /** A new server context with the certificate and key of the PKI's `identity` loaded. */
  readonly serverContext: (identity?: ServerIdentity, protocol?: Protocol) => SSLContext;
  /** A new client context that trusts the PKI's CA. */
  readonly clientContext: (protocol?: Protocol) => SSLContext;
}

/**
 * Registers the hooks most context test files share: a test PKI for the whole file, and
 * the servers a test starts closed after it. Call it once, at the top of the file.
 */
export function useContextFixtures(): ContextFixtures {
  let pki: TestPKI | undefined;
  const servers: Closable[] = [];
  beforeAll(() => {
    pki = makeTestPKI();
  });
  afterAll(() => {
    pki?.dir.remove();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  const madePKI = (): TestPKI => {
    if (pki === undefined) throw new Error("the test PKI is made in beforeAll: read it inside tests and hooks");
    return pki;
  };
  const closeAfterTest = <T extends Closable>(server: T): T => {
    servers.push(server);
    return server;
  };
  return {
    get pki() {
      return madePKI();
    },
    serve: async (context) => closeAfterTest(await serveWith(context)),
    closeAfterTest,
    serverContext: (identity = "server", protocol = PROTOCOL_TLS_SERVER) => {
      const context = new SSLContext(protocol);
      context.loadCertChain(madePKI()[identity].certPath, madePKI()[identity].keyPath);
      return context;
    },
    clientContext: (protocol = PROTOCOL_TLS_CLIENT) => {
      const context = new SSLContext(protocol);
      context.loadVerifyLocations({ caFile: madePKI().ca.certPath });
      return context;
    },
  };
}
