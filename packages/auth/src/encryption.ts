import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM with a key ring. Each value gets a fresh 12-byte IV and is stored as
 * `base64(iv | tag | ciphertext)`; the id of the key that encrypted it is stored beside it, so old
 * values stay readable after the current key changes, and `TokenVault.rotateKeys` re-encrypts them.
 * The associated data binds a ciphertext to its row and column: a value copied into another grant's
 * row, or from the refresh column into the access column, fails to decrypt.
 */

export interface EncryptionKeys {
  /** Id of the key new values are encrypted with. */
  current: string;
  /** Key id → 32 random bytes, base64 (e.g. `openssl rand -base64 32`). */
  keys: Record<string, string>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyRing {
  readonly current: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(config: EncryptionKeys) {
    const entries = Object.entries(config.keys ?? {});
    if (entries.length === 0) throw new TypeError("encryptionKeys.keys: give at least one key");
    const keys = new Map<string, Buffer>();
    for (const [id, encoded] of entries) {
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(id)) {
        throw new TypeError(`encryptionKeys.keys: key id "${id}" must be 1-32 letters, digits, _ . or -`);
      }
      const key = typeof encoded === "string" ? Buffer.from(encoded, "base64") : Buffer.alloc(0);
      if (key.length !== 32) {
        throw new TypeError(
          `encryptionKeys.keys.${id}: must be 32 bytes in base64 (got ${key.length} bytes); generate one with \`openssl rand -base64 32\``,
        );
      }
      keys.set(id, key);
    }
    if (!keys.has(config.current)) {
      throw new TypeError(`encryptionKeys.current: "${config.current}" is not one of the keys`);
    }
    this.current = config.current;
    this.keys = keys;
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Encrypts with the current key. */
  encrypt(plaintext: string, associatedData: string): string {
    const key = this.key(this.current);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  decrypt(stored: string, keyId: string, associatedData: string): string {
    const raw = Buffer.from(stored, "base64");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError(keyId);
    const decipher = createDecipheriv("aes-256-gcm", this.key(keyId), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new DecryptionError(keyId);
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) {
      throw new DecryptionError(
        keyId,
        `No encryption key "${keyId}" is configured; keep old keys until rotateKeys() has run`,
      );
    }
    return key;
  }
}

/** A stored token could not be decrypted: wrong or missing key, or tampered ciphertext. Never carries the value. */
export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
  constructor(
    readonly keyId: string,
    message = `A stored token failed to decrypt with key "${keyId}" (wrong key or tampered value)`,
  ) {
    super(message);
  }
}
