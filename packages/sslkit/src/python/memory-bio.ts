import { MemoryBIO as BaseMemoryBIO } from "@sslkit/socket";
import { installAliases } from "./internal/aliases.js";

/**
 * Python's `ssl.MemoryBIO`: sslkit's {@link BaseMemoryBIO | MemoryBIO} with `write_eof` added
 * as an alias; `read`, `write`, `pending` and `eof` already have Python's names.
 *
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.MemoryBIO | ssl.MemoryBIO}
 * @example
 * ```ts
 * const incoming = new MemoryBIO();
 * incoming.write(data);
 * incoming.write_eof();
 * ```
 */
export class MemoryBIO extends BaseMemoryBIO {
  /** Python's `write_eof()`: alias of {@link BaseMemoryBIO.writeEof}. */
  declare write_eof: BaseMemoryBIO["writeEof"];

  static {
    installAliases("MemoryBIO", this);
  }
}
