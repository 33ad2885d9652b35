import type * as tls from "node:tls";
import { CERT_NONE } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";
import { invalidArgValueError } from "@sslkit/errors";
import { decodeCert } from "@sslkit/x509";
import type { PeerCertDict } from "@sslkit/x509";
import { cipherBits, sharedCipherList } from "./cipher-info.js";

// What SSLSocket and SSLObject report about a finished handshake, read from the TLS layer.

/** Python's `getpeercert()`: the dict when verified, `{}` when not (`CERT_NONE`), `null` without a certificate, DER with `binaryForm`. */
export function peerCertOf(context: SSLContext, der: Uint8Array | null, binaryForm: boolean): PeerCertDict | Record<string, never> | Uint8Array | null {
  if (der === null) return null;
  if (binaryForm) return der.slice();
  if (context.verifyMode === CERT_NONE) return {};
  return decodeCert(der);
}

/** Python's `cipher()` tuple. */
export function cipherOf(context: SSLContext, stream: tls.TLSSocket): [name: string, protocolVersion: string, secretBits: number] {
  const { name, version } = stream.getCipher();
  return [name, version, cipherBits(context, name)];
}

/** Python's `shared_ciphers()` on the server side, from the client's first record. */
export function sharedCiphersOf(context: SSLContext, clientHello: Buffer | undefined): [string, string, number][] | null {
  return clientHello === undefined ? null : sharedCipherList(context, clientHello);
}

/** Python's `selected_alpn_protocol()`. */
export function alpnOf(stream: tls.TLSSocket): string | null {
  const alpn: unknown = stream.alpnProtocol;
  return typeof alpn === "string" ? alpn : null;
}

/** Throws Python's `ValueError` for a channel binding type other than `tls-unique` / `tls-exporter`. */
export function checkChannelBindingType(cbType: unknown): void {
  if (cbType !== "tls-unique" && cbType !== "tls-exporter") throw invalidArgValueError("cbType", cbType, `is not a supported channel binding type`);
}

/** Python's `get_channel_binding()`: RFC 5929 `tls-unique` or RFC 9266 `tls-exporter`. */
export function channelBindingOf(stream: tls.TLSSocket, serverSide: boolean, cbType: "tls-unique" | "tls-exporter"): Uint8Array | null {
  if (cbType === "tls-exporter") return new Uint8Array(stream.exportKeyingMaterial(32, "EXPORTER-Channel-Binding", Buffer.alloc(0)));
  // The first Finished of the handshake: the client's on a full handshake, the server's on resumption.
  const clientFirst = !stream.isSessionReused();
  const own = serverSide !== clientFirst;
  const finished = own ? stream.getFinished() : stream.getPeerFinished();
  return finished === undefined ? null : new Uint8Array(finished);
}
