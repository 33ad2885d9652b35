import { Certificate } from "@sslkit/x509";
import { parseHostPort } from "./address.js";
import { peerChain } from "./network.js";
import { connectTLS } from "./tls-client.js";

/**
 * The certificates a server sends, leaf first, without verifying them (like
 * `openssl s_client -showcerts`).
 */
export async function fetchServerChain(address: string, timeout = 10): Promise<Certificate[]> {
  const [host, port] = parseHostPort(address);
  const ssl = await connectTLS({ host, port, timeout });
  try {
    return peerChain(ssl).map((der) => new Certificate(der));
  } finally {
    await ssl.close();
  }
}
