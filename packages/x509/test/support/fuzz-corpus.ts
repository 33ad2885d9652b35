import { decodePEM } from "@sslkit/pem";
import { makeTestPKI, readSystemCABundle } from "@sslkit/test-utils";
import type { TestPKI } from "@sslkit/test-utils";
import { createCertificate } from "@sslkit/x509";

/** Real certificates to mutate: a fresh openssl test PKI, an RSA chain and a sample of the system CAs. */
export interface FuzzCorpus {
  readonly pki: TestPKI;
  /** Every certificate of the corpus, DER. */
  readonly certs: readonly Uint8Array[];
  /** An RSA root and a leaf it issued (createCertificate), for chain mutations. */
  readonly rsa: { readonly root: Uint8Array; readonly leaf: Uint8Array };
}

const der = (pem: string): Uint8Array => decodePEM(pem)[0]!.der;

/** Makes the corpus; call `corpus.pki.dir.remove()` when done. */
export async function makeFuzzCorpus(): Promise<FuzzCorpus> {
  const pki = makeTestPKI();
  const root = await createCertificate({ subject: { commonName: "fuzz RSA root" }, isCA: true, keyType: "rsa-2048" });
  const leaf = await createCertificate({
    subject: { commonName: "fuzz.example" },
    issuer: root,
    keyType: "ec-p256",
    subjectAltNames: [{ type: "dns", value: "fuzz.example" }, { type: "ip", value: "2001:db8::1" }, { type: "email", value: "a@fuzz.example" }],
  });
  const identities = [pki.ca, pki.intermediate, pki.server, pki.chainedServer, pki.client, pki.expired, pki.wrongHost, pki.selfSigned];
  const system = decodePEM(readSystemCABundle() ?? "").map((block) => block.der);
  // Every 8th system CA: RSA and EC roots of every age, names in many string types.
  const sample = system.filter((_, i) => i % 8 === 0);
  return {
    pki,
    certs: [...identities.map((identity) => der(identity.cert)), root.der, leaf.der, ...sample],
    rsa: { root: root.der, leaf: leaf.der },
  };
}
