/** The parts of an OpenSSL version string such as `3.0.19`, `3.0.13+quic` or `1.1.1w`. */
export interface ParsedOpenSSLVersion {
  readonly text: string;
  readonly number: number;
  readonly info: readonly [number, number, number, number, number];
}

/**
 * Parses `process.versions.openssl` into Python's `OPENSSL_VERSION*` triple. OpenSSL ≥ 3
 * numbers its versions `0xMNN00PP0` (status 0 = release); 1.x uses `0xMNNFFPPS` with the
 * patch letter as PP and status 0xf. Python splits the number the 1.x way for both, so
 * 3.0.19 becomes (3, 0, 0, 19, 0).
 */
export function parseOpenSSLVersion(raw: string): ParsedOpenSSLVersion {
  const match = /^(\d+)\.(\d+)\.(\d+)([a-z]?)/.exec(raw);
  if (match === null) throw new Error(`unrecognised OpenSSL version ${JSON.stringify(raw)}`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3]);
  const letter = match[4] ?? "";
  const number =
    major >= 3
      ? (major * 2 ** 28 + minor * 2 ** 20 + patch * 2 ** 4)
      : major * 2 ** 28 + minor * 2 ** 20 + patch * 2 ** 12 + (letter === "" ? 0 : letter.charCodeAt(0) - 96) * 2 ** 4 + 0xf;
  const info = [
    Math.floor(number / 2 ** 28) & 0xf,
    Math.floor(number / 2 ** 20) & 0xff,
    Math.floor(number / 2 ** 12) & 0xff,
    Math.floor(number / 2 ** 4) & 0xff,
    number & 0xf,
  ] as const;
  return { text: `OpenSSL ${major}.${minor}.${patch}${letter}`, number, info };
}
