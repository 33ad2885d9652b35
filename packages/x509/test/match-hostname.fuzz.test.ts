import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CertificateError, X509Error, isSSLKitError } from "@sslkit/errors";
import { matchHostname } from "@sslkit/x509";
import type { HostnameCertDict } from "@sslkit/x509";
import { checkInput, fuzzParameters, fuzzTimeout, runPythonJSON } from "@sslkit/test-utils";

/** The oracle test/match-hostname.test.ts uses: CPython 3.9's ssl.match_hostname, verbatim. */
const ORACLE = readFileSync(new URL("fixtures/match_hostname_oracle.py", import.meta.url), "utf8");

type Outcome = { readonly ok: true } | { readonly error: string; readonly message: string };
interface Case {
  readonly cert: HostnameCertDict;
  readonly hostname: string;
}

const isOwnError = (error: unknown): boolean => isSSLKitError(error) && (error instanceof CertificateError || error instanceof X509Error);

function ourOutcome(c: Case): Outcome {
  const outcome = checkInput(() => { matchHostname(c.cert, c.hostname); }, isOwnError, undefined, JSON.stringify(c));
  if (outcome.ok) return { ok: true };
  const error = outcome.error as X509Error;
  return { error: error.code, message: error.message };
}

/** Our error code for a CPython outcome (as in match-hostname.test.ts). */
function expectedCode(outcome: Outcome): string | undefined {
  if ("ok" in outcome) return undefined;
  if (outcome.error === "SSLCertVerificationError") return "ERR_SSLKIT_HOSTNAME_MISMATCH";
  if (outcome.error === "ValueError" && outcome.message.startsWith("empty or no certificate")) return "ERR_SSLKIT_X509_EMPTY_CERTIFICATE";
  if (outcome.error === "ValueError") return "ERR_SSLKIT_X509_BAD_IP_ADDRESS";
  return `unexpected ${outcome.error}`;
}

/** Every DNS name and commonName of a case, as matchHostname would consider them. */
function names(cert: HostnameCertDict): string[] {
  const san = (cert.subjectAltName ?? []).map(([, value]) => value).filter((v): v is string => typeof v === "string");
  const cns = (cert.subject ?? []).flatMap((rdn) => rdn.filter(([key]) => key === "commonName").map(([, value]) => value)).filter((v): v is string => typeof v === "string");
  return [...san, ...cns];
}

const isIP = (hostname: string): boolean => /^[0-9.]+$/.test(hostname) || hostname.includes(":");

/**
 * The documented, deliberate differences from CPython's function (see matchHostname's TSDoc):
 * stricter rules that can only turn CPython's match into a mismatch, and the trailing dot that
 * can only turn a mismatch into a match.
 */
function deliberateDifference(c: Case, python: Outcome, ours: Outcome): boolean {
  const all = [c.hostname, ...names(c.cert)];
  if ("ok" in python && "error" in ours && ours.error === "ERR_SSLKIT_HOSTNAME_MISMATCH") {
    const wildcards = names(c.cert).filter((n) => n.startsWith("*."));
    return (
      all.some((n) => n.includes("\u0000")) ||
      (wildcards.length > 0 && c.hostname.toLowerCase().startsWith("xn--")) ||
      (wildcards.length > 0 && !/^[A-Za-z0-9-]+$/.test(c.hostname.split(".")[0] ?? "")) ||
      wildcards.some((n) => n.slice(2).replace(/\.$/, "").split(".").some((label, _, labels) => labels.length < 2 || label === "")) ||
      (isIP(c.hostname) && (c.cert.subject ?? []).length > 0)
    );
  }
  if ("error" in python && "ok" in ours) return all.some((n) => n.endsWith("."));
  return false;
}

// Small alphabets so that matches, near misses and every error path occur often.
const label = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "A", "www", "ex-ample", "1", "xn--bcher-kva", "XN--a", "bücher", "BÜCHER", "straße", "ΑΣ", "ας", "İ", "i̇", "K", "ｅｘ") },
  { weight: 1, arbitrary: fc.constantFrom("", "*", "a*", "*a", "a\u0000", " ", "a b", "'", "\\", "\u007f", "\t") },
);
const dnsName = fc.array(label, { minLength: 1, maxLength: 4 }).chain((labels) =>
  fc.tuple(fc.constant(labels.join(".")), fc.constantFrom("", "", "", ".", "..")).map(([name, tail]) => name + tail),
);
const wildcardName = fc.tuple(fc.constantFrom("*", "*", "*", "a*", "*b", "**", "xn--*"), dnsName).map(([left, rest]) => `${left}.${rest}`);
const ipv4 = fc.tuple(fc.nat({ max: 260 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 255 })).map((parts) => parts.join("."));
const ipText = fc.oneof(
  ipv4,
  fc.constantFrom("127.0.0.1", "127.1", "127.000.000.001", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.1 ", " 127.0.0.1", "127.0.0.1\n", "4294967295", "1.2.3.4.5", "::1", "0:0:0:0:0:0:0:1", "::0001", "::ffff:127.0.0.1", "::FFFF:7F00:1", "[::1]", "::1%lo", "2001:DB8::1", "2001:db8:0:0:0:0:0:1", "1::2::3", "::", "ff02::1:2", "2001:db8::1.2.3.4", ""),
);
const sanEntry: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 4, arbitrary: dnsName.map((v): [string, string] => ["DNS", v]) },
  { weight: 3, arbitrary: wildcardName.map((v): [string, string] => ["DNS", v]) },
  { weight: 3, arbitrary: ipText.map((v): [string, string] => ["IP Address", v]) },
  { weight: 1, arbitrary: fc.constantFrom<[string, string]>(["email", "a@b.example"], ["URI", "https://a.example/"], ["Registered ID", "1.2.3"], ["othername", "<unsupported>"]) },
);
const subject = fc.array(fc.oneof(dnsName, wildcardName, ipText), { maxLength: 2 }).map((cns) => [[["organizationName", "O"] as const], ...cns.map((cn) => [["commonName", cn] as const])]);
const cert: fc.Arbitrary<HostnameCertDict> = fc
  .record({ san: fc.option(fc.array(sanEntry, { maxLength: 4 }), { nil: undefined }), subject: fc.option(subject, { nil: undefined }) })
  .map(({ san, subject }) => ({ ...(subject === undefined ? {} : { subject }), ...(san === undefined ? {} : { subjectAltName: san }) }));

