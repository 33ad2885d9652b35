// The far end of the socket benchmarks, in its own process so it does not share the
// measuring process's event loop: a node:tls server that streams N bytes to each client
// ("source"), one that swallows everything and reports the count ("sink"), and handshake
// servers for ECDSA and RSA (and two that hand out sessions). Prints the ports as one JSON line.
import { readFileSync } from "node:fs";
import * as tls from "node:tls";

const [dir] = process.argv.slice(2);
const read = (name) => readFileSync(`${dir}/${name}`);
const ciphers = "TLS_AES_256_GCM_SHA384";
// (A secureContext passed to tls.createServer loses its certificate for the handshake in
// Node 20 — "handshake failure" — so the options go to createServer itself.)
const ecdsa = { cert: read("ec.pem"), key: read("ec.key"), ciphers };
const rsa = { cert: read("rsa.pem"), key: read("rsa.key"), ciphers };
const chunk = Buffer.alloc(64 * 1024, 0x5a);

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

const source = tls.createServer({ ...ecdsa, minVersion: "TLSv1.3" }, (socket) => {
  socket.on("error", () => {});
  socket.once("data", (request) => {
    let left = Number(request.toString());
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void socket.once("drain", pump);
      }
      socket.end();
    };
    pump();
  });
});
// The client sends "<N>\n" and N bytes; the sink answers with the count it received.
const sink = tls.createServer({ ...ecdsa, minVersion: "TLSv1.3" }, (socket) => {
  socket.on("error", () => {});
  let expected = -1;
  let total = 0;
  let header = "";
  socket.on("data", (data) => {
    if (expected < 0) {
      header += data.toString("latin1");
      const newline = header.indexOf("\n");
      if (newline === -1) return;
      expected = Number(header.slice(0, newline));
      total = header.length - newline - 1;
    } else {
      total += data.length;
    }
    if (total >= expected) socket.end(String(total));
  });
});
// Handshake servers count the handshakes they completed (the client's Finished arrived), so
// the benchmark can check that every client, node:tls included, did the whole handshake.
// The *Resume servers send one byte before closing: a TLS 1.3 server of Node sends its session
// tickets with its first write, so only those hand out sessions to resume.
const completed = { ecdsa: 0, rsa: 0, ecdsaResume: 0, rsaResume: 0 };
const handshakes = (options, name, reply) => tls.createServer(options, (socket) => {
  completed[name]++;
  socket.on("error", () => {});
  if (reply === undefined) socket.end();
  else socket.end(reply);
});

const ports = {
  source: await listen(source),
  sink: await listen(sink),
  ecdsa: await listen(handshakes(ecdsa, "ecdsa")),
  rsa: await listen(handshakes(rsa, "rsa")),
  ecdsaResume: await listen(handshakes(ecdsa, "ecdsaResume", "x")),
  rsaResume: await listen(handshakes(rsa, "rsaResume", "x")),
};
console.log(JSON.stringify(ports));
// Each line on stdin ("completed") is answered with the handshake counts as one JSON line.
process.stdin.on("data", () => { process.stdout.write(`${JSON.stringify(completed)}\n`); });
process.stdin.on("end", () => process.exit(0));
