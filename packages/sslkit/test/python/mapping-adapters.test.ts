import { afterEach, describe, expect, it, vi } from "vitest";
import * as context from "@sslkit/context";
import * as socketPackage from "@sslkit/socket";
import * as python from "sslkit/python";
import type * as ContextModule from "@sslkit/context";
import type * as SocketModule from "@sslkit/socket";
import { PYTHON_MAPPING } from "sslkit/python";

// The module-level adapters call these through their module bindings: spy on them there.
vi.mock("@sslkit/socket", async (importOriginal) => {
  const original = await importOriginal<typeof SocketModule>();
  return {
    ...original,
    wrapSocket: vi.fn(original.wrapSocket),
    getServerCertificate: vi.fn(original.getServerCertificate),
    createDefaultContext: vi.fn(original.createDefaultContext),
  };
});
vi.mock("@sslkit/context", async (importOriginal) => {
  const original = await importOriginal<typeof ContextModule>();
  return { ...original, getDefaultVerifyPaths: vi.fn(original.getDefaultVerifyPaths) };
});

const { Socket, SSLSocket: BaseSSLSocket, SSLContext: BaseSSLContext } = socketPackage;
const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  vi.mocked(socketPackage.wrapSocket).mockClear();
  vi.mocked(socketPackage.getServerCertificate).mockClear();
  vi.mocked(socketPackage.createDefaultContext).mockClear();
  vi.mocked(context.getDefaultVerifyPaths).mockClear();
  await Promise.all(opened.splice(0).map((sock) => sock.close()));
});

/** An sslkit SSLSocket over an unconnected socket (no I/O), made by the real wrapSocket. */
async function baseSSLSocket(): Promise<socketPackage.SSLSocket> {
  const ssl = await vi.mocked(socketPackage.wrapSocket).getMockImplementation()!(new Socket(), {});
  opened.push(ssl);
  return ssl;
}

