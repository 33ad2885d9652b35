/* eslint camelcase: "off" -- Python's names, ported line by line, are the point of this file */
// The seeds' TLS server, ported line by line from Python with sslkit/python:
//   context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
//   context.load_cert_chain(certfile=cert_file, keyfile=key_file)
//   bindsocket = socket.socket(); bindsocket.bind(("127.0.0.1", port)); bindsocket.listen(5)
//   newsocket, fromaddr = bindsocket.accept()
//   connstream = context.wrap_socket(newsocket, server_side=True) …
//   node examples/server-python.mjs <cert-file> <key-file> [connections] [port]
import { Purpose, create_default_context, socket } from "sslkit/python";

const [cert_file = "cert.pem", key_file = "key.pem", connections = "0", port = "0"] = process.argv.slice(2);

const context = create_default_context(Purpose.CLIENT_AUTH);
context.load_cert_chain(cert_file, key_file);

const bindsocket = new socket();
bindsocket.bind(["127.0.0.1", Number(port)]);
await bindsocket.listen(5);
console.log(`listening: ${bindsocket.getsockname()[1]}`);

async function deal_with_client(connstream) {
  let data = await connstream.recv(1024);
  while (data.length > 0) {
    console.log(`received: ${data.toString()}`);
    await connstream.sendall(Buffer.from(data.toString().toUpperCase()));
    data = await connstream.recv(1024);
  }
}

for (let served = 0; Number(connections) === 0 || served < Number(connections); served += 1) {
  const [newsocket, fromaddr] = await bindsocket.accept();
  console.log(`connection from: ${fromaddr[0]}`);
  const connstream = await context.wrap_socket(newsocket, { server_side: true });
  try {
    await deal_with_client(connstream);
  } finally {
    await connstream.close();
  }
}
await bindsocket.close();
