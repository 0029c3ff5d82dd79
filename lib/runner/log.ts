// One JSON line per event on stdout/stderr, like the rest of the app. Callers
// pass ids and messages only: never a key, a decrypted secret or a command's output.
export function logEvent(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}
