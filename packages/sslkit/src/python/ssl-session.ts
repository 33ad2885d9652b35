import { SSLSession as BaseSSLSession } from "@sslkit/socket";
import { installAliases } from "./internal/aliases.js";

// sslkit's SSLSession has a private constructor (only connections make them); this class is
// never constructed either: asPython() gives sslkit's instances its prototype.
const SSLSessionBase: abstract new () => BaseSSLSession = BaseSSLSession as unknown as abstract new () => BaseSSLSession;

/**
 * Python's `ssl.SSLSession`: sslkit's {@link BaseSSLSession | SSLSession} with `has_ticket`,
 * `ticket_lifetime_hint` and `__eq__` added as aliases (`id`, `time` and `timeout` already have
 * Python's names). Read from `SSLSocket.session` / `SSLObject.session`, never made with `new`.
 *
 * @see Python {@link https://docs.python.org/3/library/ssl.html#ssl.SSLSession | ssl.SSLSession}
 * @example
 * ```ts
 * const session = ssl_sock.session;
 * if (session?.has_ticket) saved = session;
 * ```
 * @hideconstructor
 */
export class SSLSession extends SSLSessionBase {
  /** Python's `has_ticket`: alias of {@link BaseSSLSession.hasTicket}. */
  declare readonly has_ticket: boolean;
  /** Python's `ticket_lifetime_hint`: alias of {@link BaseSSLSession.ticketLifetimeHint}. */
  declare readonly ticket_lifetime_hint: number;
  /** Python's `==` on sessions (same id): alias of {@link BaseSSLSession.equals}. */
  declare __eq__: BaseSSLSession["equals"];

  static {
    installAliases("SSLSession", this);
  }
}
