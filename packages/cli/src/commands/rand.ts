import { defineCommand } from "citty";
import { randBytes, randEgd } from "@sslkit/rand";
import { isSSLKitError } from "@sslkit/errors";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";

/** Python's `RAND_bytes` takes a C int. */
const MAX_BYTES = 2 ** 31 - 1;
/** Generated and written per step: a multiple of 3, so base64 pieces concatenate without padding. */
const CHUNK = 3 * 16384;
/** EGD failures that are about reaching the daemon: exit code 3 (network or I/O). */
const EGD_IO_CODES: ReadonlySet<string> = new Set([
  "ERR_SSLKIT_RAND_EGD_CONNECT",
  "ERR_SSLKIT_RAND_EGD_TIMEOUT",
  "ERR_SSLKIT_RAND_EGD_CLOSED",
]);

function parseCount(value: string | undefined): number {
  if (value === undefined) throw new CLIError("rand needs a byte count, e.g. sslkit rand 32 --hex", ExitCode.USAGE);
  const text = value;
  if (!/^\d+$/.test(text) || Number(text) > MAX_BYTES) {
    throw new CLIError(`rand: the byte count must be an integer from 0 to ${MAX_BYTES}, not ${JSON.stringify(text)}`, ExitCode.USAGE);
  }
  return Number(text);
}

/** Writes to stdout, waiting while the pipe is full; `false` once the reader has gone (EPIPE). */
class Output {
  #closed = false;
  readonly #onError = (): void => {
    this.#closed = true;
  };

  constructor() {
    process.stdout.on("error", this.#onError);
  }

  async write(chunk: string | Uint8Array): Promise<boolean> {
    if (this.#closed) return false;
    if (!process.stdout.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          process.stdout.off("drain", done);
          process.stdout.off("error", done);
          resolve();
        };
        process.stdout.on("drain", done);
        process.stdout.on("error", done);
      });
    }
    return !this.#closed;
  }

  close(): void {
    process.stdout.off("error", this.#onError);
  }
}

/** The most bytes `--json` prints (one JSON string holds them all). */
const JSON_LIMIT = 16 * 1024 * 1024;

export default defineCommand({
  meta: { name: "rand", description: "Random bytes from sslkit's DRBG (Python's ssl.RAND_bytes), raw, hex or base64" },
  args: {
    n: { type: "positional", description: "How many bytes, 0 to 2147483647", required: false },
    hex: { type: "boolean", description: "Print lower-case hex and a newline" },
    base64: { type: "boolean", description: "Print base64 and a newline" },
    egd: { type: "string", description: "First mix 256 bytes from the EGD daemon on this UNIX socket into the generator (Python's ssl.RAND_egd)" },
    json: { type: "boolean", description: "Print one JSON document: { length, base64 } (or { length, hex } with --hex); n at most 16777216" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      if (args._.length > 1) throw new CLIError(`rand takes one byte count, got ${args._.length} arguments`, ExitCode.USAGE);
      const count = parseCount(args._[0]);
      if (args.hex === true && args.base64 === true) throw new CLIError("rand: --hex and --base64 exclude each other", ExitCode.USAGE);
      const encoding = args.hex === true ? "hex" : args.base64 === true ? "base64" : undefined;
      if (args.json === true && count > JSON_LIMIT) throw new CLIError(`rand: --json prints at most ${JSON_LIMIT} bytes, not ${count}`, ExitCode.USAGE);
      if (encoding === undefined && args.json !== true && process.stdout.isTTY) {
        throw new CLIError("rand: refusing to write raw bytes to a terminal; add --hex or --base64, or redirect to a file (sslkit rand 32 > key.bin)", ExitCode.USAGE);
      }
      if (args.egd !== undefined) {
        if (args.egd === "") throw new CLIError("rand: --egd needs the path of the daemon's UNIX socket", ExitCode.USAGE);
        await randEgd(args.egd);
      }
      if (args.json === true) {
        const bytes = Buffer.from(randBytes(count));
        const body = encoding === "hex" ? { length: count, hex: bytes.toString("hex") } : { length: count, base64: bytes.toString("base64") };
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
        return;
      }
      const output = new Output();
      try {
        for (let done = 0; done < count; ) {
          const size = Math.min(CHUNK, count - done);
          const bytes = randBytes(size);
          const chunk = encoding === undefined ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
          done += size;
          if (!(await output.write(chunk))) return; // the reader closed the pipe (sslkit rand 1000000 | head -c 16)
        }
        if (encoding !== undefined) await output.write("\n");
      } finally {
        output.close();
      }
    } catch (error) {
      reportError(error, args.debug === true);
      if (isSSLKitError(error) && EGD_IO_CODES.has(error.code)) process.exitCode = ExitCode.IO;
    }
  },
});
