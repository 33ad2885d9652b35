import * as net from "node:net";

/**
 * What the proxy does to the bytes of a faulted direction:
 * - `pass`: forwards them untouched;
 * - `delay`: forwards every chunk `ms` milliseconds late (order kept);
 * - `fragment`: forwards one byte per write, each flushed on its own (`setNoDelay`), so the
 *   receiver sees 1-byte TCP segments;
 * - `rechunk`: coalesces what arrives within a millisecond and splits it again at
 *   pseudo-random sizes (1 byte to `maxChunk`), so write and TLS record boundaries never line up;
 * - `truncate`: forwards `afterBytes` bytes, then closes both connections with a FIN;
 * - `reset`: forwards `afterBytes` bytes, then resets both connections (RST);
 * - `stall`: forwards `afterBytes` bytes, then holds everything else and keeps the connections open.
 */
export type FaultMode =
  | { readonly kind: "pass" }
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "fragment" }
  | { readonly kind: "rechunk"; readonly maxChunk?: number; readonly seed?: number }
  | { readonly kind: "truncate"; readonly afterBytes: number }
  | { readonly kind: "reset"; readonly afterBytes: number }
  | { readonly kind: "stall"; readonly afterBytes: number };

/** Which direction the fault applies to; the other one passes untouched. */
export type FaultDirection = "to-server" | "to-client" | "both";

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The real server's port on 127.0.0.1. */
  readonly target: number;
  readonly mode: FaultMode;
  /** @defaultValue `"both"` */
  readonly direction?: FaultDirection;
}

/** A running proxy on 127.0.0.1. */
export interface FaultProxy {
  readonly port: number;
  /** Bytes forwarded so far, per direction (over every connection). */
  readonly forwarded: { readonly toServer: number; readonly toClient: number };
  /** Resolves once a truncate, reset or stall fault has fired (on any connection). */
  readonly fired: Promise<void>;
  /** Destroys every connection, clears every timer, stops listening; resolves when all are closed. */
  close(): Promise<void>;
}

/** A deterministic sequence of chunk sizes (a small LCG), so a failing run can be replayed. */
function sizes(seed: number, max: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    // Mostly small pieces (they cut headers and records apart), now and then a large one.
    return state % 4 === 0 ? 1 + (state % max) : 1 + (state % 64);
  };
}

const closed = (socket: net.Socket): Promise<void> =>
  socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once("close", () => { resolve(); }));

/**
 * Starts a TCP proxy on 127.0.0.1 (port 0) in front of `target` that injects one fault into the
 * bytes of one or both directions, for fault-injection tests of TLS sockets.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: server.port, mode: { kind: "fragment" } });
 * await sock.connect(["127.0.0.1", proxy.port]);
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { target, mode, direction = "both" } = options;
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const immediates = new Set<NodeJS.Immediate>();
  const forwarded = { toServer: 0, toClient: 0 };
  let fire: () => void = () => undefined;
  const fired = new Promise<void>((resolve) => { fire = resolve; });
  let closing = false;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const soon = (fn: () => void): void => {
    const immediate = setImmediate(() => {
      immediates.delete(immediate);
      fn();
    });
    immediates.add(immediate);
  };

  function relay(from: net.Socket, to: net.Socket, count: "toServer" | "toClient", faulted: boolean, both: () => void): void {
    const fault: FaultMode = faulted ? mode : { kind: "pass" };
    const send = (chunk: Buffer): void => {
      if (to.destroyed || chunk.length === 0) return;
      forwarded[count] += chunk.length;
      to.write(chunk);
    };
    const endLater = (): void => { if (!to.destroyed) to.end(); };
    switch (fault.kind) {
      case "pass":
        from.on("data", send);
        from.on("end", endLater);
        return;
      case "delay":
        from.on("data", (chunk: Buffer) => { later(fault.ms, () => { send(chunk); }); });
        from.on("end", () => { later(fault.ms, endLater); });
        return;
      case "fragment":
      case "rechunk": {
        const next = fault.kind === "fragment" ? () => 1 : sizes(fault.seed ?? 1, fault.maxChunk ?? 20_000);
        let pending = Buffer.alloc(0);
        let ended = false;
        let pumping = false;
        const pump = (): void => {
          if (pending.length === 0) {
            pumping = false;
            if (ended) endLater();
            return;
          }
          const piece = pending.subarray(0, next());
          pending = pending.subarray(piece.length);
          send(Buffer.from(piece));
          // One piece per event-loop turn, after the previous write went out: separate segments.
          soon(pump);
        };
        const start = (): void => {
          if (pumping) return;
          pumping = true;
          if (fault.kind === "fragment") pump();
          else later(1, pump); // what arrives within the millisecond is coalesced
        };
        from.on("data", (chunk: Buffer) => {
          pending = Buffer.concat([pending, chunk]);
          start();
        });
        from.on("end", () => {
          ended = true;
          start();
        });
        return;
      }
      case "truncate":
      case "reset":
      case "stall": {
        let passed = 0;
        let tripped = false;
        const trip = (): void => {
          tripped = true;
          fire();
          if (fault.kind === "truncate") both();
          else if (fault.kind === "reset") {
            for (const socket of [from, to]) if (!socket.destroyed) socket.resetAndDestroy();
          }
        };
        from.on("data", (chunk: Buffer) => {
          if (tripped) return;
          const room = fault.afterBytes - passed;
          send(chunk.subarray(0, room));
          passed += Math.min(room, chunk.length);
          if (passed >= fault.afterBytes) trip();
        });
        from.on("end", () => { if (!tripped) endLater(); });
        if (fault.afterBytes === 0) trip();
        return;
      }
    }
  }

  // Half-open connections are kept, so each direction ends exactly when its relay says so.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    if (closing) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: "127.0.0.1", port: target, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("error", () => { /* the peer went away: the other side is closed below */ });
      socket.once("close", () => {
        sockets.delete(socket);
        // A reset on one side becomes a reset on the other (a FIN travels through the relay).
        const other = socket === client ? upstream : client;
        if (socket.errored !== null && !other.destroyed) other.resetAndDestroy();
      });
    }
    // Truncation closes both connections cleanly: FIN, then close once written.
    const both = (): void => {
      client.destroySoon();
      upstream.destroySoon();
    };
    const faults = (d: FaultDirection): boolean => direction === "both" || direction === d;
    relay(client, upstream, "toServer", faults("to-server"), both);
    relay(upstream, client, "toClient", faults("to-client"), both);
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    forwarded,
    fired,
    close: async () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      for (const immediate of immediates) clearImmediate(immediate);
      timers.clear();
      immediates.clear();
      const all = [...sockets];
      for (const socket of all) socket.destroy();
      await Promise.all([...all.map(closed), new Promise<void>((resolve) => { server.close(() => { resolve(); }); })]);
    },
  };
}
