import { describe, expect, it } from "vitest";
import { PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, PROTOCOL_TLSv1, SSLContext, TLSVersion } from "@sslkit/context";
import { SSLError } from "@sslkit/errors";
import { runPythonJSON } from "@sslkit/test-utils";
import { useContextFixtures } from "./helpers/fixtures.js";
import { connectWith } from "./helpers/peers.js";

const fixtures = useContextFixtures();
const { serve } = fixtures;

const PYTHON_CIPHERS = `
import json, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
try:
    if sys.argv[1] != "-": ctx.set_ciphers(sys.argv[1])
    print(json.dumps({"ciphers": ctx.get_ciphers()}))
except ssl.SSLError as e:
    print(json.dumps({"error": [type(e).__name__, e.args[0]]}))
`;

describe("SSLContext.getCiphers", () => {
  // aNULL/eNULL suites included: Python lists what the string selected, before the security level filters it.
  it.each(["-", "ECDHE+AESGCM", "ECDHE-ECDSA-AES128-SHA:AES256-SHA", "HIGH:!aNULL:@STRENGTH", "CHACHA20", "AES256", "aNULL", "eNULL", "ALL:COMPLEMENTOFALL"])(
    "equals Python's get_ciphers() for %s, less the SRP ciphers Node cannot use",
    async (spec) => {
      const context = new SSLContext(PROTOCOL_TLS_CLIENT);
      if (spec !== "-") context.setCiphers(spec);
      const python = await runPythonJSON<{ ciphers: { kea: string }[] }>(PYTHON_CIPHERS, [spec]);
      expect(context.getCiphers()).toEqual(python.ciphers.filter((cipher) => cipher.kea !== "kx-srp"));
    },
  );

  it("adds the SHA-1 ciphers TLS 1.0 needs on a PROTOCOL_TLSv1 context", () => {
    const names = new SSLContext(PROTOCOL_TLSv1).getCiphers().map((cipher) => cipher.name);
    expect(names).toContain("ECDHE-ECDSA-AES128-SHA");
    expect(new SSLContext(PROTOCOL_TLS_CLIENT).getCiphers().map((cipher) => cipher.name)).not.toContain("ECDHE-ECDSA-AES128-SHA");
  });
});

describe("SSLContext.setCiphers", () => {
  it.each(["NOPE", "TLS_AES_128_GCM_SHA256", "!ALL"])("refuses %s now, with Python's SSLError message", async (spec) => {
    const python = await runPythonJSON<{ error?: [string, string] }>(PYTHON_CIPHERS, [spec]);
    expect(python.error).toEqual(["SSLError", "No cipher can be selected."]);
    let error: unknown;
    try {
      new SSLContext(PROTOCOL_TLS_CLIENT).setCiphers(spec);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect(error).toMatchObject({ code: "ERR_SSLKIT_CONTEXT_NO_CIPHER_MATCH", message: "No cipher can be selected." });
  });

  it("rejects a non-string", () => {
    expect(() => { new SSLContext().setCiphers(1 as unknown as string); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("limits what a real TLS 1.2 handshake can negotiate, on both sides", async () => {
    const serverContext = new SSLContext(PROTOCOL_TLS_SERVER);
    serverContext.loadCertChain(fixtures.pki.server.certPath, fixtures.pki.server.keyPath);
    const strict = await serve(serverContext);
    const client = new SSLContext(PROTOCOL_TLS_CLIENT);
    client.loadVerifyLocations({ caFile: fixtures.pki.ca.certPath });
    client.maximumVersion = TLSVersion.TLSv1_2;
    client.setCiphers("ECDHE-ECDSA-AES128-SHA");
    await expect(connectWith(client, strict.port, "localhost")).rejects.toMatchObject({ reason: "SSLV3_ALERT_HANDSHAKE_FAILURE" });

    serverContext.setCiphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384");
    const lenient = await serve(serverContext);
    await expect(connectWith(client, lenient.port, "localhost")).resolves.toMatchObject({ cipher: "ECDHE-ECDSA-AES128-SHA", protocol: "TLSv1.2" });
  });

  it("keeps an explicit @SECLEVEL for good, as OpenSSL does", () => {
    const context = new SSLContext(PROTOCOL_TLS_CLIENT);
    context.setCiphers("DEFAULT:@SECLEVEL=1");
    expect(context.securityLevel).toBe(1);
    context.setCiphers("ECDHE+AESGCM");
    expect(context.securityLevel).toBe(1);
  });
});
