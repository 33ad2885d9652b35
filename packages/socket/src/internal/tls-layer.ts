import type { Duplex } from "node:stream";
import * as tls from "node:tls";
import { CERT_NONE, VERIFY_X509_STRICT, mapTLSError } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";
import { parseSession } from "./session-der.js";

/** What {@link createTLSLayer} makes a `tls.TLSSocket` from. */
export interface TLSLayerConfig {
  readonly context: SSLContext;
  readonly serverSide: boolean;
  readonly serverHostname: string | null;
  /** What `sniCallback` receives (the SSLSocket or SSLObject). */
  readonly owner: unknown;
  /** The in-memory stream the TLS layer reads ciphertext from and writes ciphertext to. */
  readonly duplex: Duplex;
  /** Client: a session (Node's serialized `SSL_SESSION`) to offer for resumption. */
  readonly session?: Buffer | null;
  /**
   * Server side: keep our half open after the peer's close_notify instead of letting Node answer
   * with ours at once (the client side always does). @defaultValue `false`
   */
  readonly serverHalfOpen?: boolean;
  /** Buffer sizes of the plaintext side. */
  readonly highWaterMark?: number;
  /**
   * Client: receives the server's certificate (DER) from Node's host name check, which sees it
   * anyway (not called on resumption), so it need not be asked for again after the handshake.
   */
  readonly onPeerCertificate?: (der: Buffer) => void;
  /** Receives every key log line (the listener costs five JS calls per TLS 1.3 handshake: only when needed). */
  readonly onKeylog?: (line: Buffer) => void;
  /**
   * With `VERIFY_X509_STRICT`: called synchronously when OpenSSL finished the handshake
   * (`"pending"`, before any output that follows; the strict RFC 5280 check of the peer's
   * chain then starts, on the client once Node's own checks passed; may be called twice), and when it settles (`"passed"`, just before `onSecure`; `"failed"`, just
   * before the layer is destroyed with the `SSLCertVerificationError`). Never called without
   * the flag.
   */
  readonly onStrictCheck?: (state: "pending" | "passed" | "failed") => void;
  /**
   * Called once the handshake finished and the peer's certificate passed (server side: the
   * client's; with `VERIFY_X509_STRICT`, also the strict check).
   */
  readonly onSecure: () => void;
  /** Called with every error of the TLS layer, mapped to Python's exception. */
  readonly onError: (error: Error) => void;
}

/**
 * The TLS engine both faces share (`SSLSocket` over a TCP socket, `SSLObject` over two
 * `MemoryBIO`s): a `tls.TLSSocket` over `config.duplex`, configured by the context, which
 * counts its handshakes (`sessionStats()`).
 */
