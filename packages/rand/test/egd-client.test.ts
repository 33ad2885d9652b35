import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EGDClient, EGDCommand } from "@sslkit/rand";
import { makeTempDir, startEGDServer } from "@sslkit/test-utils";
import type { EGDServer, EGDServerBehaviour, TempDir } from "@sslkit/test-utils";

let dir: TempDir;
let server: EGDServer | undefined;
let client: EGDClient | undefined;

beforeEach(() => {
  dir = makeTempDir("sslkit-egd-");
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
  dir.remove();
});

async function connect(behaviour: EGDServerBehaviour = {}, timeout = 10_000): Promise<EGDClient> {
  server = await startEGDServer(dir.path, behaviour);
  client = await EGDClient.connect(server.path, { timeout });
  return client;
}

describe("EGDCommand", () => {
  it("has the command octets of the EGD protocol", () => {
    expect(EGDCommand).toEqual({ ENTROPY_LEVEL: 0, READ_NONBLOCKING: 1, READ_BLOCKING: 2, GET_PID: 4 });
  });
});

describe("EGDClient", () => {
  it("reads the pool's entropy level with command 0x00", async () => {
    const egd = await connect({ entropyBits: 0x01020304 });
    expect(await egd.entropyLevel()).toBe(0x01020304);
    expect(server?.commands).toEqual([0x00]);
  });

  it("reads the daemon's pid with command 0x04", async () => {
    const egd = await connect({ pidText: "31337" });
    expect(await egd.pid()).toBe(31337);
  });

  it("reads n octets without blocking (0x01) and returns exactly what the daemon sent", async () => {
    const egd = await connect();
    const bytes = await egd.read(200);
    expect(bytes).toEqual(server?.served());
    expect(bytes).toHaveLength(200);
    expect(server?.commands).toEqual([0x01]);
  });

  it("returns fewer octets than asked when the pool runs low, and none when it is empty", async () => {
    const egd = await connect({ pool: 10 });
    expect(await egd.read(64)).toHaveLength(10);
    expect(await egd.read(64)).toHaveLength(0);
  });

  it("reads exactly n octets with a blocking read (0x02)", async () => {
    const egd = await connect();
    expect(await egd.read(255, { blocking: true })).toEqual(server?.served());
    expect(server?.commands).toEqual([0x02]);
  });

  it("runs concurrent requests one after another on one connection", async () => {
    const egd = await connect({ entropyBits: 77 });
    const [level, a, pid, b] = await Promise.all([egd.entropyLevel(), egd.read(16), egd.pid(), egd.read(8, { blocking: true })]);
    expect(level).toBe(77);
    expect(pid).toBe(process.pid);
    expect(Buffer.concat([a, b])).toEqual(Buffer.from(server?.served() ?? []));
    expect(server?.commands).toEqual([0x00, 0x01, 0x04, 0x02]);
  });

  it("rejects a socket path that does not exist with ERR_SSLKIT_RAND_EGD_CONNECT", async () => {
    await expect(EGDClient.connect(dir.file("missing.sock"))).rejects.toMatchObject({
      code: "ERR_SSLKIT_RAND_EGD_CONNECT",
      name: "RandError",
    });
  });

  it("rejects a path that is not a socket with ERR_SSLKIT_RAND_EGD_CONNECT", async () => {
    writeFileSync(dir.file("plain-file"), "not a socket");
    await expect(EGDClient.connect(dir.file("plain-file"))).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CONNECT" });
  });

  it("times out on a silent daemon with ERR_SSLKIT_RAND_EGD_TIMEOUT", async () => {
    const egd = await connect({ silent: true }, 100);
    await expect(egd.read(32)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_TIMEOUT" });
    await expect(egd.entropyLevel()).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_TIMEOUT" });
  });

  it("rejects an answer cut short by the daemon closing with ERR_SSLKIT_RAND_EGD_CLOSED", async () => {
    const egd = await connect({ closeAfter: 20 });
    await expect(egd.read(64)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
  });

  it("rejects requests after the daemon closed the connection", async () => {
    const egd = await connect({ closeAfter: 4 });
    expect(await egd.entropyLevel()).toBe(4096);
    await expect(egd.pid()).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
  });

  it("rejects a count octet larger than the request with ERR_SSLKIT_RAND_EGD_PROTOCOL", async () => {
    const egd = await connect({ announce: 200 });
    await expect(egd.read(16)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_PROTOCOL" });
  });

  it.each([["letters", "12ab"], ["an empty answer", ""], ["a sign", "-5"]])(
    "rejects a pid answer made of %s with ERR_SSLKIT_RAND_EGD_PROTOCOL",
    async (_label, pidText) => {
      const egd = await connect({ pidText });
      await expect(egd.pid()).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_PROTOCOL" });
    },
  );

  it("rejects pending and later requests after close() with ERR_SSLKIT_RAND_EGD_CLOSED", async () => {
    const egd = await connect({ silent: true });
    const pending = egd.read(8);
    egd.close();
    await expect(pending).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
    await expect(egd.read(8)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
  });

  it("rejects with ERR_SSLKIT_RAND_EGD_ABORTED when the signal aborts, keeping the reason as cause", async () => {
    server = await startEGDServer(dir.path, { silent: true });
    const controller = new AbortController();
    client = await EGDClient.connect(server.path, { signal: controller.signal });
    const pending = client.read(8);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_ABORTED", cause: reason });
  });

  it("refuses to connect with an already aborted signal", async () => {
    server = await startEGDServer(dir.path);
    await expect(EGDClient.connect(server.path, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: "ERR_SSLKIT_RAND_EGD_ABORTED",
    });
  });

  it.each([
    ["a number path", 42, {}, "ERR_INVALID_ARG_TYPE"],
    ["an empty path", "", {}, "ERR_INVALID_ARG_TYPE"],
    ["a string timeout", "/x", { timeout: "1" }, "ERR_INVALID_ARG_TYPE"],
    ["a zero timeout", "/x", { timeout: 0 }, "ERR_OUT_OF_RANGE"],
    ["an infinite timeout", "/x", { timeout: Infinity }, "ERR_OUT_OF_RANGE"],
    ["a signal that is not an AbortSignal", "/x", { signal: {} }, "ERR_INVALID_ARG_TYPE"],
  ])("rejects %s", async (_label, path, options, code) => {
    await expect(EGDClient.connect(path as string, options as never)).rejects.toMatchObject({ code });
  });

  it.each([
    [0, "ERR_OUT_OF_RANGE"],
    [256, "ERR_OUT_OF_RANGE"],
    [1.5, "ERR_OUT_OF_RANGE"],
    ["8", "ERR_INVALID_ARG_TYPE"],
  ])("refuses to read %s octets", async (n, code) => {
    const egd = await connect();
    await expect(egd.read(n as number)).rejects.toMatchObject({ code });
  });
});
