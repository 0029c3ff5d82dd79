import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseSecretKey } from "@/lib/runner/secret-box";

describe("secret box", () => {
  const key = randomBytes(32);
  it("round-trips, never stores the plaintext, and a different key or a changed byte fails", () => {
    const pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
    const box = encryptSecret(pem, key);
    expect(box).not.toContain("OPENSSH");
    expect(encryptSecret(pem, key)).not.toBe(box); // fresh IV each time
    expect(decryptSecret(box, key)).toBe(pem);
    expect(() => decryptSecret(box, randomBytes(32))).toThrow(/RUNBOARD_SECRET_KEY differs/);
    const parts = box.split(".");
    parts[3] = (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1);
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
  });
  it("reads 32-byte keys as hex or base64 only", () => {
    expect(parseSecretKey(key.toString("hex"))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64"))?.equals(key)).toBe(true);
    expect(parseSecretKey("too-short")).toBeNull();
    expect(parseSecretKey(randomBytes(16).toString("hex"))).toBeNull();
  });
});
