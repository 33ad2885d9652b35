// A throw-away PKI for the TLS benchmarks, made with the openssl CLI: a CA and `localhost` /
// 127.0.0.1 server leaves with an ECDSA P-256 key and an RSA-2048 key.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Makes the PKI in a new temporary directory; returns the file paths and `remove()`.
 * @returns {{ dir: string, caPath: string, ec: { certPath: string, keyPath: string }, rsa: { certPath: string, keyPath: string }, remove(): void }}
 */
export function makeBenchPKI() {
  const dir = mkdtempSync(join(tmpdir(), "sslkit-bench-pki-"));
  const openssl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bench CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"]);
  for (const [name, key] of [["ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]], ["rsa", ["-newkey", "rsa:2048"]]]) {
    openssl(["req", ...key, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", "/CN=localhost"]);
    writeFileSync(join(dir, `${name}.ext`), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "1", "-days", "2", "-out", `${name}.pem`, "-extfile", `${name}.ext`]);
  }
  return {
    dir,
    caPath: join(dir, "ca.pem"),
    ec: { certPath: join(dir, "ec.pem"), keyPath: join(dir, "ec.key") },
    rsa: { certPath: join(dir, "rsa.pem"), keyPath: join(dir, "rsa.key") },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
