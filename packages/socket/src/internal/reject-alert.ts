import type * as tls from "node:tls";
import { CERT_NONE } from "@sslkit/context";
import type { SSLContext } from "@sslkit/context";
import type { SSLCertVerificationError } from "@sslkit/errors";
import { alertForVerifyCode, tls13HandshakeAlert } from "./handshake-alert.js";

const CLIENT_HANDSHAKE_SECRET = Buffer.from("CLIENT_HANDSHAKE_TRAFFIC_SECRET ");

/** Whether a TLS layer made with these settings verifies the server (and may reject it). */
export function verifiesServer(context: SSLContext, serverSide: boolean): boolean {
  return !serverSide && context.verifyMode !== CERT_NONE;
}

/**
 * What a client that rejects the server's certificate sends, for both faces (`SSLSocket`'s
 * engine and `SSLObject`). OpenSSL would send a fatal alert (`unknown_ca`, `bad_certificate`,
 * …) instead of its Finished; Node verifies only after OpenSSL finished the handshake, sends
 * nothing and drops the client's Finished, so the server would wait for it. TLS 1.3: the
 * alert, encrypted as the client's first record under its handshake traffic secret. TLS 1.2:
 * Node already sent its Finished under keys that cannot be derived here, so the stream should
 * end instead.
 *
 * Watch the layer from its creation: give {@link RejectAlert.onKeylog} to the layer's key log,
 * call {@link RejectAlert.watch} on it, and {@link RejectAlert.noteOutput} for every output
 * actually handed to the peer.
 */
export class RejectAlert {
  /** OpenSSL finished the handshake (before Node's certificate verification). */
  #handshakeDone = false;
  /** TLS output left after that (then no alert can be the first record). */
  #wroteAfterHandshake = false;
  /** TLS 1.3: the negotiated suite; `null` on TLS 1.2. */
  #suite: string | null = null;
  #secret: Buffer | null = null;

  /** The key log listener: keeps `CLIENT_HANDSHAKE_TRAFFIC_SECRET`, which the alert needs. */
  readonly onKeylog = (line: Buffer): void => {
    if (line.subarray(0, CLIENT_HANDSHAKE_SECRET.length).equals(CLIENT_HANDSHAKE_SECRET)) {
      const hex = line.toString("latin1").trim().split(" ")[2];
      if (hex !== undefined) this.#secret = Buffer.from(hex, "hex");
    }
  };

  /** Notes, before Node's checks run on `secure`, what a TLS 1.3 alert needs. */
  watch(layer: tls.TLSSocket): void {
    layer.prependListener("secure", () => {
      this.#handshakeDone = true;
      this.#suite = layer.getProtocol() === "TLSv1.3" ? layer.getCipher().name : null;
    });
  }

  /** Call for TLS output handed to the peer. */
  noteOutput(): void {
    if (this.#handshakeDone) this.#wroteAfterHandshake = true;
  }

  /**
   * What to send now that the client rejected the server's certificate with `error`: the
   * TLS 1.3 alert record, `"end"` (TLS 1.2, or a suite it does not know: end the stream), or
   * `null` when the handshake had not finished or output already followed it.
   */
  rejection(error: SSLCertVerificationError): Buffer | "end" | null {
    if (!this.#handshakeDone || this.#wroteAfterHandshake) return null;
    const suite = this.#suite;
    const secret = this.#secret;
    const alert = suite === null || secret === null ? undefined : tls13HandshakeAlert(suite, secret, alertForVerifyCode(error.verifyCode));
    return alert ?? "end";
  }
}
