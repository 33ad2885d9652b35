import { constants as cryptoConstants } from "node:crypto";

const constants = cryptoConstants as typeof cryptoConstants & Record<string, number | undefined>;
import { describe, expect, it } from "vitest";
import * as context from "@sslkit/context";
import { AlertDescription, Options, Protocol, TLSVersion, VerifyFlags, VerifyMode } from "@sslkit/context";
import { runPythonJSON } from "@sslkit/test-utils";

interface PythonConstants {
  readonly names: Record<string, number>;
  readonly enums: Record<string, Record<string, number>>;
}

const PYTHON_CONSTANTS = `
import json, ssl
names = {k: int(getattr(ssl, k)) for k in dir(ssl) if k.startswith(("CERT_", "PROTOCOL_", "OP_", "VERIFY_", "SSL_ERROR_"))}
enums = {e.__name__: {m.name: int(m.value) for m in e} for e in (ssl.TLSVersion, ssl.VerifyMode, ssl.VerifyFlags, ssl.Options, ssl.AlertDescription)}
print(json.dumps({"names": names, "enums": enums}))
`;

describe("constants", () => {
  it("equal Python's ssl module for every name both define", async () => {
    const python = await runPythonJSON<PythonConstants>(PYTHON_CONSTANTS);
    const ours = context as unknown as Record<string, unknown>;
    const compared = Object.keys(python.names).filter((name) => name in ours);
    expect(compared.length).toBeGreaterThan(40);
    for (const name of compared) expect([name, ours[name]]).toEqual([name, python.names[name]]);
    // Python 3.11 has neither PROTOCOL_SSLv2 nor PROTOCOL_SSLv3; every other name is ours too.
    expect(Object.keys(python.names).filter((name) => !(name in ours))).toEqual([]);
  });

  it("equal Python's TLSVersion, VerifyMode, VerifyFlags, Options and AlertDescription enums", async () => {
    const { enums } = await runPythonJSON<PythonConstants>(PYTHON_CONSTANTS);
    expect(TLSVersion).toEqual(enums.TLSVersion);
    expect(AlertDescription).toEqual(enums.AlertDescription);
    expect(VerifyMode).toEqual(enums.VerifyMode);
    for (const [name, value] of Object.entries(enums.VerifyFlags ?? {})) expect(VerifyFlags).toHaveProperty(name, value);
    for (const [name, value] of Object.entries(enums.Options ?? {})) expect(Options).toHaveProperty(name, value);
  });

  it("take OpenSSL's values from the OpenSSL Node runs (crypto.constants)", () => {
    const pairs: [number, number | undefined][] = [
      [Options.OP_NO_SSLv2, constants.SSL_OP_NO_SSLv2],
      [Options.OP_NO_SSLv3, constants.SSL_OP_NO_SSLv3],
      [Options.OP_NO_TLSv1, constants.SSL_OP_NO_TLSv1],
      [Options.OP_NO_TLSv1_1, constants.SSL_OP_NO_TLSv1_1],
      [Options.OP_NO_TLSv1_2, constants.SSL_OP_NO_TLSv1_2],
      [Options.OP_NO_TLSv1_3, constants.SSL_OP_NO_TLSv1_3],
      [Options.OP_NO_COMPRESSION, constants.SSL_OP_NO_COMPRESSION],
      [Options.OP_NO_TICKET, constants.SSL_OP_NO_TICKET],
      [Options.OP_NO_RENEGOTIATION, constants.SSL_OP_NO_RENEGOTIATION],
      [Options.OP_CIPHER_SERVER_PREFERENCE, constants.SSL_OP_CIPHER_SERVER_PREFERENCE],
      [Options.OP_LEGACY_SERVER_CONNECT, constants.SSL_OP_LEGACY_SERVER_CONNECT],
      [TLSVersion.TLSv1, constants.TLS1_VERSION],
      [TLSVersion.TLSv1_1, constants.TLS1_1_VERSION],
      [TLSVersion.TLSv1_2, constants.TLS1_2_VERSION],
      [TLSVersion.TLSv1_3, constants.TLS1_3_VERSION],
    ];
    for (const [ours, node] of pairs) expect(ours).toBe(node);
    // Python's OP_ALL leaves out SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS.
    expect(Options.OP_ALL).toBe((constants.SSL_OP_ALL & ~constants.SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS) >>> 0);
  });

  it("name every protocol with Python's historical numbers", () => {
    expect(Protocol).toEqual({
      PROTOCOL_SSLv2: 0,
      PROTOCOL_SSLv3: 1,
      PROTOCOL_TLS: 2,
      PROTOCOL_TLSv1: 3,
      PROTOCOL_TLSv1_1: 4,
      PROTOCOL_TLSv1_2: 5,
      PROTOCOL_TLS_CLIENT: 16,
      PROTOCOL_TLS_SERVER: 17,
    });
    expect(context.PROTOCOL_SSLv23).toBe(context.PROTOCOL_TLS);
  });

  it("describe Python's Purpose objects", async () => {
    const python = await runPythonJSON<Record<string, unknown>>(
      "import json, ssl; print(json.dumps({p.name: p.value._asdict() for p in ssl.Purpose}))",
    );
    expect(context.Purpose).toEqual(python);
  });
});
