import { readFile } from "node:fs/promises";

/** Reads a file, or standard input for `-`. */
export async function readInput(path: string): Promise<Uint8Array> {
  if (path !== "-") return new Uint8Array(await readFile(path));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