/** Host names, a third of them made from one of the certificate's names (wildcard filled, case changed). */
const caseOf: fc.Arbitrary<Case> = cert.chain((c) => {
  const own = names(c);
  const derived = own.length === 0
    ? dnsName
    : fc.tuple(fc.constantFrom(...own), label, fc.constantFrom("same", "upper", "lower", "dot", "undot")).map(([name, fill, how]) => {
        const filled = name.replace("*", fill);
        return how === "upper" ? filled.toUpperCase() : how === "lower" ? filled.toLowerCase() : how === "dot" ? `${filled}.` : how === "undot" ? filled.replace(/\.$/, "") : filled;
      });
  return fc.record({ cert: fc.constant(c), hostname: fc.oneof(dnsName, ipText, derived, derived) });
});

describe("matchHostname (fuzz)", () => {
  it("throws nothing but CertificateError or X509Error, within the time budget, on arbitrary names and host names", () => {
    const anyText = fc.string({ maxLength: 80, unit: "binary" });
    const anyCert = fc.record({
      subjectAltName: fc.array(fc.tuple(fc.constantFrom("DNS", "IP Address", "email", "URI", "DirName"), anyText), { maxLength: 5 }),
      subject: fc.array(fc.array(fc.tuple(fc.constantFrom("commonName", "organizationName"), anyText), { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(anyCert, fc.oneof(anyText, ipText, dnsName), (c, hostname) => {
        ourOutcome({ cert: c, hostname });
      }),
      fuzzParameters(2000),
    );
  });

  it("handles huge names, many labels and many SAN entries within the time budget", () => {
    const long = "a.".repeat(50_000) + "example";
    const many = Array.from({ length: 20_000 }, (_, i): [string, string] => (i % 2 === 0 ? ["DNS", `*.n${i}.example`] : ["IP Address", `10.0.${(i >> 8) & 255}.${i & 255}`]));
    for (const c of [
      { cert: { subjectAltName: [["DNS", long] as [string, string]] }, hostname: long.toUpperCase() },
      { cert: { subjectAltName: [["DNS", `*.${long}`] as [string, string]] }, hostname: `x.${long}` },
      { cert: { subjectAltName: [["IP Address", "1".repeat(100_000)] as [string, string]] }, hostname: "::1" },
      { cert: { subjectAltName: many }, hostname: "www.n19998.example" },
      { cert: { subjectAltName: many }, hostname: "10.0.78.31" },
      { cert: { subjectAltName: [["DNS", "example.com"] as [string, string]] }, hostname: `${" ".repeat(100_000)}::1` },
    ]) {
      ourOutcome(c);
    }
  });

  it("agrees with CPython's match_hostname on generated certificates and host names, except for its documented stricter rules", async () => {
    const cases = fc.sample(caseOf, fuzzParameters(1500, { cost: 0.2 }));
    const answers = await runPythonJSON<{ py39: Outcome }[]>(ORACLE, [], JSON.stringify(cases));
    const disagreements: unknown[] = [];
    const seen = { ok: 0, mismatch: 0, other: 0, deliberate: 0 };
    cases.forEach((c, i) => {
      const python = answers[i]!.py39;
      const ours = ourOutcome(c);
      const expected = "ok" in python ? { ok: true } : { error: expectedCode(python), message: python.message };
      if ("ok" in python) seen.ok++;
      else if (python.message.startsWith("hostname")) seen.mismatch++;
      else seen.other++;
      if (JSON.stringify(ours) === JSON.stringify(expected)) return;
      if (deliberateDifference(c, python, ours)) seen.deliberate++;
      else disagreements.push({ case: c, python, ours });
    });
    expect(disagreements).toEqual([]);
    expect(seen.ok).toBeGreaterThan(cases.length / 20);
    expect(seen.mismatch).toBeGreaterThan(cases.length / 20);
    expect(seen.other).toBeGreaterThan(0);
  }, fuzzTimeout(60_000));
});
