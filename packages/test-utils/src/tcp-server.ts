import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";

/** A plain TCP server on 127.0.0.1 (a fake, silent or misbehaving peer). */
export interface TCPServer {
  readonly port: number;
  /** Stops listening, destroys the connections still open, and resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Starts a `node:net` server on 127.0.0.1:0 that hands each connection to `onConnection`
 * (by default, one that reads and never answers). Close it after the test.
 */
export async function startTCPServer(onConnection: (socket: Socket) => void = (socket) => { socket.resume(); }): Promise<TCPServer> {
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => { resolve(); }));
      for (const socket of connections) socket.destroy();
      await closed;
    },
  };
}
