import { createCipheriv } from "node:crypto";

/*
 * CTR_DRBG with AES-256 and the derivation function, NIST SP 800-90A Rev. 1 §10.2.1
 * (ctr_len = blocklen = 128, so V is incremented as one 128-bit big-endian counter, which is
 * exactly the counter of OpenSSL's AES-256-CTR mode: E(K, V+1) ‖ E(K, V+2) ‖ … is the
 * AES-256-CTR keystream for the initial counter block V+1).
 *
 * This module is the mechanism only: it is given entropy, it never fetches any.
 */

/** keylen in bytes (AES-256). */
const KEY_LENGTH = 32;
/** blocklen = outlen in bytes. */
export const BLOCK_LENGTH = 16;
/** seedlen = keylen + blocklen, in bytes. */
const SEED_LENGTH: number = KEY_LENGTH + BLOCK_LENGTH;
/** security_strength in bytes: the minimum entropy_input length. */
export const SECURITY_STRENGTH = 32;
/** max_number_of_bits_per_request = 2^19 bits (Table 3). */
export const MAX_BYTES_PER_REQUEST: number = 2 ** 19 / 8;
/** Largest reseed_interval Table 3 allows (2^48 requests). */
export const MAX_RESEED_INTERVAL: number = 2 ** 48;

/** The fixed df key 0x00 01 02 … 1F (§10.3.2 step 8). */
const DF_KEY = Uint8Array.from({ length: KEY_LENGTH }, (_, i) => i);
/** Zeros that AES-CTR encrypts into keystream (one maximal request plus the Update blocks). */
const ZEROS = new Uint8Array(MAX_BYTES_PER_REQUEST + SEED_LENGTH);
const ZERO_IV = new Uint8Array(BLOCK_LENGTH);

/** The working state of one instantiation (§10.2.1.1): Key, V and reseed_counter. */
export interface CtrDrbgState {
  key: Uint8Array;
  v: Uint8Array;
  reseedCounter: number;
}

/** Returns V + 1 mod 2^128 as a new array. */
function increment(v: Uint8Array): Uint8Array {
  const next = Uint8Array.from(v);
  for (let i = BLOCK_LENGTH - 1; i >= 0; i--) {
    const byte = (next[i] ?? 0) + 1;
    next[i] = byte & 0xff;
    if (byte <= 0xff) break;
  }
  return next;
}

/** AES-256-CTR keystream of `length` bytes starting at counter block V+1, i.e. E(K,V+1) ‖ E(K,V+2) ‖ …. */
function keystream(state: CtrDrbgState, length: number): Buffer {
  const cipher = createCipheriv("aes-256-ctr", state.key, increment(state.v));
  return cipher.update(ZEROS.subarray(0, length));
}

/** Sets Key and V from the 48 bytes of `temp` XOR `providedData` (§10.2.1.2 steps 4–6). */
function setKeyAndV(state: CtrDrbgState, temp: Uint8Array, providedData: Uint8Array | undefined): void {
  if (providedData !== undefined) for (let i = 0; i < SEED_LENGTH; i++) temp[i] = (temp[i] ?? 0) ^ (providedData[i] ?? 0);
  state.key.fill(0);
  state.v.fill(0);
  state.key = Uint8Array.from(temp.subarray(0, KEY_LENGTH));
  state.v = Uint8Array.from(temp.subarray(KEY_LENGTH, SEED_LENGTH));
  temp.fill(0);
}

/** CTR_DRBG_Update (§10.2.1.2) with a provided_data of exactly seedlen bytes. */
function update(state: CtrDrbgState, providedData: Uint8Array): void {
  setKeyAndV(state, keystream(state, SEED_LENGTH), providedData);
}

/** BCC(Key, data) (§10.3.3): the last block of AES-256-CBC with a zero IV. */
function bcc(key: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = createCipheriv("aes-256-cbc", key, ZERO_IV).setAutoPadding(false);
  const out = cipher.update(data);
  const last = Uint8Array.from(out.subarray(out.length - BLOCK_LENGTH));
  // Under the df's public key these blocks decrypt to the seed material: do not leave them lying around.
  out.fill(0);
  return last;
}