export function createTLSLayer(config: TLSLayerConfig): tls.TLSSocket {
  const { context, serverSide, serverHostname, owner, duplex, session } = config;
  const { isServer: _isServer, ...options } = context.toTLSOptions({ serverSide, serverHostname, socket: owner });
  const sessionOffered = session !== undefined && session !== null;
  context.recordHandshake({ phase: "start", serverSide });
  let handshakes = 0;
  const onSecure = (): void => {
    context.recordHandshake(handshakes > 0 ? { phase: "renegotiated", serverSide } : { phase: "done", serverSide, resumed: layer.isSessionReused(), sessionOffered });
    handshakes++;
    config.onSecure();
  };
  const onError = config.onError;
  // VERIFY_X509_STRICT: Node cannot set X509_V_FLAG_X509_STRICT, so the peer's chain is
  // re-validated (asynchronously, WebCrypto) before the handshake counts as done. Without the
  // flag the handshake completes synchronously, as before: no promise on that path.
  const strict = context.verifyMode !== CERT_NONE && (context.verifyFlags & VERIFY_X509_STRICT) !== 0;
  const { onStrictCheck } = config;
  const verifyStrictly = (): void => {
    onStrictCheck?.("pending");
    context.verifyPeer(layer, serverSide).then(
      (failure) => {
        if (layer.destroyed) return;
        if (failure === undefined) {
          onStrictCheck?.("passed");
          onSecure();
          return;
        }
        onStrictCheck?.("failed");
        layer.destroy(failure);
      },
      (error: unknown) => {
        if (layer.destroyed) return;
        onStrictCheck?.("failed");
        layer.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  const buffers = config.highWaterMark === undefined ? {} : { readableHighWaterMark: config.highWaterMark, writableHighWaterMark: config.highWaterMark };
  let layer: tls.TLSSocket;
  if (serverSide) {
    const halfOpen = config.serverHalfOpen === true ? { allowHalfOpen: true } : {};
    layer = new tls.TLSSocket(duplex, { ...options, isServer: true, ...halfOpen, ...buffers });
    layer.on("secure", () => {
      // Node's TLSSocket verifies a presented client certificate only inside tls.Server.
      const failure = context.peerVerificationError(layer);
      if (failure !== undefined) {
        layer.destroy(failure);
        return;
      }
      if (strict && handshakes === 0) verifyStrictly();
      else onSecure();
    });
  } else {
    // allowHalfOpen: the peer's close_notify must not make Node answer with ours by itself
    // (`unwrap()` and `close()` decide when to send it). tls.connect passes it on.
    const { checkServerIdentity } = options;
    const { onPeerCertificate } = config;
    const keepPeer = (hostname: string, cert: tls.PeerCertificate): Error | undefined => {
      onPeerCertificate?.(cert.raw);
      return checkServerIdentity?.(hostname, cert);
    };
    const connectOptions: tls.ConnectionOptions & { allowHalfOpen: boolean } = {
      ...options,
      checkServerIdentity: keepPeer,
      ...buffers,
      socket: duplex,
      allowHalfOpen: true,
      ...(sessionOffered ? { session } : {}),
    };
    layer = tls.connect(connectOptions);
    // The client's Finished follows Node's certificate checks on 'secure': hold it from there.
    if (strict && onStrictCheck !== undefined) {
      layer.prependOnceListener("secure", () => {
        onStrictCheck("pending");
      });
    }
    layer.on("secureConnect", strict ? verifyStrictly : onSecure);
  }
  layer.on("error", (error: unknown) => {
    onError(mapTLSError(error));
  });
  // A server-side TLSSocket outside tls.Server never releases control, so Node swallows its
  // errors after the handshake (a bad record, a bad MAC); this internal event still carries them.
  layer.on("_tlsError", (error: unknown) => {
    onError(mapTLSError(error));
  });
  // A 'keylog' listener makes OpenSSL hand every secret to JS (five callbacks per TLS 1.3
  // handshake), so it is only attached when the context logs keys or the caller asks.
  const logging = context.keylogFilename !== null;
  const { onKeylog } = config;
  if (logging || onKeylog !== undefined) {
    layer.on("keylog", (line: Buffer) => {
      onKeylog?.(line);
      if (logging) context.appendKeylogLine(line);
    });
  }
  return layer;
}

/**
 * Whether the TLS layer pushed EOF (close_notify or transport EOF): set synchronously when it
 * happens, unlike `readableEnded`, which waits until the buffered plaintext has been consumed.
 */
export function readableEnded(stream: tls.TLSSocket): boolean {
  return (stream as unknown as { _readableState?: { ended?: boolean } })._readableState?.ended === true;
}

/** The peer's certificate (DER) right after the handshake, or `null`. */
export function peerCertificateDER(stream: tls.TLSSocket): Uint8Array | null {
  // getPeerX509Certificate() can be read only once in Node 20 (it shifts the native chain);
  // getPeerCertificate() is repeatable.
  const raw = stream.getPeerCertificate().raw as Buffer | undefined;
  if (raw !== undefined) return new Uint8Array(raw);
  // A resumed client has no chain in Node (it reads SSL_get_peer_cert_chain, which a resumed
  // session lacks); the server's certificate is in the session, as OpenSSL keeps it.
  if (!stream.isSessionReused()) return null;
  const session = stream.getSession();
  return session === undefined ? null : parseSession(session).peer;
}

interface StreamWrapInternals {
  _handle?: { _parentWrap?: unknown } | null;
}

interface JSStreamSocketInternals {
  _handle?: unknown;
  finishWrite?: (handle: unknown, status: number) => void;
  [key: symbol]: unknown;
}

/**
 * Completes, now, the write that Node's stream wrapper (`JSStreamSocket`, which puts a
 * `tls.TLSSocket` over a JavaScript Duplex) reports done only on a later `setImmediate`. The
 * TLS layer keeps one write in flight: without this, its second flight (a client's Finished,
 * the records after a first `write`) would reach the Duplex only after an event loop turn. The
 * bytes themselves were already handed to the Duplex synchronously, so the delayed completion
 * that still fires later finds nothing to do (or a newer request whose bytes are also written).
 *
 * Returns `false` when this Node does not have the internals (the output then arrives one turn
 * later, as Node does it).
 */
export function completePendingWrites(stream: tls.TLSSocket): boolean {
  const wrap = (stream as unknown as StreamWrapInternals)._handle?._parentWrap as JSStreamSocketInternals | undefined;
  if (wrap === undefined || typeof wrap.finishWrite !== "function") return false;
  const request = Object.getOwnPropertySymbols(wrap).find((symbol) => symbol.description === "kCurrentWriteRequest");
  if (request === undefined) return false;
  // Each completion may start the next write (more output was waiting); bounded for safety.
  for (let i = 0; i < 1000 && wrap[request] !== null && wrap[request] !== undefined && wrap._handle !== null && wrap._handle !== undefined; i++) {
    wrap.finishWrite(wrap._handle, 0);
  }
  return true;
}
