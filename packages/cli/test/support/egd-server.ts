import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Socket } from "node:net";
import { join } from "node:path";

/** A small EGD daemon on a UNIX socket: answers 0x00 (entropy), 0x01 and 0x02 (reads). */
export interface EGDDaemon {
  readonly path: string;
  /** Octets sent to clients in read answers. */
  readonly served: () => number;
  /** Command octets received, in order. */
  readonly commands: number[];
  readonly close: () => Promise<void>;
}

/**
 * Starts a daemon in `directory`. With `hangUp`, it closes every connection as soon as a
 * command arrives (a daemon that dies mid-protocol).
 */
export async function startEGDDaemon(directory: string, options: { hangUp?: boolean } = {}): Promise<EGDDaemon> {
  const path = join(directory, `egd-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
  const commands: number[] = [];
  const sockets = new Set<Socket>();
  let served = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let input = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      if (options.hangUp === true) {
        socket.destroy();
        return;
      }
      input = Buffer.concat([input, chunk]);
      for (;;) {
        const command = input[0];
        if (command === undefined) return;
        const length = command === 0x01 || command === 0x02 ? 2 : 1;
        if (input.length < length) return;
        const n = input[1] ?? 0;
        input = input.subarray(length);
        commands.push(command);
        if (command === 0x00) {
          const answer = Buffer.alloc(4);
          answer.writeUInt32BE(8 * 4096);
          socket.write(answer);
        } else if (command === 0x01) {
          served += n;
          socket.write(Buffer.concat([Buffer.of(n), randomBytes(n)]));
        } else if (command === 0x02) {
          served += n;
          socket.write(randomBytes(n));
        } else {
          socket.destroy();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    path,
    served: () => served,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
