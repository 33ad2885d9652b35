// Certificates decoded per second over the system CA bundle: decodeCert (this package, built
// dist) side by side with CPython's ssl._ssl._test_decode_cert, node:crypto's X509Certificate
// and @peculiar/x509, all measured in this one run. Run by the root `pnpm bench` (after a build);
// writes bench/decode-cert.results.json through the shared writer in scripts/bench/harness.mjs.
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as peculiar from "@peculiar/x509";
import { decodePEM } from "@sslkit/pem";
import { QUICK, figure, median, pairedRatio, writeResults } from "../../../scripts/bench/harness.mjs";
import { decodeCert } from "../dist/index.js";

const BUNDLE = process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";
const RUNS = QUICK ? 3 : 7;
const MIN_RUN_MS = QUICK ? 120 : 400;

const text = readFileSync(BUNDLE, "utf8");
const blocks = decodePEM(text).filter((b) => b.label === "CERTIFICATE");
const ders = blocks.map((b) => b.der);
const pems = blocks.map((b) => text.slice(b.start, b.end));
const count = ders.length;

/** Certificates per second of one timed run of `decodeAll` (repeated for at least MIN_RUN_MS). */
function timedRun(decodeAll) {
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    decodeAll();
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < MIN_RUN_MS);
  return (rounds * count) / (elapsed / 1000);
}

/**
 * Interleaves RUNS timed runs of every contender (A, B, C, D, A, B, …) so that a change in
 * machine load hits all alike; returns the per-run rates of each.
 */
function measureInterleaved(contenders) {
  for (const decodeAll of Object.values(contenders)) for (let i = 0; i < 3; i++) decodeAll(); // warm-up
  const rates = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, decodeAll] of Object.entries(contenders)) rates[name].push(timedRun(decodeAll));
  }
  return rates;
}

/** Retained JS heap per certificate when every result of `decodeOne` is kept alive. */
function heapPerCertificate(decodeOne) {
  if (typeof globalThis.gc !== "function") return null;
  const keep = [];
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let round = 0; round < (QUICK ? 2 : 10); round++) for (let i = 0; i < count; i++) keep.push(decodeOne(i));
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

const samples = measureInterleaved({
  decodeCertDER: all(decodeCertDER),
  decodeCertPEM: all(decodeCertPEM),
  nodeX509Certificate: all(nodeX509),
  peculiarX509: all(peculiarX509),
});
const results = Object.fromEntries(Object.entries(samples).map(([name, rates]) => [name, median(rates)]));

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

const unit = "certs/s";
writeResults(import.meta.url, {
  package: "@sslkit/x509",
  benchmark: `decode every certificate of the system CA bundle (${count} certificates) into CPython's getpeercert() dict`,
  method: `wall-clock; the four Node contenders interleaved, ${RUNS} runs of >= ${MIN_RUN_MS} ms each, medians and medians of per-run ratios; CPython's _test_decode_cert in a python3 child (only its calls timed), the same run`,
  versions: { "@peculiar/x509": JSON.parse(readFileSync(new URL("../node_modules/@peculiar/x509/package.json", import.meta.url), "utf8")).version },
  figures: [
    figure({ name: "decodeCert (DER)", value: results.decodeCertDER, unit, reference: "CPython ssl._ssl._test_decode_cert", referenceValue: cpython.rate, floor: 1, target: 1 }),
    figure({ name: "decodeCert (PEM text)", value: results.decodeCertPEM, unit, reference: "CPython ssl._ssl._test_decode_cert", referenceValue: cpython.rate, floor: 1 }),
    figure({ name: "decodeCert (DER)", value: results.decodeCertDER, unit, reference: "@peculiar/x509 X509Certificate (subject, issuer, serial, validity, SAN)", referenceValue: results.peculiarX509, ratio: pairedRatio(samples.decodeCertDER, samples.peculiarX509), floor: 3, target: 3 }),
    figure({ name: "decodeCert (DER)", value: results.decodeCertDER, unit, reference: "node:crypto X509Certificate (its strings)", referenceValue: results.nodeX509Certificate, ratio: pairedRatio(samples.decodeCertDER, samples.nodeX509Certificate) }),
  ],
  details: {
    corpus: { bundle: BUNDLE, certificates: count },
    heapBytesPerCertificate: heap,
    notes: [
      "CPython's _test_decode_cert(path) also opens the file and parses PEM; decodeCert (PEM text) includes PEM parsing too, decodeCert (DER) starts from DER bytes.",
      "node:crypto X509Certificate reads subject, issuer, serialNumber, validFrom, validTo, subjectAltName and infoAccess strings; @peculiar/x509 parses and reads subject, issuer, serial, validity and the SAN extension.",
      "heapBytesPerCertificate is the JS heap retained per kept result (node --expose-gc); node:crypto's X509Certificate keeps its data outside the JS heap.",
    ],
    sink,
  },
});
