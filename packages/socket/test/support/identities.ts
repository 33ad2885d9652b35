import { writeFileSync } from "node:fs";
import { createCertificate } from "@sslkit/x509";
import type { KeyType } from "@sslkit/x509";
import type { TempDir } from "@sslkit/test-utils";

/** A CA and a `localhost` / `127.0.0.1` server leaf of one key type, written as PEM files. */
export interface KeyTypeIdentity {
  readonly keyType: KeyType;
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** Makes a CA and a server leaf with `@sslkit/x509`'s createCertificate and writes them into `dir`. */
export async function makeIdentity(dir: TempDir, keyType: KeyType): Promise<KeyTypeIdentity> {
  const ca = await createCertificate({ subject: { commonName: `sslkit ${keyType} CA` }, isCA: true, keyType });
  const leaf = await createCertificate({
    subject: { commonName: "localhost" },
    issuer: ca,
    keyType,
    subjectAltNames: [
      { type: "dns", value: "localhost" },
      { type: "ip", value: "127.0.0.1" },
    ],
  });
  const caPath = dir.file(`${keyType}-ca.pem`);
  const certPath = dir.file(`${keyType}-server.pem`);
  const keyPath = dir.file(`${keyType}-server.key`);
  writeFileSync(caPath, ca.certificate);
  writeFileSync(certPath, leaf.certificate);
  writeFileSync(keyPath, leaf.privateKey);
  return { keyType, caPath, certPath, keyPath };
}
