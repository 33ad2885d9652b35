import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randBytes, randEgd } from "@sslkit/rand";
import { createDeterministicGenerator } from "@sslkit/rand/testing";
import { makeTempDir, startEGDServer } from "@sslkit/test-utils";
import type { EGDServer, TempDir } from "@sslkit/test-utils";

let dir: TempDir;
let server: EGDServer | undefined;

beforeEach(() => {
  dir = makeTempDir("sslkit-egd-");
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  dir.remove();
});

const seed = (): { entropyInput: Uint8Array; nonce: Uint8Array; entropySource: (n: number) => Uint8Array } => ({
  entropyInput: new Uint8Array(32).fill(1),
  nonce: new Uint8Array(16).fill(2),
  entropySource: (n) => new Uint8Array(n).fill(3),
});

describe("randEgd", () => {
  it("reads 256 octets with non-blocking requests of at most 255 and resolves 256", async () => {
    server = await startEGDServer(dir.path);
    expect(await randEgd(server.path)).toBe(256);
    expect(server.served()).toHaveLength(256);
    expect(server.commands).toEqual([0x01, 0x01]);
    expect(randBytes(16)).toHaveLength(16);
  });

  it("mixes exactly the octets read into the generator, like add(octets)", async () => {
    server = await startEGDServer(dir.path);
    const viaEgd = createDeterministicGenerator(seed());
    const viaAdd = createDeterministicGenerator(seed());
    const untouched = createDeterministicGenerator(seed());
    expect(await randEgd(server.path, { generator: viaEgd })).toBe(256);
    viaAdd.add(server.served(), 256);
    const out = viaEgd.bytes(64);
    expect(out).toEqual(viaAdd.bytes(64));
    expect(out).not.toEqual(untouched.bytes(64));
  });

  it("keeps asking while a daemon hands out octets in small portions", async () => {
    server = await startEGDServer(dir.path);
    expect(await randEgd(server.path, { bytes: 600 })).toBe(600);
    expect(server.commands).toEqual([0x01, 0x01, 0x01]);
  });

  it("uses blocking reads (0x02) when asked", async () => {
    server = await startEGDServer(dir.path);
    expect(await randEgd(server.path, { blocking: true })).toBe(256);
    expect(server.commands).toEqual([0x02, 0x02]);
  });

  it("rejects a daemon with too little entropy with ERR_SSLKIT_RAND_EGD_SHORT_READ", async () => {
    server = await startEGDServer(dir.path, { pool: 100 });
    await expect(randEgd(server.path)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_SHORT_READ", name: "RandError" });
  });

  it("does not mix anything in when the read falls short", async () => {
    server = await startEGDServer(dir.path, { pool: 100 });
    const drbg = createDeterministicGenerator(seed());
    const twin = createDeterministicGenerator(seed());
    await expect(randEgd(server.path, { generator: drbg })).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_SHORT_READ" });
    expect(drbg.bytes(32)).toEqual(twin.bytes(32));
  });

  it("rejects a missing socket with ERR_SSLKIT_RAND_EGD_CONNECT", async () => {
    await expect(randEgd(dir.file("nothing-here.sock"))).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CONNECT" });
  });

  it("rejects a silent daemon with ERR_SSLKIT_RAND_EGD_TIMEOUT instead of hanging", async () => {
    server = await startEGDServer(dir.path, { silent: true });
    await expect(randEgd(server.path, { timeout: 100 })).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_TIMEOUT" });
  });

  it("rejects a blocking read the daemon cannot fill with ERR_SSLKIT_RAND_EGD_TIMEOUT", async () => {
    server = await startEGDServer(dir.path, { pool: 10 });
    await expect(randEgd(server.path, { blocking: true, timeout: 100 })).rejects.toMatchObject({
      code: "ERR_SSLKIT_RAND_EGD_TIMEOUT",
    });
  });

  it("rejects a daemon that closes mid-answer with ERR_SSLKIT_RAND_EGD_CLOSED", async () => {
    server = await startEGDServer(dir.path, { closeAfter: 100 });
    await expect(randEgd(server.path)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
  });

  it("rejects a daemon that closes between answers with ERR_SSLKIT_RAND_EGD_CLOSED", async () => {
    server = await startEGDServer(dir.path, { closeAfter: 256 });
    await expect(randEgd(server.path)).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_CLOSED" });
  });

  it("rejects an over-long count octet with ERR_SSLKIT_RAND_EGD_PROTOCOL", async () => {
    server = await startEGDServer(dir.path, { announce: 255 });
    await expect(randEgd(server.path, { bytes: 10 })).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_PROTOCOL" });
  });

  it("rejects with ERR_SSLKIT_RAND_EGD_ABORTED when aborted", async () => {
    server = await startEGDServer(dir.path, { silent: true });
    const controller = new AbortController();
    const pending = randEgd(server.path, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 20);
    await expect(pending).rejects.toMatchObject({ code: "ERR_SSLKIT_RAND_EGD_ABORTED" });
  });

  it.each([
    ["a non-string path", Buffer.from("/tmp/x"), {}, "ERR_INVALID_ARG_TYPE"],
    ["zero bytes", "/tmp/x", { bytes: 0 }, "ERR_OUT_OF_RANGE"],
    ["fractional bytes", "/tmp/x", { bytes: 2.5 }, "ERR_OUT_OF_RANGE"],
    ["too many bytes", "/tmp/x", { bytes: 65537 }, "ERR_OUT_OF_RANGE"],
    ["a string byte count", "/tmp/x", { bytes: "256" }, "ERR_INVALID_ARG_TYPE"],
    ["a non-boolean blocking flag", "/tmp/x", { blocking: 1 }, "ERR_INVALID_ARG_TYPE"],
    ["a generator that is not a Generator", "/tmp/x", { generator: {} }, "ERR_INVALID_ARG_TYPE"],
    ["a negative timeout", "/tmp/x", { timeout: -1 }, "ERR_OUT_OF_RANGE"],
    ["options that are not an object", "/tmp/x", "fast", "ERR_INVALID_ARG_TYPE"],
  ])("rejects %s", async (_label, path, options, code) => {
    await expect(randEgd(path as string, options as never)).rejects.toMatchObject({ code });
  });
});
