/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) in plain JavaScript, for short messages.
 *
 * Why not only `node:crypto`: a request signature covers a few hundred bytes, and there the
 * native call is dominated by fixed costs (an HMAC context per call, OpenSSL's digest lookup),
 * which in a real call path, with caches cold, measured about three times what this costs. The
 * key's inner and outer blocks are compressed once per key, so a signature of a typical GET is
 * four compressions. Long messages go to `node:crypto`, which hashes bulk data much faster (see
 * `signing.ts`). Tests check it against `node:crypto` on random keys and messages.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const W = new Int32Array(64);

/** One SHA-256 compression of the 64-byte block at `offset` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Pads the `length` message bytes in `buffer` (which `prefix` bytes already hashed precede) and compresses them. */
function finish(state: Int32Array, buffer: Uint8Array, length: number, prefix: number): void {
  let end = length;
  buffer[end++] = 0x80;
  while ((end & 63) !== 56) buffer[end++] = 0;
  const bits = (length + prefix) * 8;
  const high = Math.floor(bits / 0x100000000);
  writeWord(buffer, end, high);
  writeWord(buffer, end + 4, bits >>> 0);
  end += 8;
  for (let offset = 0; offset < end; offset += 64) compress(state, buffer, offset);
}

function writeWord(buffer: Uint8Array, at: number, word: number): void {
  buffer[at] = word >>> 24;
  buffer[at + 1] = (word >>> 16) & 0xff;
  buffer[at + 2] = (word >>> 8) & 0xff;
  buffer[at + 3] = word & 0xff;
}

const encoder = new TextEncoder();

/** Writes `text` as UTF-8 at `at`, returning the end: ASCII by hand (the usual case), the rest by TextEncoder. */
function writeUtf8(text: string, buffer: Uint8Array, at: number): number {
  let end = at;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return end + encoder.encodeInto(text.slice(i), buffer.subarray(end)).written;
    buffer[end++] = unit;
  }
  return end;
}
/** The 64 hex digits of a digest, as character codes. */
const hex = new Uint8Array(64);
/** Scratch space for messages, reused across calls (signing is synchronous). */
const MAX_SCRATCH = 16 * 1024;
let scratch = new Uint8Array(2048);

/** An HMAC-SHA256 of one key: `(parts) => lower-case hex`, the parts hashed in order, strings as UTF-8. */
export function hmacSha256(key: Uint8Array): (parts: ReadonlyArray<string | Uint8Array>) => string {
  let block = new Uint8Array(64);
  if (key.length > 64) {
    // Keys longer than a block are replaced by their hash (RFC 2104).
    const state = new Int32Array(IV);
    const buffer = new Uint8Array(key.length + 72);
    buffer.set(key);
    finish(state, buffer, key.length, 0);
    for (let i = 0; i < 8; i++) writeWord(block, i * 4, state[i]!);
  } else block.set(key);
  const inner = new Int32Array(IV);
  const outer = new Int32Array(IV);
  compress(
    inner,
    block.map((byte) => byte ^ 0x36),
    0,
  );
  compress(
    outer,
    block.map((byte) => byte ^ 0x5c),
    0,
  );
  // The outer message is always 32 bytes after the key block: its padding never changes.
  block = new Uint8Array(64);
  block[32] = 0x80;
  writeWord(block, 60, (64 + 32) * 8);
  const state = new Int32Array(8);

  return (parts) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; 72 more for the padding.
    let room = 72;
    for (const part of parts) room += typeof part === "string" ? part.length * 3 : part.length;
    // A message too long for the shared scratch gets a buffer of its own rather than keeping a big one alive.
    if (room > scratch.length && room <= MAX_SCRATCH) scratch = new Uint8Array(MAX_SCRATCH);
    const buffer = room <= scratch.length ? scratch : new Uint8Array(room);
    let length = 0;
    for (const part of parts) {
      if (typeof part === "string") length = writeUtf8(part, buffer, length);
      else {
        buffer.set(part, length);
        length += part.length;
      }
    }
    state.set(inner);
    finish(state, buffer, length, 64);
    // The outer hash: the key's outer block, then the 32-byte inner digest.
    for (let i = 0; i < 8; i++) writeWord(block, i * 4, state[i]!);
    state.set(outer);
    compress(state, block, 0);
    // Hex digits computed, not looked up: a table of 256 strings spreads over many cache lines.
    for (let i = 0; i < 8; i++) {
      const word = state[i]!;
      for (let j = 0; j < 8; j++) {
        const nibble = (word >>> (28 - j * 4)) & 0xf;
        hex[i * 8 + j] = nibble < 10 ? 48 + nibble : 87 + nibble;
      }
    }
    return String.fromCharCode.apply(null, hex as unknown as number[]);
  };
}
