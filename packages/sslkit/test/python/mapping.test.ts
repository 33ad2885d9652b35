import { describe, expect, it } from "vitest";
import { runPythonJSON } from "@sslkit/test-utils";
import * as sslkit from "sslkit";
import * as python from "sslkit/python";
import { PYTHON_MAPPING } from "sslkit/python";

const pythonNamespace = python as unknown as Record<string, unknown>;
const sslkitNamespace = sslkit as unknown as Record<string, unknown>;

/** The exports of sslkit/python that are not Python names: the table itself and the adapters' error codes. */
const NOT_PYTHON_NAMES = ["PYTHON_MAPPING", "PythonAdapterErrorCode"];

/** Python names the python3 on this machine (3.11 on OpenSSL 3) lacks, and why. */
const NOT_IN_THIS_PYTHON: Record<string, string> = {
  RAND_egd: "removed in Python 3.6",
  PROTOCOL_SSLv2: "defined only when OpenSSL supports SSLv2",
  PROTOCOL_SSLv3: "defined only when OpenSSL supports SSLv3",
  OP_LEGACY_SERVER_CONNECT: "added in Python 3.12",
};

function split(name: string): [owner: string | null, member: string] {
  const dot = name.indexOf(".");
  return dot === -1 ? [null, name] : [name.slice(0, dot), name.slice(dot + 1)];
}

function descriptorOf(prototype: object, name: string): PropertyDescriptor | undefined {
  for (let object: object | null = prototype; object !== null; object = Object.getPrototypeOf(object) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(object, name);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

function prototypeOf(namespace: Record<string, unknown>, className: string): object {
  const value = namespace[className];
  if (typeof value !== "function") throw new Error(`${className} is not a class`);
  return value.prototype as object;
}

describe("PYTHON_MAPPING", () => {
  it("names each Python name once", () => {
    const names = PYTHON_MAPPING.map((entry) => entry.python);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it("maps every alias to the very same sslkit export (functions, classes, constants)", () => {
    const aliases = PYTHON_MAPPING.filter((entry) => entry.kind === "alias" && !entry.python.includes("."));
    expect(aliases.length).toBeGreaterThan(80);
    for (const entry of aliases) {
      expect(sslkitNamespace, entry.sslkit).toHaveProperty(entry.sslkit);
      expect(pythonNamespace[entry.python], entry.python).toBe(sslkitNamespace[entry.sslkit]);
    }
  });

  it("maps every method and property alias to the very same function or accessor of the sslkit class", () => {
    const members = PYTHON_MAPPING.filter((entry) => entry.kind === "alias" && entry.python.includes("."));
    expect(members.length).toBeGreaterThan(50);
    for (const entry of members) {
      const [pythonClass, pythonMember] = split(entry.python);
      const [sslkitClass, sslkitMember] = split(entry.sslkit);
      const ours = descriptorOf(prototypeOf(pythonNamespace, pythonClass ?? ""), pythonMember);
      const theirs = descriptorOf(prototypeOf(sslkitNamespace, sslkitClass ?? ""), sslkitMember);
      expect(theirs, entry.sslkit).toBeDefined();
      expect(ours, entry.python).toBeDefined();
      for (const part of ["value", "get", "set"] as const) {
        expect(Reflect.get(ours ?? {}, part), `${entry.python} ${part}`).toBe(Reflect.get(theirs ?? {}, part));
      }
    }
  });

  it("makes the Python-named classes subclasses of sslkit's, so their instances are sslkit objects", () => {
    for (const entry of PYTHON_MAPPING.filter((row) => row.kind === "adapter" && /^[A-Za-z]+$/.test(row.python) && /^[A-Z]/.test(row.sslkit))) {
      expect(prototypeOf(pythonNamespace, entry.python), entry.python).toBeInstanceOf(sslkitNamespace[entry.sslkit] as new () => object);
    }
  });

  it("is exactly what sslkit/python exports: every module-level row is exported, nothing else is", () => {
    const rows = PYTHON_MAPPING.filter((entry) => !entry.python.includes(".")).map((entry) => entry.python);
    const exported = Object.keys(python).filter((name) => !NOT_PYTHON_NAMES.includes(name));
    expect(exported.filter((name) => !rows.includes(name))).toEqual([]);
    expect(rows.filter((name) => !exported.includes(name))).toEqual([]);
  });

  it("uses only names python3's ssl module (or socket module, where the note says so) has, on the module, its classes or their instances", async () => {
    const rows = PYTHON_MAPPING.map((entry) => ({ name: entry.python, module: entry.note.includes("`socket` module") || entry.python.startsWith("socket.") ? "socket" : "ssl" }));
    const missing = await runPythonJSON<string[]>(
      `
import json, socket, ssl, sys
rows = json.loads(sys.stdin.read())
instances = {
    "SSLContext": ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
    "SSLSocket": ssl.create_default_context().wrap_socket(socket.socket(), server_hostname="localhost", do_handshake_on_connect=False),
    "socket": socket.socket(),
    "SSLObject": ssl.create_default_context().wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="localhost"),
    "MemoryBIO": ssl.MemoryBIO(),
}
def has(module, name):
    owner = ssl if module == "ssl" else socket
    if "." in name:
        # An instance where one can be made without a connection; else the class (SSLSession).
        owner = instances.get(name.split(".")[0]) or getattr(ssl, name.split(".")[0])
        name = name.split(".", 1)[1]
    for part in name.split("."):
        if not hasattr(owner, part):
            return False
        owner = getattr(owner, part)
    return True
print(json.dumps([row["name"] for row in rows if not has(row["module"], row["name"])]))
`,
      [],
      JSON.stringify(rows),
    );
    expect(missing).toEqual(Object.keys(NOT_IN_THIS_PYTHON));
  });

  it("gives every number, string and boolean constant python3's value (OPENSSL_VERSION*: Node's OpenSSL, which may differ from python3's)", async () => {
    const rows = PYTHON_MAPPING.filter((entry) => !entry.python.includes(".") && !(entry.python in NOT_IN_THIS_PYTHON) && !entry.python.startsWith("OPENSSL_VERSION"))
      .map((entry): [string, unknown] => [entry.python, pythonNamespace[entry.python]])
      .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value));
    expect(rows.length).toBeGreaterThan(50);
    const differing = await runPythonJSON<[string, unknown, unknown][]>(
      `
import json, socket, ssl, sys
differing = []
for name, value in json.loads(sys.stdin.read()):
    theirs = getattr(ssl, name) if hasattr(ssl, name) else getattr(socket, name)
    theirs = theirs if isinstance(theirs, (bool, str)) else int(theirs)
    if theirs != value:
        differing.append([name, value, theirs])
print(json.dumps(differing))
`,
      [],
      JSON.stringify(rows),
    );
    expect(differing).toEqual([]);
  });

  it("covers every constant sslkit exports under a Python spelling (CERT_, PROTOCOL_, OP_, VERIFY_, SSL_ERROR_, HAS_, OPENSSL_VERSION)", () => {
    const constants = Object.keys(sslkit).filter((name) => /^(CERT_|PROTOCOL_|OP_|VERIFY_|SSL_ERROR_|HAS_|OPENSSL_VERSION)/.test(name));
    const mapped = PYTHON_MAPPING.map((entry) => entry.sslkit);
    expect(constants.filter((name) => !mapped.includes(name))).toEqual([]);
  });
});
