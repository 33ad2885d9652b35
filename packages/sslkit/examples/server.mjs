// The seeds' TLS server in sslkit's camelCase API: a context with loadCertChain, a plain
// socket that binds, listens and accepts, each connection wrapped server-side, a recv loop
// that answers every chunk (upper-cased) until the client closes.
//   node examples/server.mjs <cert-file> <key-file> [connections] [port]
import { Purpose, Socket, createDefaultContext } from "sslkit";

const [certFile = "cert.pem", keyFile = "key.pem", connections = "0", port = "0"] = process.argv.slice(2);

const context = createDefaultContext({ purpose: Purpose.CLIENT_AUTH });
context.loadCertChain(certFile, keyFile);

const bindSocket = new Socket();
bindSocket.bind(["127.0.0.1", Number(port)]);
await bindSocket.listen(5);
console.log(`listening: ${bindSocket.getsockname()[1]}`);

async function dealWithClient(connStream) {
  let data = await connStream.recv(1024);
  while (data.length > 0) {
    console.log(`received: ${data.toString()}`);
    await connStream.sendall(Buffer.from(data.toString().toUpperCase()));
    data = await connStream.recv(1024);
  }
}

for (let served = 0; Number(connections) === 0 || served < Number(connections); served += 1) {
  const [newSocket, fromAddr] = await bindSocket.accept();
  console.log(`connection from: ${fromAddr[0]}`);
  const connStream = await context.wrapSocket(newSocket, { serverSide: true });
  try {
    await dealWithClient(connStream);
  } finally {
    await connStream.close();
  }
}
await bindSocket.close();
