import * as net from "node:net";

/** A TCP relay on 127.0.0.1 that re-cuts the byte stream of each direction into chosen segments. */
export interface ResegmentingRelay {
  readonly port: number;
  close(): Promise<void>;
}

/** Sizes of the segments to write, used in turn (cycled); one direction of a relay. */
export interface SegmentPattern {
  readonly sizes: readonly number[];
  /** Milliseconds to collect bytes before re-cutting them, so close writes merge into one buffer. */
  readonly coalesceMs: number;
}

function pipe(from: net.Socket, to: net.Socket, pattern: SegmentPattern): void {
  let pending: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();
  let next = 0;
  const flush = (): void => {
    timer = undefined;
    const data = Buffer.concat(pending);
    pending = [];
    flushing = flushing.then(async () => {
      for (let at = 0; at < data.length; ) {
        const size = Math.max(1, pattern.sizes[next++ % pattern.sizes.length] ?? data.length);
        if (to.destroyed) return;
        to.write(data.subarray(at, at + size));
        at += size;
        // One event-loop turn between segments, so they leave as separate TCP segments.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  };
  from.on("data", (chunk: Buffer) => {
    pending.push(chunk);
    timer ??= setTimeout(flush, pattern.coalesceMs);
  });
  from.on("end", () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
    void flushing.then(() => to.end());
  });
  from.on("close", () => {
    if (timer !== undefined) clearTimeout(timer);
  });
  from.on("error", () => to.destroy());
}

/** Starts a relay to `target` on 127.0.0.1; `toClient` re-cuts what the target sends, `toServer` what the client sends. */
export async function startResegmentingRelay(target: number, toClient: SegmentPattern, toServer: SegmentPattern): Promise<ResegmentingRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect(target, "127.0.0.1");
    upstream.setNoDelay(true);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    pipe(upstream, client, toClient);
    pipe(client, upstream, toServer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
