// The secret that signs session cookies: RUNBOARD_AUTH_SECRET, or one generated
// once into RUNBOARD_DATA_DIR/auth-secret (mode 600) and reused by every
// process on this host. Several hosts must share RUNBOARD_AUTH_SECRET.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "@/lib/env";

export function authSecret(): string {
  const fromEnv = env().RUNBOARD_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
}
