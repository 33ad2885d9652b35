/** IPv4 address family (Python's `socket.AF_INET`, Linux value). */
export const AF_INET = 2;
/** IPv6 address family (Python's `socket.AF_INET6`, Linux value). */
export const AF_INET6 = 10;
/** An address family accepted by {@link Socket}. */
export type AddressFamily = typeof AF_INET | typeof AF_INET6;

/** `shutdown()`: no more receiving (Python's `socket.SHUT_RD`). */
export const SHUT_RD = 0;
/** `shutdown()`: no more sending; the peer reads EOF (Python's `socket.SHUT_WR`). */
export const SHUT_WR = 1;
/** `shutdown()`: both directions (Python's `socket.SHUT_RDWR`). */
export const SHUT_RDWR = 2;
/** A `how` argument of `shutdown()`. */
export type ShutdownHow = typeof SHUT_RD | typeof SHUT_WR | typeof SHUT_RDWR;

/** A socket address as Python writes it: `[host, port]`. */
export type Address = readonly [host: string, port: number];