/** One probe per adapter row: calls the Python name and checks it called the sslkit export with the translated arguments. */
const probes: Record<string, () => Promise<void>> = {
  async wrap_socket() {
    const sock = new python.socket();
    const ssl = await python.wrap_socket(sock, {
      cert_reqs: python.CERT_NONE,
      ssl_version: python.PROTOCOL_TLS,
      ciphers: "HIGH",
      server_side: false,
      do_handshake_on_connect: false,
      suppress_ragged_eofs: false,
      server_hostname: "localhost",
    });
    opened.push(ssl);
    expect(socketPackage.wrapSocket).toHaveBeenCalledWith(sock, {
      certReqs: python.CERT_NONE,
      sslVersion: python.PROTOCOL_TLS,
      ciphers: "HIGH",
      serverSide: false,
      doHandshakeOnConnect: false,
      suppressRaggedEofs: false,
      serverHostname: "localhost",
    });
    expect(ssl).toBeInstanceOf(python.SSLSocket);
    expect(ssl.server_hostname).toBe("localhost");
    expect(ssl.context).toBeInstanceOf(python.SSLContext);
    expect(ssl.context).toHaveProperty("verify_mode", python.CERT_NONE);
    expect(ssl.suppressRaggedEofs).toBe(false);
  },
  async get_server_certificate() {
    vi.mocked(socketPackage.getServerCertificate).mockResolvedValueOnce("PEM");
    await expect(python.get_server_certificate(["127.0.0.1", 1], { ssl_version: python.PROTOCOL_TLS_CLIENT, ca_certs: "ca.pem", timeout: 3 })).resolves.toBe("PEM");
    expect(socketPackage.getServerCertificate).toHaveBeenCalledWith(["127.0.0.1", 1], { sslVersion: python.PROTOCOL_TLS_CLIENT, caCerts: "ca.pem", timeout: 3 });
  },
  async create_default_context() {
    const server = python.create_default_context(python.Purpose.CLIENT_AUTH);
    expect(socketPackage.createDefaultContext).toHaveBeenLastCalledWith({ purpose: python.Purpose.CLIENT_AUTH });
    expect(server).toBeInstanceOf(python.SSLContext);
    expect(server.protocol).toBe(python.PROTOCOL_TLS_SERVER);
    vi.mocked(socketPackage.createDefaultContext).mockImplementationOnce(() => new BaseSSLContext(python.PROTOCOL_TLS_CLIENT));
    const client = python.create_default_context({ cafile: "ca.pem", capath: "certs", cadata: "PEM" });
    expect(socketPackage.createDefaultContext).toHaveBeenLastCalledWith({ caFile: "ca.pem", caPath: "certs", caData: "PEM" });
    expect(client.check_hostname).toBe(client.checkHostname);
    await Promise.resolve();
  },
  async get_default_verify_paths() {
    const paths = python.get_default_verify_paths();
    expect(context.getDefaultVerifyPaths).toHaveBeenCalledTimes(1);
    const canonical = vi.mocked(context.getDefaultVerifyPaths).mock.results[0]?.value as context.DefaultVerifyPaths;
    expect(paths).toEqual({
      cafile: canonical.caFile,
      capath: canonical.caPath,
      openssl_cafile_env: canonical.opensslCAFileEnv,
      openssl_cafile: canonical.opensslCAFile,
      openssl_capath_env: canonical.opensslCAPathEnv,
      openssl_capath: canonical.opensslCAPath,
    });
    await Promise.resolve();
  },
  async SSLContext() {
    const ctx = new python.SSLContext(python.PROTOCOL_TLS_CLIENT);
    expect(ctx).toBeInstanceOf(BaseSSLContext);
    expect(ctx.protocol).toBe(python.PROTOCOL_TLS_CLIENT);
    await Promise.resolve();
  },
  async SSLSocket() {
    const ssl = await python.wrap_socket(new python.socket());
    opened.push(ssl);
    expect(ssl).toBeInstanceOf(BaseSSLSocket);
  },
  async socket() {
    const sock = new python.socket(python.AF_INET6);
    opened.push(sock);
    expect(sock).toBeInstanceOf(Socket);
    expect(sock.family).toBe(python.AF_INET6);
    await Promise.resolve();
  },
  async "SSLContext.load_verify_locations"() {
    const spy = vi.spyOn(BaseSSLContext.prototype, "loadVerifyLocations").mockImplementation(() => undefined);
    const ctx = new python.SSLContext(python.PROTOCOL_TLS_CLIENT);
    ctx.load_verify_locations("ca.pem");
    ctx.load_verify_locations(null, "certs");
    ctx.load_verify_locations({ cadata: "PEM" });
    expect(spy.mock.calls).toEqual([[{ caFile: "ca.pem" }], [{ caPath: "certs" }], [{ caData: "PEM" }]]);
    await Promise.resolve();
  },
  async "SSLContext.wrap_socket"() {
    const base = await baseSSLSocket();
    const spy = vi.spyOn(BaseSSLContext.prototype, "wrapSocket").mockResolvedValueOnce(base);
    const ctx = new python.SSLContext(python.PROTOCOL_TLS_SERVER);
    const sock = new python.socket();
    const wrapped = await ctx.wrap_socket(sock, { server_side: true, do_handshake_on_connect: false, suppress_ragged_eofs: true, server_hostname: null, session: null });
    expect(spy).toHaveBeenCalledWith(sock, { serverSide: true, doHandshakeOnConnect: false, suppressRaggedEofs: true, serverHostname: null, session: null });
    expect(wrapped).toBe(base);
    expect(wrapped).toBeInstanceOf(python.SSLSocket);
  },
  async "SSLSocket.accept"() {
    const listening = await python.wrap_socket(new python.socket());
    opened.push(listening);
    const conn = await baseSSLSocket();
    const spy = vi.spyOn(BaseSSLSocket.prototype, "accept").mockResolvedValueOnce([conn, ["127.0.0.1", 1]]);
    const [accepted, address] = await listening.accept();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(accepted).toBe(conn);
    expect(accepted).toBeInstanceOf(python.SSLSocket);
    expect(address).toEqual(["127.0.0.1", 1]);
  },
  async "SSLSocket.unwrap"() {
    const ssl = await python.wrap_socket(new python.socket());
    opened.push(ssl);
    const plain = new Socket();
    opened.push(plain);
    const spy = vi.spyOn(BaseSSLSocket.prototype, "unwrap").mockResolvedValueOnce(plain);
    const unwrapped = await ssl.unwrap();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(unwrapped).toBe(plain);
    expect(unwrapped).toBeInstanceOf(python.socket);
    expect(unwrapped.gettimeout()).toBe(plain.getTimeout());
  },
  async MemoryBIO() {
    const bio = new python.MemoryBIO();
    expect(bio).toBeInstanceOf(socketPackage.MemoryBIO);
    bio.write(Buffer.from("x"));
    bio.write_eof();
    expect(bio.read().toString()).toBe("x");
    expect(bio.eof).toBe(true);
    await Promise.resolve();
  },
  async SSLObject() {
    const obj = new python.SSLContext(python.PROTOCOL_TLS_CLIENT).wrap_bio(new python.MemoryBIO(), new python.MemoryBIO(), { server_hostname: "localhost" });
    expect(obj).toBeInstanceOf(socketPackage.SSLObject);
    expect(obj.server_hostname).toBe("localhost");
    await Promise.resolve();
  },
  async SSLSession() {
    expect(python.SSLSession.prototype).toBeInstanceOf(socketPackage.SSLSession);
    await Promise.resolve();
  },
  async "SSLContext.wrap_bio"() {
    const ctx = new python.SSLContext(python.PROTOCOL_TLS_SERVER);
    const spy = vi.spyOn(BaseSSLContext.prototype, "wrapBIO");
    const incoming = new python.MemoryBIO();
    const outgoing = new python.MemoryBIO();
    const obj = ctx.wrap_bio(incoming, outgoing, { server_side: true, server_hostname: null, session: null });
    expect(spy).toHaveBeenCalledWith(incoming, outgoing, { serverSide: true, serverHostname: null, session: null });
    expect(obj).toBe(spy.mock.results[0]?.value);
    expect(obj).toBeInstanceOf(python.SSLObject);
    expect(obj.server_side).toBe(true);
    await Promise.resolve();
  },
  async "SSLObject.session"() {
    const obj = new python.SSLContext(python.PROTOCOL_TLS_CLIENT).wrap_bio(new python.MemoryBIO(), new python.MemoryBIO(), { server_hostname: "localhost" });
    const spy = vi.spyOn(socketPackage.SSLObject.prototype, "session", "get");
    expect(obj.session).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    obj.session = null;
    await Promise.resolve();
  },
  async "SSLSocket.session"() {
    const ssl = await python.wrap_socket(new python.socket());
    opened.push(ssl);
    const spy = vi.spyOn(BaseSSLSocket.prototype, "session", "get");
    expect(ssl.session).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    ssl.session = null;
  },
  async "socket.accept"() {
    const conn = new Socket();
    opened.push(conn);
    const spy = vi.spyOn(Socket.prototype, "accept").mockResolvedValueOnce([conn, ["127.0.0.1", 2]]);
    const [accepted, address] = await new python.socket().accept();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(accepted).toBe(conn);
    expect(accepted).toBeInstanceOf(python.socket);
    expect(address).toEqual(["127.0.0.1", 2]);
  },
};

