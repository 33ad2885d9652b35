// Writes a test CA and a localhost server certificate signed by it into a directory:
//   node examples/make-certs.mjs [directory]   → ca.pem, cert.pem, key.pem
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCertificate } from "sslkit";

const [directory = "."] = process.argv.slice(2);
const ca = await createCertificate({ subject: { commonName: "sslkit example CA" }, isCA: true });
const server = await createCertificate({
  subject: { commonName: "localhost" },
  subjectAltNames: [{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }],
  issuer: ca,
});
writeFileSync(join(directory, "ca.pem"), ca.certificate);
writeFileSync(join(directory, "cert.pem"), server.certificate);
writeFileSync(join(directory, "key.pem"), server.privateKey, { mode: 0o600 });
console.log(`wrote ca.pem, cert.pem, key.pem to ${directory}`);
