// `pnpm bench:cost`: where the time of randBytes(1 MiB) goes, per 64 KiB Generate call (the
// most SP 800-90A allows in one call), in µs of this process's CPU time (median of rounds).
// Prints one JSON document; it does not touch bench/results.json.
// Imports the built package (the script builds it first): Node 20 cannot run the TypeScript source.
import { createCipheriv, randomBytes, randomFillSync } from "node:crypto";
import process from "node:process";
import { Buffer } from "node:buffer";
import { randBytes } from "../dist/index.js";

const CHUNK = 64 * 1024;
const MIB = 1 << 20;
const CHUNKS = MIB / CHUNK;
const ROUNDS = 9;
const zeros = new Uint8Array(CHUNK + 48);
const key = randomBytes(32);
const iv = randomBytes(16);

/** Median µs of CPU time per call of fn over ROUNDS rounds of `calls` calls, after a warm-up. */
function cost(fn, calls) {
  for (let i = 0; i < calls; i++) fn();
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / calls);
  }
  return [...rounds].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const round2 = (value) => Math.round(value * 100) / 100;
const reused = Buffer.alloc(MIB);
const chunk = Buffer.alloc(CHUNK);
const cipher = createCipheriv("aes-256-ctr", key, iv);

const openSSLPerChunk = cost(() => randomFillSync(chunk), 400);
const createCipher = cost(() => createCipheriv("aes-256-ctr", key, iv), 2000);
const update = cost(() => cipher.update(zeros), 400);
const copy = cost(() => reused.set(chunk, 0), 2000);
const touchFresh = cost(() => Buffer.allocUnsafeSlow(MIB).fill(0), 60) - cost(() => reused.fill(0), 60);
const randBytesPerChunk = cost(() => randBytes(MIB), 60) / CHUNKS;
const randomFillSyncReusedPerChunk = cost(() => randomFillSync(reused), 60) / CHUNKS;

const breakdown = {
  createCipheriv: round2(createCipher),
  "cipher.update(64 KiB + 48 zero bytes), output allocated by Node": round2(update),
  "copy 64 KiB into the result": round2(copy),
  "first touch of the fresh 1 MiB result, per 64 KiB": round2(touchFresh / CHUNKS),
};
const accounted = Object.values(breakdown).reduce((sum, value) => sum + value, 0);

console.log(
  JSON.stringify(
    {
      unit: "µs of CPU time per 64 KiB (median of 9 rounds)",
      node: process.version,
      openssl: process.versions.openssl,
      randBytes1MiB: round2(randBytesPerChunk),
      breakdown,
      accounted: round2(accounted),
      reference: {
        "randomFillSync into a reused 1 MiB buffer": round2(randomFillSyncReusedPerChunk),
        "randomFillSync into a reused 64 KiB buffer": round2(openSSLPerChunk),
      },
      ratioVsRandomFillSyncReused: round2(randomFillSyncReusedPerChunk / randBytesPerChunk),
    },
    null,
    2,
  ),
);
