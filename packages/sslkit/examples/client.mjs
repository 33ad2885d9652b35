// The seeds' TLS client in sslkit's camelCase API: connect with CERT_REQUIRED and a CA file,
// print the peer certificate, send a line, print the reply.
//   node examples/client.mjs <port> <ca-file> [message]
import { CERT_REQUIRED, Socket, wrapSocket } from "sslkit";

const [port = "10023", caFile = "ca.pem", message = "hello"] = process.argv.slice(2);

const sock = new Socket();
const sslSock = await wrapSocket(sock, { caCerts: caFile, certReqs: CERT_REQUIRED });
await sslSock.connect(["127.0.0.1", Number(port)]);

console.log(`peer: ${sslSock.getpeername().join(":")}`);
console.log(`cipher: ${(sslSock.cipher() ?? []).join(" ")}`);
console.log(`certificate: ${JSON.stringify(sslSock.getPeerCert())}`);

await sslSock.sendall(Buffer.from(message));
const data = await sslSock.recv(1024);
console.log(`reply: ${data.toString()}`);
await sslSock.close();
