// Certificates decoded per second over the system CA bundle: decodeCert (this package, built
// dist) side by side with CPython's ssl._ssl._test_decode_cert, node:crypto's X509Certificate
// and @peculiar/x509, all measured in this one run. Writes bench/results.json.
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import * as peculiar from "@peculiar/x509";
import { decodePEM } from "@sslkit/pem";
import { decodeCert } from "../dist/index.js";

const BUNDLE = process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";
const RUNS = 7;
const MIN_RUN_MS = 400;

const text = readFileSync(BUNDLE, "utf8");
const blocks = decodePEM(text).filter((b) => b.label === "CERTIFICATE");
const ders = blocks.map((b) => b.der);
const pems = blocks.map((b) => text.slice(b.start, b.end));
const count = ders.length;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `decodeAll` repeatedly for RUNS timed runs of at least MIN_RUN_MS; returns the median certs/s. */
function measure(decodeAll) {
  for (let i = 0; i < 3; i++) decodeAll(); // warm-up
  const rates = [];
  for (let run = 0; run < RUNS; run++) {
    let rounds = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    do {
      decodeAll();
      rounds++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    } while (elapsed < MIN_RUN_MS);
    rates.push((rounds * count) / (elapsed / 1000));
  }
  return Math.round(median(rates));
}

/** Retained JS heap per certificate when every result of `decodeOne` is kept alive. */
function heapPerCertificate(decodeOne) {
  if (typeof globalThis.gc !== "function") return null;
  const keep = [];
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let round = 0; round < 10; round++) for (let i = 0; i < count; i++) keep.push(decodeOne(i));
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const perCert = Math.round((after - before) / keep.length);
  keep.length = 0;
  return perCert;
}

let sink = 0;
const decodeCertDER = (i) => decodeCert(ders[i]);
const decodeCertPEM = (i) => decodeCert(pems[i]);
const nodeX509 = (i) => {
  const c = new NodeX509Certificate(ders[i]);
  return [c.subject, c.issuer, c.serialNumber, c.validFrom, c.validTo, c.subjectAltName, c.infoAccess];
};
const SAN = "2.5.29.17";
const peculiarX509 = (i) => {
  const c = new peculiar.X509Certificate(ders[i]);
  const san = c.getExtension(SAN);
  return [c.subject, c.issuer, c.serialNumber, c.notBefore, c.notAfter, san?.names?.items.length];
};
const all = (one) => () => {
  for (let i = 0; i < count; i++) sink += one(i) ? 1 : 0;
};

const results = {
  decodeCertDER: measure(all(decodeCertDER)),
  decodeCertPEM: measure(all(decodeCertPEM)),
  nodeX509Certificate: measure(all(nodeX509)),
  peculiarX509: measure(all(peculiarX509)),
};

// CPython: the same certificates as PEM files; only the _test_decode_cert calls are timed.
const dir = mkdtempSync(join(tmpdir(), "sslkit-x509-bench-"));
const paths = pems.map((pem, i) => {
  const path = join(dir, `c${i}.pem`);
  writeFileSync(path, pem);
  return path;
});
const python = `
import json, ssl, sys, time
paths = sys.argv[1:]
decode = ssl._ssl._test_decode_cert
for p in paths: decode(p)
rates = []
for run in range(${RUNS}):
    rounds = 0
    elapsed = 0.0
    while elapsed < ${MIN_RUN_MS / 1000}:
        start = time.perf_counter()
        for p in paths: decode(p)
        elapsed += time.perf_counter() - start
        rounds += 1
    rates.append(rounds * len(paths) / elapsed)
rates.sort()
print(json.dumps({"rate": round(rates[len(rates) // 2]), "python": sys.version.split()[0], "openssl": ssl.OPENSSL_VERSION}))
`;
const cpython = JSON.parse(execFileSync("python3", ["-c", python, ...paths], { maxBuffer: 1 << 24 }).toString("utf8"));
rmSync(dir, { recursive: true, force: true });

const heap = {
  decodeCert: heapPerCertificate(decodeCertDER),
  nodeX509Certificate: heapPerCertificate((i) => new NodeX509Certificate(ders[i])),
  peculiarX509: heapPerCertificate((i) => {
    const c = new peculiar.X509Certificate(ders[i]);
    sink += c.subject.length + c.issuer.length + (c.getExtension(SAN) ? 1 : 0);
    return c;
  }),
};

const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const report = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), platform: `${process.platform} ${process.arch}` },
  versions: { node: process.version, python: cpython.python, openssl: cpython.openssl, nodeOpenSSL: process.versions.openssl, "@peculiar/x509": JSON.parse(readFileSync(new URL("../node_modules/@peculiar/x509/package.json", import.meta.url), "utf8")).version },
  corpus: { bundle: BUNDLE, certificates: count },
  method: `median of ${RUNS} runs of >= ${MIN_RUN_MS} ms each; all figures measured in this run`,
  certificatesPerSecond: {
    decodeCert: results.decodeCertDER,
    decodeCertFromPEMText: results.decodeCertPEM,
    cpythonTestDecodeCert: cpython.rate,
    nodeX509Certificate: results.nodeX509Certificate,
    peculiarX509: results.peculiarX509,
  },
  ratios: {
    decodeCertVsCPython: ratio(results.decodeCertDER, cpython.rate),
    decodeCertFromPEMTextVsCPython: ratio(results.decodeCertPEM, cpython.rate),
    decodeCertVsPeculiarX509: ratio(results.decodeCertDER, results.peculiarX509),
    decodeCertVsNodeX509Certificate: ratio(results.decodeCertDER, results.nodeX509Certificate),
  },
  targets: { "decodeCert >= 1x CPython": results.decodeCertDER >= cpython.rate, "decodeCert >= 3x @peculiar/x509": results.decodeCertDER >= 3 * results.peculiarX509 },
  heapBytesPerCertificate: heap,
  notes: [
    "CPython's _test_decode_cert(path) also opens the file and parses PEM; decodeCertFromPEMText includes PEM parsing too, decodeCert starts from DER bytes.",
    "nodeX509Certificate reads subject, issuer, serialNumber, validFrom, validTo, subjectAltName and infoAccess strings; peculiarX509 parses and reads subject, issuer, serial, validity and the SAN extension.",
    "heapBytesPerCertificate is the JS heap retained per kept result (node --expose-gc); node:crypto's X509Certificate keeps its data outside the JS heap.",
  ],
  sink,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify({ certificatesPerSecond: report.certificatesPerSecond, ratios: report.ratios, heapBytesPerCertificate: heap }, null, 2));
