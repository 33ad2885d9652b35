/** TLS record content types (RFC 8446 §5.1). */
const ALERT = 21;
const APPLICATION_DATA = 23;
/** An encrypted TLS 1.3 alert is 2 + 1 + 16 bytes; anything this short may hide a close_notify. */
const SHORT_RECORD = 256;

/**
 * Splits the incoming TLS byte stream at record boundaries (5-byte headers, RFC 8446 §5.1)
 * after every record that may carry a close_notify — all alerts, and short application-data
 * records (TLS 1.3 encrypts alerts) — or after every record while unwrapping. The engine feeds
 * one piece at a time and checks for the peer's close_notify in between, so bytes that follow
 * it in the same TCP segment stay plaintext.
 */
export class RecordFramer {
  /** Cut after every record, not only after possible alerts (set by `unwrap()`). */
  everyRecord = false;
  readonly #header = Buffer.alloc(5);
  #headerFill = 0;
  #bodyLeft = 0;
  #cutAfterBody = false;

  /** Returns `chunk` split into pieces; each piece ends where a close_notify check is due (the last may not). */
  split(chunk: Buffer): Buffer[] {
    const pieces: Buffer[] = [];
    let start = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.#bodyLeft > 0) {
        const take = Math.min(this.#bodyLeft, chunk.length - i);
        i += take;
        this.#bodyLeft -= take;
        if (this.#bodyLeft === 0 && this.#cutAfterBody) {
          pieces.push(chunk.subarray(start, i));
          start = i;
        }
        continue;
      }
      const take = Math.min(5 - this.#headerFill, chunk.length - i);
      chunk.copy(this.#header, this.#headerFill, i, i + take);
      this.#headerFill += take;
      i += take;
      if (this.#headerFill < 5) continue;
      this.#headerFill = 0;
      const type = this.#header[0];
      const length = this.#header.readUInt16BE(3);
      this.#bodyLeft = length;
      this.#cutAfterBody = this.everyRecord || type === ALERT || (type === APPLICATION_DATA && length <= SHORT_RECORD);
      if (length === 0 && this.#cutAfterBody) {
        pieces.push(chunk.subarray(start, i));
        start = i;
      }
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
    return pieces;
  }
}
