import { createServer } from "node:net";

/** `127.0.0.1:port` of a port that was free a moment ago and has nothing listening: a connection to it is refused. */
export async function closedPort(): Promise<string> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
  return `127.0.0.1:${port}`;
}