describe("PYTHON_MAPPING adapters", () => {
  it("has a probe for exactly the adapter rows", () => {
    const adapters = PYTHON_MAPPING.filter((entry) => entry.kind === "adapter").map((entry) => entry.python);
    expect(Object.keys(probes).sort()).toEqual([...adapters].sort());
  });

  for (const [name, probe] of Object.entries(probes)) {
    it(`${name} calls its sslkit export with the arguments translated`, probe);
  }
});

describe("wrap_socket", () => {
  it("rejects a keyword Python's wrap_socket does not take with ERR_INVALID_ARG_VALUE", async () => {
    await expect(python.wrap_socket(new python.socket(), { ca_cert: "ca.pem" } as never)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
    await expect(python.wrap_socket(new python.socket(), { serverSide: true } as never)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  it("rejects keywords that are not an object with ERR_INVALID_ARG_TYPE", async () => {
    await expect(python.wrap_socket(new python.socket(), "ca.pem" as never)).rejects.toMatchObject({ code: python.PythonAdapterErrorCode.INVALID_ARG_TYPE });
    await expect(python.wrap_socket(new python.socket(), null as never)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });
});

describe("create_default_context", () => {
  it("rejects an unknown keyword with ERR_INVALID_ARG_VALUE", () => {
    expect(() => python.create_default_context({ ca_file: "x" } as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => python.create_default_context(python.Purpose.SERVER_AUTH, { cafile: "x", x: 1 } as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("rejects a purpose given both positionally and as a keyword with ERR_INVALID_ARG_VALUE (Python: multiple values)", () => {
    expect(() => python.create_default_context(python.Purpose.SERVER_AUTH, { purpose: python.Purpose.CLIENT_AUTH })).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }),
    );
  });

  it("takes the purpose as a keyword too", () => {
    expect(python.create_default_context({ purpose: python.Purpose.CLIENT_AUTH }).protocol).toBe(python.PROTOCOL_TLS_SERVER);
  });
});

describe("SSLContext", () => {
  it("rejects an unknown load_verify_locations keyword with ERR_INVALID_ARG_VALUE", () => {
    expect(() => {
      new python.SSLContext(python.PROTOCOL_TLS_CLIENT).load_verify_locations({ ca_file: "x" } as never);
    }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("reads and writes the same state through verify_mode/check_hostname as through verifyMode/checkHostname", () => {
    const ctx = new python.SSLContext(python.PROTOCOL_TLS_CLIENT);
    ctx.check_hostname = false;
    ctx.verify_mode = python.CERT_NONE;
    expect(ctx.checkHostname).toBe(false);
    expect(ctx.verifyMode).toBe(python.CERT_NONE);
    ctx.verifyMode = python.CERT_OPTIONAL;
    expect(ctx.verify_mode).toBe(python.CERT_OPTIONAL);
  });
});
