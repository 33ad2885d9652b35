export { Socket } from "./socket.js";
export { SSLSocket } from "./ssl-socket.js";
export type { CipherTuple, ChannelBindingType, SSLSocketSettings } from "./ssl-socket.js";
export { wrapSocket } from "./wrap-socket.js";
export type { WrapSocketOptions } from "./wrap-socket.js";
export { SSLContext, createDefaultContext } from "./ssl-context.js";
export type { ContextWrapOptions, WrapBIOOptions } from "./ssl-context.js";
export { MemoryBIO } from "./memory-bio.js";
export { SSLObject } from "./ssl-object.js";
export { SSLSession } from "./ssl-session.js";
export { getServerCertificate } from "./get-server-certificate.js";
export type { GetServerCertificateOptions } from "./get-server-certificate.js";
// Defined with the other error classes in @sslkit/errors; exported here too, where it is thrown.
export { TimeoutError } from "@sslkit/errors";
export { SocketErrorCode } from "./error-codes.js";
export { AF_INET, AF_INET6, SHUT_RD, SHUT_WR, SHUT_RDWR } from "./constants.js";
export type { Address, AddressFamily, ShutdownHow } from "./constants.js";
