// Runner hosts' SSH private keys at rest: AES-256-GCM with a 32-byte key from
// RUNBOARD_SECRET_KEY (hex or base64), or, for `npm start` with the embedded
// database, the key generated once into RUNBOARD_DATA_DIR/secret.key (mode 600,
// lib/ops/start.ts). Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url). A
// wrong key or a tampered value fails authentication instead of yielding junk.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const SECRET_KEY_FILE = "secret.key";

/** 32 bytes from a hex (64 characters) or base64 string; null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, "hex");
  if (/^[A-Za-z0-9+/_-]{43,44}={0,2}$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (b.length === 32) return b;
  }
  return null;
}

/** Create the data directory's key file once (mode 600); true when it was created now. */
export function ensureSecretKeyFile(dir: string): boolean {
  const file = path.join(dir, SECRET_KEY_FILE);
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    return true;
  } catch {
    return false; // another process created it first
  }
}

let cached: Buffer | undefined;
export function secretKey(): Buffer {
  if (cached) return cached;
  const fromEnv = env().RUNBOARD_SECRET_KEY;
  let text = fromEnv;
  if (!text) {
    try {
      text = fs.readFileSync(path.join(dataDir(), SECRET_KEY_FILE), "utf8");
    } catch {
      throw new AppError("unavailable", "RUNBOARD_SECRET_KEY is not set, so runner host keys cannot be stored or used (see README: Runner hosts)");
    }
  }
  const key = parseSecretKey(text);
  if (!key) throw new AppError("unavailable", `${fromEnv ? "RUNBOARD_SECRET_KEY" : SECRET_KEY_FILE} must be 32 bytes as 64 hex characters or base64`);
  cached = key;
  return key;
}

export function encryptSecret(plain: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(stored: string, key: Buffer = secretKey()): string {
  const [v, iv, tag, ct] = stored.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("Stored secret has an unknown format");
  try {
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
  } catch {
    throw new Error("The stored SSH key cannot be decrypted: RUNBOARD_SECRET_KEY differs from the key it was stored with");
  }
}