/** Block_Cipher_df(input_string, seedlen) (§10.3.2), for inputs shorter than 2^32 bytes. */
function blockCipherDF(input: Uint8Array): Uint8Array {
  // S = L ‖ N ‖ input_string ‖ 0x80, padded with zeros to a multiple of outlen.
  const unpadded = 8 + input.length + 1;
  const sLength = Math.ceil(unpadded / BLOCK_LENGTH) * BLOCK_LENGTH;
  // Each BCC input is IV ‖ S, so build it once with room for the IV in front.
  const ivAndS = new Uint8Array(BLOCK_LENGTH + sLength);
  const view = new DataView(ivAndS.buffer);
  view.setUint32(BLOCK_LENGTH, input.length);
  view.setUint32(BLOCK_LENGTH + 4, SEED_LENGTH);
  ivAndS.set(input, BLOCK_LENGTH + 8);
  ivAndS[BLOCK_LENGTH + 8 + input.length] = 0x80;

  const temp = new Uint8Array(SEED_LENGTH);
  for (let i = 0; i * BLOCK_LENGTH < SEED_LENGTH; i++) {
    view.setUint32(0, i);
    temp.set(bcc(DF_KEY, ivAndS), i * BLOCK_LENGTH);
  }
  ivAndS.fill(0);
  const key = temp.subarray(0, KEY_LENGTH);
  // X = E(K, X) three times is AES-256-CBC of three zero blocks with IV = X.
  const cipher = createCipheriv("aes-256-cbc", key, temp.subarray(KEY_LENGTH, SEED_LENGTH)).setAutoPadding(false);
  const output = cipher.update(ZEROS.subarray(0, SEED_LENGTH));
  const result = Uint8Array.from(output);
  output.fill(0);
  temp.fill(0);
  return result;
}

/** CTR_DRBG_Instantiate_algorithm (§10.2.1.3.2). */
export function instantiate(entropyInput: Uint8Array, nonce: Uint8Array, personalization: Uint8Array): CtrDrbgState {
  const seedMaterial = concat(entropyInput, nonce, personalization);
  const state: CtrDrbgState = { key: new Uint8Array(KEY_LENGTH), v: new Uint8Array(BLOCK_LENGTH), reseedCounter: 1 };
  update(state, blockCipherDF(seedMaterial));
  seedMaterial.fill(0);
  return state;
}

/** CTR_DRBG_Reseed_algorithm (§10.2.1.4.2). */
export function reseed(state: CtrDrbgState, entropyInput: Uint8Array, additionalInput: Uint8Array): void {
  const seedMaterial = concat(entropyInput, additionalInput);
  update(state, blockCipherDF(seedMaterial));
  seedMaterial.fill(0);
  state.reseedCounter = 1;
}

/**
 * CTR_DRBG_Generate_algorithm (§10.2.1.5.2) for `length` ≤ 2^16 bytes, once the caller has
 * handled reseed_counter and prediction resistance. An empty additional input is Null.
 * The returned array owns its memory (no DRBG state is reachable through its `buffer`).
 */
export function generate(state: CtrDrbgState, length: number, additionalInput: Uint8Array | undefined): Uint8Array {
  const provided = mixAdditionalInput(state, additionalInput);
  const blocks = Math.ceil(length / BLOCK_LENGTH);
  // Steps 3–6 and the closing Update are one keystream: the Update's three blocks follow the
  // output blocks directly, so one cipher call yields both.
  const stream = keystream(state, blocks * BLOCK_LENGTH + SEED_LENGTH);
  setKeyAndV(state, stream.subarray(blocks * BLOCK_LENGTH), provided);
  provided?.fill(0);
  // Wipe the unused tail of the last block too, so nothing but the answer stays in the buffer.
  stream.fill(0, length);
  state.reseedCounter += 1;
  return new Uint8Array(stream.buffer, stream.byteOffset, length);
}

/**
 * The same Generate call as {@link generate}, writing its output into `out` at `offset`, for
 * requests larger than one Generate call. (Producing the keystream in smaller pieces, to copy
 * each out while in cache, measured slower: every `cipher.update` call allocates twice.)
 */
export function generateInto(
  state: CtrDrbgState,
  out: Uint8Array,
  offset: number,
  length: number,
  additionalInput: Uint8Array | undefined,
): void {
  const provided = mixAdditionalInput(state, additionalInput);
  const outputEnd = Math.ceil(length / BLOCK_LENGTH) * BLOCK_LENGTH;
  const stream = keystream(state, outputEnd + SEED_LENGTH);
  out.set(stream.subarray(0, length), offset);
  // setKeyAndV wipes the Update bytes; the rest of `stream` is output the caller now holds anyway.
  setKeyAndV(state, stream.subarray(outputEnd), provided);
  provided?.fill(0);
  state.reseedCounter += 1;
}

/** Generate step 2: with additional input, Update(df(additional_input)) and keep it for step 6. */
function mixAdditionalInput(state: CtrDrbgState, additionalInput: Uint8Array | undefined): Uint8Array | undefined {
  if (additionalInput === undefined || additionalInput.length === 0) return undefined;
  const provided = blockCipherDF(additionalInput);
  update(state, provided);
  return provided;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
