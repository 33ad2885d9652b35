import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Certificate } from "@sslkit/x509";
import { makeTestPKI, startOpenSSLServer } from "@sslkit/test-utils";
import type { OpenSSLServer, TestPKI } from "@sslkit/test-utils";
import { commandPaths } from "../src/lib/command-tree.js";
import type { CommandNode } from "../src/lib/command-tree.js";
import { runCLI } from "./run-cli.js";

let pki: TestPKI;
let server: OpenSSLServer;

beforeAll(async () => {
  pki = makeTestPKI();
  server = await startOpenSSLServer(["-cert", pki.server.certPath, "-key", pki.server.keyPath]);
});

afterAll(async () => {
  await server.close();
  pki.dir.remove();
});

describe("--json of the commands that print files, bytes or scripts", () => {
  it("get-cert prints { host, port, serverName, pem }", async () => {
    const { stdout, exitCode } = await runCLI(["get-cert", `127.0.0.1:${server.port}`, "--json"]);
    expect(exitCode).toBeUndefined();
    const report = JSON.parse(stdout) as { host: string; port: number; serverName: string | null; pem: string };
    expect(report).toEqual({ host: "127.0.0.1", port: server.port, serverName: null, pem: expect.any(String) as string });
    expect(new Certificate(report.pem).fingerprintSHA256).toBe(new Certificate(pki.server.cert).fingerprintSHA256);
  });

  it("rand prints { length, base64 }, or { length, hex } with --hex, and refuses more than 16 MiB", async () => {
    const base64 = JSON.parse((await runCLI(["rand", "48", "--json"])).stdout) as { length: number; base64: string };
    expect(Object.keys(base64)).toEqual(["length", "base64"]);
    expect(Buffer.from(base64.base64, "base64")).toHaveLength(48);
    const hex = JSON.parse((await runCLI(["rand", "7", "--json", "--hex"])).stdout) as { length: number; hex: string };
    expect(hex).toEqual({ length: 7, hex: expect.stringMatching(/^[0-9a-f]{14}$/) as string });
    const tooMany = await runCLI(["rand", String(16 * 1024 * 1024 + 1), "--json"]);
    expect(tooMany.exitCode).toBe(2);
    expect(tooMany.stderr).toBe("sslkit: error: rand: --json prints at most 16777216 bytes, not 16777217\n");
  });

  it("create ca and create cert print the files they wrote", async () => {
    const caDir = pki.dir.file("local-ca");
    const ca = await runCLI(["create", "ca", "--dir", caDir, "--name", "JSON CA", "--json"]);
    expect(ca.exitCode).toBeUndefined();
    const caReport = JSON.parse(ca.stdout) as { certificate: string; key: string; subject: string; notAfter: string };
    expect(caReport).toEqual({ certificate: `${caDir}/rootCA.pem`, key: `${caDir}/rootCA-key.pem`, subject: new Certificate(readFileSync(caReport.certificate, "utf8")).subjectString, notAfter: new Certificate(readFileSync(caReport.certificate, "utf8")).notAfter.toISOString() });
    expect(caReport.subject).toContain("CN=JSON CA");
    const certFile = pki.dir.file("json.pem");
    const keyFile = pki.dir.file("json-key.pem");
    const cert = await runCLI(["create", "cert", "example.test", "127.0.0.1", "--dir", caDir, "--cert-file", certFile, "--key-file", keyFile, "--json"]);
    expect(cert.exitCode).toBeUndefined();
    const certReport = JSON.parse(cert.stdout) as { notAfter: string };
    expect(certReport).toEqual({ certificate: certFile, key: keyFile, names: ["example.test", "127.0.0.1"], client: false, notAfter: new Certificate(readFileSync(certFile, "utf8")).notAfter.toISOString() });
  });

  it("completion prints the command tree the scripts are made from, and takes no shell with --json", async () => {
    const { stdout, exitCode } = await runCLI(["completion", "--json"]);
    expect(exitCode).toBeUndefined();
    const tree = JSON.parse(stdout) as CommandNode;
    expect(tree.name).toBe("sslkit");
    const paths = commandPaths(tree).map(({ path }) => path.join(" "));
    expect(paths).toEqual(expect.arrayContaining(["scan", "create ca", "create cert", "rehash"]));
    const rand = tree.subCommands.find((node) => node.name === "rand");
    expect(rand?.flags.find((flag) => flag.name === "egd")).toEqual({ name: "egd", short: [], takesValue: true, description: expect.stringMatching(/EGD/) as string });
    const both = await runCLI(["completion", "bash", "--json"]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toBe("sslkit: error: completion: --json prints the command tree and takes no shell\n");
  });
});
