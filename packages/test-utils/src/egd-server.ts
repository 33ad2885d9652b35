import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import { join } from "node:path";

/** How the test daemon behaves; the defaults make a well-behaved EGD daemon. */
export interface EGDServerBehaviour {
  /** Octets the pool holds for reads (each read consumes them). @defaultValue unlimited */
  readonly pool?: number;
  /** Bits reported by command 0x00. @defaultValue 4096 */
  readonly entropyBits?: number;
  /** Text answered to command 0x04. @defaultValue the server's pid */
  readonly pidText?: string;
  /** Accept connections but never answer. */
  readonly silent?: boolean;
  /** Close the connection after sending this many answer octets in total. */
  readonly closeAfter?: number;
  /** Count octet to announce for non-blocking reads instead of the real one (a protocol violation). */
  readonly announce?: number;
}

/** A small real EGD daemon on a UNIX socket, speaking commands 0x00, 0x01, 0x02 and 0x04. */
export interface EGDServer {
  readonly path: string;
  /** Every random octet sent, in order. */
  readonly served: () => Uint8Array;
  /** Every command octet received, in order. */
  readonly commands: number[];
  readonly close: () => Promise<void>;
}

/**
 * Starts a test EGD daemon on a fresh UNIX socket in `directory` (used by the rand package and
 * the CLI). `closeAfter: 0` makes a daemon that hangs up as soon as a command arrives.
 */
export async function startEGDServer(directory: string, behaviour: EGDServerBehaviour = {}): Promise<EGDServer> {
  const path = join(directory, `egd-${Math.random().toString(36).slice(2)}.sock`);
  const served: Buffer[] = [];
  const commands: number[] = [];
  const sockets = new Set<Socket>();
  let pool = behaviour.pool ?? Number.POSITIVE_INFINITY;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let input = Buffer.alloc(0);
    let sent = 0;
    const send = (answer: Buffer): void => {
      const limit = behaviour.closeAfter;
      if (limit !== undefined && sent + answer.length >= limit) {
        socket.end(answer.subarray(0, limit - sent));
        sent = limit;
        return;
      }
      sent += answer.length;
      socket.write(answer);
    };
    const take = (n: number): Buffer => {
      const count = Math.min(n, pool);
      pool -= count;
      const bytes = randomBytes(count);
      served.push(bytes);
      return bytes;
    };
    socket.on("data", (chunk: Buffer) => {
      input = Buffer.concat([input, chunk]);
      if (behaviour.silent === true) return;
      for (;;) {
        const command = input[0];
        if (command === undefined) return;
        const needs = command === 0x01 || command === 0x02 ? 2 : 1;
        if (input.length < needs) return;
        commands.push(command);
        const n = input[1] ?? 0;
        input = input.subarray(needs);
        if (command === 0x00) {
          const answer = Buffer.alloc(4);
          answer.writeUInt32BE(behaviour.entropyBits ?? 4096);
          send(answer);
        } else if (command === 0x01) {
          const bytes = take(n);
          send(Buffer.concat([Buffer.of(behaviour.announce ?? bytes.length), bytes]));
        } else if (command === 0x02) {
          send(take(n));
        } else if (command === 0x04) {
          const text = Buffer.from(behaviour.pidText ?? String(process.pid), "latin1");
          send(Buffer.concat([Buffer.of(text.length), text]));
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
    served: () => Uint8Array.from(Buffer.concat(served)),
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
