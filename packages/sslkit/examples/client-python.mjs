/* eslint camelcase: "off" -- Python's names, ported line by line, are the point of this file */
// The seeds' TLS client, ported line by line from Python with sslkit/python:
//   s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//   ssl_sock = ssl.wrap_socket(s, ca_certs=ca_file, cert_reqs=ssl.CERT_REQUIRED)
//   ssl_sock.connect(("127.0.0.1", port)); print(ssl_sock.getpeercert()) …
//   node examples/client-python.mjs <port> <ca-file> [message]
import { AF_INET, CERT_REQUIRED, socket, wrap_socket } from "sslkit/python";

const [port = "10023", ca_file = "ca.pem", message = "hello"] = process.argv.slice(2);

const s = new socket(AF_INET);
const ssl_sock = await wrap_socket(s, { ca_certs: ca_file, cert_reqs: CERT_REQUIRED });
await ssl_sock.connect(["127.0.0.1", Number(port)]);

console.log(`peer: ${ssl_sock.getpeername().join(":")}`);
console.log(`cipher: ${(ssl_sock.cipher() ?? []).join(" ")}`);
console.log(`certificate: ${JSON.stringify(ssl_sock.getpeercert())}`);

await ssl_sock.sendall(Buffer.from(message));
const data = await ssl_sock.recv(1024);
console.log(`reply: ${data.toString()}`);
await ssl_sock.close();
