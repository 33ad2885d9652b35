import { Socket } from "@sslkit/socket";
import type { Address } from "@sslkit/socket";
import { asPython, installAliases } from "./internal/aliases.js";

/**
 * Python's `socket.socket` (the class `ssl` imports): sslkit's {@link Socket} with Python's
 * method names added as aliases (`settimeout`, `gettimeout`, `setblocking`, `getblocking`,
 * `recv_into`); `bind`, `listen`, `connect`, `accept`, `recv`, `send`, `sendall`, `shutdown`
 * and `close` already have them. I/O methods return Promises.
 *
 * @throws `ERR_INVALID_ARG_VALUE` from the constructor for a family other than `AF_INET`/`AF_INET6`.
 * @see Python {@link https://docs.python.org/3/library/socket.html#socket.socket | socket.socket}
 * @example
 * ```ts
 * const bindsocket = new socket();
 * bindsocket.bind(["127.0.0.1", 0]);
 * await bindsocket.listen(5);
 * const [newsocket, fromaddr] = await bindsocket.accept();
 * ```
 */
export class socket extends Socket {
  /** Python's `settimeout`: alias of {@link Socket.setTimeout}. */
  declare settimeout: Socket["setTimeout"];
  /** Python's `gettimeout`: alias of {@link Socket.getTimeout}. */
  declare gettimeout: Socket["getTimeout"];
  /** Python's `setblocking`: alias of {@link Socket.setBlocking}. */
  declare setblocking: Socket["setBlocking"];
  /** Python's `getblocking`: alias of {@link Socket.getBlocking}. */
  declare getblocking: Socket["getBlocking"];
  /** Python's `recv_into`: alias of {@link Socket.recvInto}. */
  declare recv_into: Socket["recvInto"];

  static {
    installAliases("socket", this);
  }

  /**
   * Accepts a connection: {@link Socket.accept}, with the connection as this class.
   *
   * @throws What {@link Socket.accept} throws.
   * @see Python `socket.accept`
   * @example
   * ```ts
   * const [conn, address] = await bindsocket.accept();
   * ```
   */
  override async accept(): Promise<[socket, Address]> {
    const [conn, address] = await super.accept();
    return [asPython(conn, socket), address];
  }
}
