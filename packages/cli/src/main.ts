import { defineCommand } from "citty";
import packageJson from "../package.json" with { type: "json" };
import { lazyCommand } from "./lib/lazy-command.js";

/**
 * The `sslkit` command. Sub-commands load lazily and carry their name and description here, so
 * `sslkit --help` and `--version` import no command module (test/startup.test.ts checks it).
 */
export const main: ReturnType<typeof defineCommand> = defineCommand({
  meta: {
    name: "sslkit",
    version: packageJson.version,
    description: "Python's ssl module for Node.js, from the shell",
  },
  subCommands: {
    ciphers: lazyCommand({ name: "ciphers", description: "List the ciphers a client SSLContext offers for an OpenSSL cipher string (Python's get_ciphers)" }, () => import("./commands/ciphers.js")),
    completion: lazyCommand({ name: "completion", description: "Print a shell completion script for bash, zsh or fish" }, () => import("./commands/completion.js")),
    connect: lazyCommand({ name: "connect", description: "Connect to a TLS server and report the handshake, chain and verification" }, () => import("./commands/connect.js")),
    create: lazyCommand({ name: "create", description: "Create a local CA and certificates signed by it (mkcert-style)" }, () => import("./commands/create.js"), { group: true }),
    demo: lazyCommand({ name: "demo", description: "Offline showcase of what sslkit does, on real data" }, () => import("./commands/demo.js")),
    der2pem: lazyCommand({ name: "der2pem", description: "Convert a DER certificate to PEM (Python's ssl.DER_cert_to_PEM_cert)" }, () => import("./commands/der2pem.js")),
    "get-cert": lazyCommand({ name: "get-cert", description: "Print a server's certificate as PEM (Python's ssl.get_server_certificate)" }, () => import("./commands/get-cert.js")),
    inspect: lazyCommand({ name: "inspect", description: "Show the certificates in a PEM, DER or bundle file (- for stdin, host:port for a server)" }, () => import("./commands/inspect.js")),
    pem2der: lazyCommand({ name: "pem2der", description: "Convert one PEM certificate to DER (Python's ssl.PEM_cert_to_DER_cert)" }, () => import("./commands/pem2der.js")),
    rand: lazyCommand({ name: "rand", description: "Random bytes from sslkit's DRBG (Python's ssl.RAND_bytes), raw, hex or base64" }, () => import("./commands/rand.js")),
    rehash: lazyCommand({ name: "rehash", description: "Make the <hash>.<n> links of a CA directory for --capath (openssl rehash, c_rehash)" }, () => import("./commands/rehash.js")),
    scan: lazyCommand({ name: "scan", description: "Check many TLS endpoints concurrently: expiry, verification, old protocols, weak ciphers" }, () => import("./commands/scan.js")),
    serve: lazyCommand({ name: "serve", description: "Run a TLS test server that prints each client's handshake" }, () => import("./commands/serve.js")),
    split: lazyCommand({ name: "split", description: "Write each certificate of a bundle to its own file" }, () => import("./commands/split.js")),
    time: lazyCommand({ name: "time", description: "Convert a certificate time string to epoch seconds (Python's ssl.cert_time_to_seconds)" }, () => import("./commands/time.js")),
    verify: lazyCommand({ name: "verify", description: "Verify a certificate chain, with OpenSSL's verify codes" }, () => import("./commands/verify.js")),
    version: lazyCommand({ name: "version", description: "Show the OpenSSL, Node.js and sslkit package versions" }, () => import("./commands/version.js")),
  },
});
