import * as net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AF_INET, AF_INET6, SHUT_WR, Socket, SocketErrorCode, TimeoutError } from "@sslkit/socket";
import type { AddressFamily } from "@sslkit/socket";
import { leakedHandles, networkHandles } from "./support/handles.js";

const open: Socket[] = [];
let baseline: string[] = [];

function track<T extends Socket>(socket: T): T {
  open.push(socket);
  return socket;
}

async function listening(family: AddressFamily = AF_INET): Promise<[Socket, number]> {
  const server = track(new Socket(family));
  server.bind([family === AF_INET6 ? "::1" : "127.0.0.1", 0]);
  await server.listen();
  return [server, server.getsockname()[1]];
}

async function pair(): Promise<[Socket, Socket]> {
  const [server, port] = await listening();
  const client = track(new Socket());
  const [accepted] = await Promise.all([server.accept(), client.connect(["127.0.0.1", port])]);
  return [client, track(accepted[0])];
}

beforeEach(() => {
  baseline = networkHandles();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((socket) => socket.close()));
  expect(await leakedHandles(baseline)).toEqual([]);
});

describe("Socket", () => {
  it("connects, accepts and exchanges bytes both ways with Python-style addresses", async () => {
    const [server, port] = await listening();
    const client = track(new Socket());
    const [[conn, address]] = await Promise.all([server.accept(), client.connect(["127.0.0.1", port])]);
    track(conn);
    expect(address).toEqual(client.getsockname());
    expect(conn.getpeername()).toEqual(client.getsockname());
    expect(client.getpeername()).toEqual(["127.0.0.1", port]);
    expect(await client.send(Buffer.from("ping"))).toBe(4);
    expect((await conn.recv(1024)).toString()).toBe("ping");
    await conn.sendall(Buffer.from("pong"));
    expect((await client.recv()).toString()).toBe("pong");
  });

  it("works over IPv6", async () => {
    const [, port] = await listening(AF_INET6);
    const client = track(new Socket(AF_INET6));
    await client.connect(["::1", port]);
    expect(client.family).toBe(AF_INET6);
    expect(client.getpeername()).toEqual(["::1", port]);
  });

  it("returns at most bufsize bytes and keeps the rest for the next recv", async () => {
    const [client, conn] = await pair();
    await client.sendall(Buffer.from("abcdefgh"));
    let received = "";
    while (received.length < 8) received += (await conn.recv(3)).toString();
    expect(received).toBe("abcdefgh");
  });

  it("resolves an empty buffer at EOF after the peer shuts down its sending side, and can still send", async () => {
    const [client, conn] = await pair();
    await client.sendall(Buffer.from("last"));
    client.shutdown(SHUT_WR);
    expect((await conn.recv(1024)).toString()).toBe("last");
    expect((await conn.recv(1024)).length).toBe(0);
    expect((await conn.recv(1024)).length).toBe(0);
    await conn.sendall(Buffer.from("reply after EOF"));
    expect((await client.recv(1024)).toString()).toBe("reply after EOF");
  });

  it("reads into a caller's buffer with recvInto", async () => {
    const [client, conn] = await pair();
    await client.sendall(Buffer.from("hello"));
    const buffer = Buffer.alloc(16);
    let n = 0;
    while (n < 5) n += await conn.recvInto(buffer.subarray(n));
    expect(buffer.subarray(0, 5).toString()).toBe("hello");
  });

  it("transfers 8 MiB intact with sendall while the reader lags", async () => {
    const [client, conn] = await pair();
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    const sending = client.sendall(data).then(() => { client.shutdown(SHUT_WR); });
    const parts: Buffer[] = [];
    for (let chunk = await conn.recv(65536); chunk.length > 0; chunk = await conn.recv(65536)) parts.push(chunk);
    await sending;
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it("rejects recv with TimeoutError after the timeout and stays usable", async () => {
    const [client, conn] = await pair();
    conn.setTimeout(0.05);
    expect(conn.getTimeout()).toBe(0.05);
    await expect(conn.recv(1024)).rejects.toBeInstanceOf(TimeoutError);
    await expect(conn.recv(1024)).rejects.toMatchObject({ code: SocketErrorCode.TIMEOUT, message: "timed out" });
    await client.sendall(Buffer.from("late"));
    expect((await conn.recv(1024)).toString()).toBe("late");
  });

  it("rejects accept with TimeoutError when nobody connects", async () => {
    const [server] = await listening();
    server.setTimeout(0.05);
    await expect(server.accept()).rejects.toMatchObject({ code: SocketErrorCode.TIMEOUT });
  });

  it("throws WOULD_BLOCK in non-blocking mode instead of waiting", async () => {
    const [server] = await listening();
    server.setBlocking(false);
    expect(server.getBlocking()).toBe(false);
    await expect(server.accept()).rejects.toMatchObject({ code: SocketErrorCode.WOULD_BLOCK });
    const [, conn] = await pair();
    conn.setBlocking(false);
    expect(conn.getTimeout()).toBe(0);
    await expect(conn.recv(10)).rejects.toMatchObject({ code: SocketErrorCode.WOULD_BLOCK });
    conn.setBlocking(true);
    expect(conn.getTimeout()).toBeNull();
  });

  it("wraps a connected net.Socket with fromNodeSocket", async () => {
    const [server, port] = await listening();
    const raw = net.connect({ host: "127.0.0.1", port });
    await new Promise((resolve) => raw.once("connect", resolve));
    const client = track(Socket.fromNodeSocket(raw));
    const [conn] = await server.accept();
    track(conn);
    await conn.sendall(Buffer.from("from server"));
    expect((await client.recv(100)).toString()).toBe("from server");
    expect(() => Socket.fromNodeSocket("socket" as unknown as net.Socket)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("rejects a refused connection with ECONNREFUSED", async () => {
    const [server, port] = await listening();
    await server.close();
    await expect(track(new Socket()).connect(["127.0.0.1", port])).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("names the state errors: recv before connect, accept without listen, use after close, double connect", async () => {
    const fresh = track(new Socket());
    await expect(fresh.recv()).rejects.toMatchObject({ code: SocketErrorCode.NOT_CONNECTED });
    await expect(fresh.accept()).rejects.toMatchObject({ code: SocketErrorCode.NOT_LISTENING });
    expect(() => fresh.getpeername()).toThrow(expect.objectContaining({ code: SocketErrorCode.NOT_CONNECTED }));
    const [client] = await pair();
    await expect(client.connect(["127.0.0.1", 1])).rejects.toMatchObject({ code: SocketErrorCode.ALREADY_CONNECTED });
    await client.close();
    expect(client.closed).toBe(true);
    await expect(client.sendall(Buffer.from("x"))).rejects.toMatchObject({ code: SocketErrorCode.CLOSED });
    await client.close();
  });

  it.each([
    ["a string address", "127.0.0.1:80"],
    ["a port out of range", ["127.0.0.1", 70000]],
    ["a non-integer port", ["127.0.0.1", 1.5]],
    ["a numeric host", [127, 80]],
  ])("rejects %s", async (_label, address) => {
    const sock = track(new Socket());
    await expect(sock.connect(address as never)).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_(INVALID_ARG_TYPE|OUT_OF_RANGE)$/) as unknown });
  });

  it("rejects bad arguments with Node's codes", () => {
    const sock = track(new Socket());
    expect(() => new Socket(3 as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => { sock.setTimeout(-1); }).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => { sock.setTimeout("1" as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => { sock.setBlocking(1 as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => { sock.shutdown(5 as never); }).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });

  it("connects from the address given to bind", async () => {
    const [server, port] = await listening();
    const client = track(new Socket());
    client.bind(["127.0.0.1", 0]);
    expect(client.getsockname()).toEqual(["127.0.0.1", 0]);
    const [[conn]] = await Promise.all([server.accept(), client.connect(["127.0.0.1", port])]);
    track(conn);
    expect(conn.getpeername()[0]).toBe("127.0.0.1");
  });
});
