import { writeFileSync } from "node:fs";
import { runOpenSSL } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";

/** A PEM certificate and key, as files. */
export interface LaxIdentity {
  readonly certPath: string;
  readonly keyPath: string;
}

/**
 * A CA whose basicConstraints is not marked critical — OpenSSL's default verification accepts
 * its chains, RFC 5280 strict rules (`VERIFY_X509_STRICT`) do not — with a `localhost` server
 * leaf and a client leaf it issued.
 */
export interface LaxPKI {
  readonly caPath: string;
  readonly server: LaxIdentity;
  readonly client: LaxIdentity;
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

/** Writes the {@link LaxPKI} into `dir` (the certificates of packages/context's VERIFY_X509_STRICT test). */
export async function makeLaxPKI(dir: TempDir): Promise<LaxPKI> {
  const caPath = dir.file("lax-ca.pem");
  const caKey = dir.file("lax-ca.key");
  await runOpenSSL(["req", "-x509", ...EC, "-keyout", caKey, "-out", caPath, "-days", "30", "-subj", "/CN=lax CA", "-addext", "basicConstraints=CA:TRUE", "-addext", "keyUsage=keyCertSign,cRLSign"]);
  const leaf = async (name: string, subject: string, extensions: string, serial: string): Promise<LaxIdentity> => {
    const keyPath = dir.file(`lax-${name}.key`);
    const certPath = dir.file(`lax-${name}.pem`);
    const csr = dir.file(`lax-${name}.csr`);
    const ext = dir.file(`lax-${name}.ext`);
    await runOpenSSL(["req", ...EC, "-keyout", keyPath, "-out", csr, "-subj", subject]);
    writeFileSync(ext, extensions);
    await runOpenSSL(["x509", "-req", "-in", csr, "-CA", caPath, "-CAkey", caKey, "-set_serial", serial, "-days", "30", "-out", certPath, "-extfile", ext]);
    return { certPath, keyPath };
  };
  const server = await leaf("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n", "7");
  const client = await leaf("client", "/CN=lax client", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n", "8");
  return { caPath, server, client };
}
