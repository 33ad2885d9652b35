import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInput, fuzzParameters } from "@sslkit/test-utils";
// An internal-unit test: the framer has no public face (SSLSocket.unwrap uses it; the public
// behaviour is fuzzed in ssl-socket.unwrap.fuzz.test.ts), so this imports it from src.
import { RecordFramer } from "../src/internal/record-framer.js";

interface Record {
  readonly type: number;
  readonly body: Uint8Array;
}

const record: fc.Arbitrary<Record> = fc.record({
  type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(20, 21, 22, 23) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) }),
  body: fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 250, max: 2000 }).map((n) => new Uint8Array(n)) },
  ),
});

function encode(records: readonly Record[]): { stream: Buffer; ends: number[] } {
  const parts: Buffer[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const { type, body } of records) {
    const header = Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]);
    parts.push(header, Buffer.from(body));
    at += 5 + body.length;
    ends.push(at);
  }
  return { stream: Buffer.concat(parts), ends };
}

/** Cuts `stream` into chunks at the given (sorted, deduplicated) positions. */
function chunk(stream: Buffer, cuts: readonly number[]): Buffer[] {
  const positions = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const position of [...positions, stream.length]) {
    if (position > start) chunks.push(stream.subarray(start, position));
    start = Math.max(start, position);
  }
  return chunks;
}

/** Feeds `chunks` through a framer; returns the pieces and the stream offsets where pieces end. */
function feed(framer: RecordFramer, chunks: readonly Buffer[]): { pieces: Buffer[]; pieceEnds: Set<number> } {
  const pieces: Buffer[] = [];
  const pieceEnds = new Set<number>();
  let at = 0;
  for (const c of chunks) {
    for (const piece of framer.split(c)) {
      pieces.push(piece);
      at += piece.length;
      pieceEnds.add(at);
    }
  }
  return { pieces, pieceEnds };
}

describe("RecordFramer (internal unit)", () => {
  it("split-then-join is the identity, and with everyRecord each record ends a piece, for any records in any chunking", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (records, cuts) => {
        const { stream, ends } = encode(records);
        const framer = new RecordFramer();
        framer.everyRecord = true;
        const outcome = checkInput(() => feed(framer, chunk(stream, cuts)), () => false);
        if (!outcome.ok) throw new Error("unreachable: checkInput rethrows");
        const { pieces, pieceEnds } = outcome.value;
        expect(Buffer.concat(pieces).equals(stream)).toBe(true);
        expect(ends.filter((end) => !pieceEnds.has(end))).toEqual([]);
        expect(pieces.filter((p) => p.length === 0)).toEqual([]);
      }),
      fuzzParameters(1000),
    );
  });

  it("cuts after every alert and every short application-data record, and only at record ends, when not unwrapping", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (records, cuts) => {
        const { stream, ends } = encode(records);
        const chunks = chunk(stream, cuts);
        const chunkEnds = new Set<number>();
        let at = 0;
        for (const c of chunks) chunkEnds.add((at += c.length));
        const { pieces, pieceEnds } = feed(new RecordFramer(), chunks);
        expect(Buffer.concat(pieces).equals(stream)).toBe(true);
        const uncut = records.flatMap(({ type, body }, i) => {
          const mayHideCloseNotify = type === 21 || (type === 23 && body.length <= 256);
          return mayHideCloseNotify && !pieceEnds.has(ends[i]!) ? [`record ${i} (type ${type}, ${body.length} bytes)`] : [];
        });
        expect(uncut).toEqual([]);
        const recordEnds = new Set(ends);
        expect([...pieceEnds].filter((end) => !recordEnds.has(end) && !chunkEnds.has(end))).toEqual([]);
      }),
      fuzzParameters(1000),
    );
  });

  it("never throws and keeps every byte for arbitrary bytes (not TLS at all) in any chunking", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.array(fc.nat(), { maxLength: 30 }), fc.boolean(), (bytes, cuts, everyRecord) => {
        const stream = Buffer.from(bytes);
        const framer = new RecordFramer();
        framer.everyRecord = everyRecord;
        const outcome = checkInput(() => feed(framer, chunk(stream, cuts)), () => false);
        expect(outcome.ok && Buffer.concat(outcome.value.pieces).equals(stream)).toBe(true);
      }),
      fuzzParameters(1000),
    );
  });
});
