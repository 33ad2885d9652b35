import { invalidArgTypeError, outOfRangeError } from "@sslkit/errors";

/**
 * Python's `recv_into(buffer, nbytes=0)` on top of a `recv`: receives up to `nbytes` bytes
 * (`0`: the buffer's length) into the start of `buffer`; resolves how many arrived.
 */
export async function recvIntoBuffer(recv: (bufsize: number) => Promise<Uint8Array>, buffer: Uint8Array, nbytes: number): Promise<number> {
  if (!(buffer instanceof Uint8Array)) throw invalidArgTypeError("buffer", "an instance of Uint8Array", buffer);
  if (nbytes < 0 || nbytes > buffer.length) throw outOfRangeError("nbytes", `>= 0 and <= ${buffer.length}`, nbytes);
  const data = await recv(nbytes === 0 ? buffer.length : nbytes);
  buffer.set(data);
  return data.length;
}
