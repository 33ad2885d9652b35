import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCertificate, decodeCert } from "sslkit";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";

// The examples import the built package (as a user's program would): turbo builds sslkit
// before its tests (turbo.json "sslkit#test").
const examples = fileURLToPath(new URL("../examples/", import.meta.url));
let dir: TempDir;
let serverCertificate: string;
const servers: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  dir = makeTempDir("sslkit-examples-");
  const ca = await createCertificate({ subject: { commonName: "sslkit examples test CA" }, isCA: true });
  const server = await createCertificate({ subject: { commonName: "localhost" }, subjectAltNames: [{ type: "dns", value: "localhost" }], issuer: ca });
  serverCertificate = server.certificate;
  writeFileSync(dir.file("ca.pem"), ca.certificate);
  writeFileSync(dir.file("cert.pem"), server.certificate);
  writeFileSync(dir.file("key.pem"), server.privateKey);
  const other = await createCertificate({ subject: { commonName: "some other CA" }, isCA: true });
  writeFileSync(dir.file("other-ca.pem"), other.certificate);
});

afterEach(() => {
  for (const server of servers.splice(0)) server.kill();
});

afterAll(() => {
  dir.remove();
});

interface RunningServer {
  readonly port: number;
  readonly done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

/** Starts an example server for one connection and resolves once it prints its port. */
function startServer(file: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [examples + file, dir.file("cert.pem"), dir.file("key.pem"), "1"], { stdio: ["pipe", "pipe", "pipe"] });
  servers.push(child);
  let stdout = "";
  let stderr = "";
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (status) => {
      resolve({ status, stdout, stderr });
    });
  });
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening: (\d+)$/m.exec(stdout);
      if (match?.[1] !== undefined) resolve({ port: Number(match[1]), done });
    });
    void done.then(({ status }) => {
      reject(new Error(`${file} exited with ${status} before listening: ${stderr}`));
    });
  });
}

function lines(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
}

const clients = ["client.mjs", "client-python.mjs"];
const serverFiles = ["server.mjs", "server-python.mjs"];

describe("examples", () => {
  for (const serverFile of serverFiles) {
    for (const clientFile of clients) {
      it(`${clientFile} verifies ${serverFile}'s certificate with CERT_REQUIRED, prints getpeercert() and gets its message back upper-cased`, async () => {
        const server = await startServer(serverFile);
        const message = `hello from ${clientFile}`;
        const client = await runProcess(process.execPath, [examples + clientFile, String(server.port), dir.file("ca.pem"), message]);
        expect(client.stderr).toBe("");
        expect(client.status).toBe(0);
        const printed = lines(client.stdout.toString());
        expect(printed["peer"]).toBe(`127.0.0.1:${server.port}`);
        expect(printed["cipher"]).toMatch(/^\S+ TLSv1\.[23] \d+$/);
        expect(JSON.parse(printed["certificate"] ?? "null")).toEqual(JSON.parse(JSON.stringify(decodeCert(serverCertificate))));
        expect(printed["reply"]).toBe(message.toUpperCase());
        const result = await server.done;
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(lines(result.stdout)).toEqual({ listening: String(server.port), "connection from": "127.0.0.1", received: message });
      });
    }
  }

  it("client-python.mjs prints what the seeds' Python client prints under python3 (same getpeercert(), cipher and reply)", async () => {
    const seedClient = `
import json, socket, ssl, sys
port, ca_file, message = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
ssl_sock = ssl.wrap_socket(s, ca_certs=ca_file, cert_reqs=ssl.CERT_REQUIRED)
ssl_sock.connect(("127.0.0.1", port))
print("peer: %s:%d" % ssl_sock.getpeername())
print("cipher: %s %s %d" % ssl_sock.cipher())
print("certificate: " + json.dumps(ssl_sock.getpeercert(), separators=(",", ":")))
ssl_sock.sendall(message.encode())
print("reply: " + ssl_sock.recv(1024).decode())
ssl_sock.close()
`;
    const outputs: Record<string, string>[] = [];
    for (const command of [["python3", "-W", "ignore", "-c", seedClient], [process.execPath, `${examples}client-python.mjs`]]) {
      const server = await startServer("server-python.mjs");
      const [program = "", ...args] = command;
      const client = await runProcess(program, [...args, String(server.port), dir.file("ca.pem"), "same bytes"]);
      expect(client.stderr).toBe("");
      expect(client.status).toBe(0);
      const printed = lines(client.stdout.toString());
      expect(printed["peer"]).toBe(`127.0.0.1:${server.port}`);
      outputs.push({ ...printed, peer: "127.0.0.1" });
      await server.done;
    }
    expect(outputs[1]).toEqual(outputs[0]);
  });

  for (const clientFile of clients) {
    it(`${clientFile} refuses a server whose certificate the CA file does not vouch for (SSLCertVerificationError)`, async () => {
      const server = await startServer("server.mjs");
      const client = await runProcess(process.execPath, [examples + clientFile, String(server.port), dir.file("other-ca.pem")]);
      expect(client.status).not.toBe(0);
      expect(client.stderr).toMatch(/SSLCertVerificationError|CERTIFICATE_VERIFY_FAILED/);
      expect(client.stdout.toString()).toBe("");
    });
  }
});
