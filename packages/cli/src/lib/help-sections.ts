/**
 * What `--help` prints after citty's usage, as a man page would: examples, the environment a
 * command reads, and the exit codes. Plain data, so `sslkit <command> --help` loads no command.
 */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": ["sslkit demo", "sslkit inspect cert.pem", "sslkit connect example.com:443", "sslkit scan hosts.txt --html > report.html"],
  ciphers: ["sslkit ciphers", 'sslkit ciphers "ECDHE+AESGCM:!aNULL" --json'],
  completion: ['eval "$(sslkit completion bash)"     # in ~/.bashrc', 'eval "$(sslkit completion zsh)"      # in ~/.zshrc', "sslkit completion fish | source      # in ~/.config/fish/config.fish"],
  connect: ["sslkit connect example.com:443", "sslkit connect 127.0.0.1:8443 --servername localhost --cafile ca.pem", "sslkit connect mail.example.com:587 --starttls smtp --json"],
  create: ["sslkit create ca", "sslkit create cert localhost 127.0.0.1 ::1"],
  "create ca": ["sslkit create ca", "sslkit create ca --dir ./ca --name 'Team CA' --key-type rsa-3072"],
  "create cert": ["sslkit create cert localhost 127.0.0.1 ::1", "sslkit create cert '*.example.test' --cert-file site.pem --key-file site-key.pem", "sslkit create cert alice@example.test --client"],
  demo: ["sslkit demo", "sslkit demo --json"],
  der2pem: ["sslkit der2pem cert.der > cert.pem", "sslkit der2pem - < cert.der"],
  "get-cert": ["sslkit get-cert example.com:443 > example.pem", "sslkit get-cert 127.0.0.1:8443 --cafile ca.pem"],
  inspect: ["sslkit inspect cert.pem", "sslkit inspect bundle.pem --chain", "sslkit inspect example.com:443 --dict", "openssl s_client -connect example.com:443 </dev/null | sslkit inspect -"],
  pem2der: ["sslkit pem2der cert.pem > cert.der", "sslkit pem2der cert.pem --out cert.der"],
  rand: ["sslkit rand 32 --hex", "sslkit rand 1024 > seed.bin", "sslkit rand 16 --base64 --egd /run/egd-pool"],
  rehash: ["sslkit rehash ./trusted", "sslkit verify cert.pem --capath ./trusted"],
  scan: ["sslkit scan example.com:443 example.org:443", "sslkit scan hosts.txt --concurrency 20 --csv > scan.csv", "sslkit scan hosts.txt --html > report.html"],
  serve: ["sslkit serve --cert localhost.pem --key localhost-key.pem --port 8443 --http", "sslkit serve --cert server.pem --client-ca ca.pem --json"],
  split: ["sslkit split /etc/ssl/certs/ca-certificates.crt --dir ./cas", "cat chain.pem | sslkit split - --prefix chain- --der"],
  time: ['sslkit time "Jan  5 09:34:43 2018 GMT"', "sslkit time Jan 5 09:34:43 2018 GMT --json"],
  verify: ["sslkit verify server.pem --cafile ca.pem --hostname example.com", "sslkit verify leaf.pem --untrusted intermediates.pem --at 2030-01-01", "sslkit verify client.pem --cafile ca.pem --purpose sslclient --json"],
  version: ["sslkit version", "sslkit version --json"],
};

/** Environment variables and the commands that read them. */
const ENVIRONMENT: readonly (readonly [string, string, readonly string[] | "all"])[] = [
  ["NO_COLOR", "any value: no colour (also off when stdout is not a terminal)", "all"],
  ["FORCE_COLOR", "colour even when stdout is not a terminal", "all"],
  ["SSL_CERT_FILE", "the default CA bundle (else /etc/ssl/certs/ca-certificates.crt)", ["", "verify", "connect", "scan", "demo"]],
  ["SSLKIT_CAROOT", "the local CA's directory (else ~/.local/share/sslkit)", ["", "create", "create ca", "create cert"]],
];

const EXIT_CODES = ["0  success", "1  a check failed (verification, host name, expiry, …) or the input is not what it should be", "2  usage error: a missing or malformed argument", "3  network or I/O error: refused, timed out, file missing"];

/** The sections printed after the usage of the command at `path` (`[]` for `sslkit` itself). */
export function helpSections(path: readonly string[]): string {
  const key = path.join(" ");
  const sections: string[] = [];
  const examples = EXAMPLES[key];
  if (examples !== undefined) sections.push(`EXAMPLES\n\n${examples.map((line) => `  ${line}`).join("\n")}`);
  const environment = ENVIRONMENT.filter(([, , users]) => users === "all" || users.includes(key));
  const width = Math.max(...environment.map(([name]) => name.length));
  sections.push(`ENVIRONMENT\n\n${environment.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`).join("\n")}`);
  sections.push(`EXIT CODES\n\n${EXIT_CODES.map((line) => `  ${line}`).join("\n")}`);
  return `${sections.join("\n\n")}\n`;
}
