import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { makeTempDir } from "./temp-dir.js";
import type { TempDir } from "./temp-dir.js";

/** A certificate and its private key, as PEM text and as files in the PKI's directory. */
export interface TestIdentity {
  readonly cert: string;
  readonly key: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** What {@link makeTestPKI} writes: a root CA, an intermediate CA and leaves, all EC P-256. */
export interface TestPKI {
  readonly dir: TempDir;
  /** Self-signed root CA, `CN=sslkit test CA`. */
  readonly ca: TestIdentity;
  /** Intermediate CA signed by the root, `CN=sslkit test intermediate`. */
  readonly intermediate: TestIdentity;
  /** Server leaf signed by the root: `CN=localhost`, SAN `DNS:localhost, IP:127.0.0.1`. */
  readonly server: TestIdentity;
  /** Server leaf signed by the intermediate (same names as `server`). */
  readonly chainedServer: TestIdentity;
  /** Client leaf signed by the root, `CN=sslkit client`, EKU clientAuth. */
  readonly client: TestIdentity;
  /** Server leaf signed by the root whose notAfter is one day before its notBefore: expired. */
  readonly expired: TestIdentity;
  /** Server leaf signed by the root for `other.example` only. */
  readonly wrongHost: TestIdentity;
  /** Self-signed leaf `CN=localhost` (not a CA). */
  readonly selfSigned: TestIdentity;
  /** `server.key` encrypted with AES-256 under the password `"sslkit-secret"`. */
  readonly encryptedServerKeyPath: string;
  /** The password of {@link TestPKI.encryptedServerKeyPath}. */
  readonly password: string;
  /**
   * Revokes a certificate issued by the root CA and writes the root's CRL to `revoked.crl`
   * (with `openssl ca`); returns the CRL as PEM.
   */
  revoke(certPath: string): string;
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

function openssl(args: readonly string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * Writes a small PKI with the `openssl` CLI into a fresh temporary directory, synchronously
 * (about 15 `openssl` runs, well under a second). Call `pki.dir.remove()` when done.
 */
export function makeTestPKI(): TestPKI {
  const dir = makeTempDir("sslkit-pki-");
  const cwd = dir.path;
  const read = (name: string): TestIdentity => ({
    cert: readFileSync(dir.file(`${name}.pem`), "utf8"),
    key: readFileSync(dir.file(`${name}.key`), "utf8"),
    certPath: dir.file(`${name}.pem`),
    keyPath: dir.file(`${name}.key`),
  });
  const selfSigned = (name: string, subject: string, extensions: readonly string[]): void => {
    openssl(["req", "-x509", ...EC, "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "3650", "-subj", subject, ...extensions.flatMap((e) => ["-addext", e])], cwd);
  };
  const issue = (name: string, subject: string, issuer: string, extensions: string, days = "3650"): void => {
    openssl(["req", ...EC, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject], cwd);
    writeFileSync(dir.file(`${name}.ext`), extensions);
    openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-set_serial", `0x${Math.floor(Math.random() * 2 ** 48).toString(16)}`, "-out", `${name}.pem`, "-days", days, "-extfile", `${name}.ext`], cwd);
  };
  const serverExt = "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
  selfSigned("ca", "/CN=sslkit test CA", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"]);
  issue("intermediate", "/CN=sslkit test intermediate", "ca", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
  issue("server", "/CN=localhost", "ca", serverExt);
  issue("chained-server", "/CN=localhost", "intermediate", serverExt);
  issue("client", "/CN=sslkit client", "ca", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  issue("expired", "/CN=localhost", "ca", serverExt, "-1");
  issue("wrong-host", "/CN=other.example", "ca", "subjectAltName=DNS:other.example\nbasicConstraints=CA:FALSE\n");
  selfSigned("self-signed", "/CN=localhost", ["subjectAltName=DNS:localhost,IP:127.0.0.1", "basicConstraints=CA:FALSE"]);
  const password = "sslkit-secret";
  openssl(["pkey", "-in", "server.key", "-aes256", "-passout", `pass:${password}`, "-out", "server-encrypted.key"], cwd);
  return {
    dir,
    ca: read("ca"),
    intermediate: read("intermediate"),
    server: read("server"),
    chainedServer: read("chained-server"),
    client: read("client"),
    expired: read("expired"),
    wrongHost: read("wrong-host"),
    selfSigned: read("self-signed"),
    encryptedServerKeyPath: dir.file("server-encrypted.key"),
    password,
    revoke: (certPath) => {
      writeFileSync(dir.file("index.txt"), "");
      writeFileSync(dir.file("ca.cnf"), "[ca]\ndefault_ca = root\n[root]\ndatabase = index.txt\ndefault_md = sha256\ndefault_crl_days = 30\n");
      const base = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem"];
      openssl([...base, "-revoke", certPath], cwd);
      openssl([...base, "-gencrl", "-out", "revoked.crl"], cwd);
      return readFileSync(dir.file("revoked.crl"), "utf8");
    },
  };
}
