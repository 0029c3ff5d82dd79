// Runner hosts, managed by admins. The private key is checked (it must parse,
// without a passphrase), encrypted before it reaches the database, and never
// read back out except by a worker about to connect.
import { utils } from "ssh2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { allowedAddress } from "@/lib/runner/host-allowlist";
import { decryptSecret, encryptSecret } from "@/lib/runner/secret-box";
import { type RunnerHostInput, runnerHostInputSchema } from "@/lib/runner/schemas";
import { SshError, connectSsh, execCollect } from "@/lib/runner/ssh";
import { markHostSeen } from "@/lib/runner/load-job";
import { parseOrThrow } from "@/lib/schemas/validation";

function checkPrivateKey(text: string): string {
  const key = text.replace(/\r\n/g, "\n").trim() + "\n";
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) {
    const msg = /encrypted/i.test(parsed.message) ? "the key has a passphrase; give an unencrypted key (Runboard encrypts it at rest)" : "not a private key ssh2 can read (OpenSSH or PEM format)";
    throw new AppError("validation_failed", "Invalid runner host", [{ path: "privateKey", message: msg }]);
  }
  if (!parsed.isPrivateKey()) throw new AppError("validation_failed", "Invalid runner host", [{ path: "privateKey", message: "this is a public key; paste the private key" }]);
  return key;
}

export async function saveRunnerHost(raw: unknown, id?: string) {
  const input: RunnerHostInput = parseOrThrow(runnerHostInputSchema, raw, "runner host");
  const data = {
    name: input.name, host: input.host, port: input.port, username: input.username,
    hostKeyFingerprint: input.hostKeyFingerprint, maxConcurrent: input.maxConcurrent, labels: input.labels,
  };
  await allowedAddress(input.host, env().RUNBOARD_RUNNER_ALLOWED_HOSTS); // 422 outside the operator's list
  const key = input.privateKey?.trim() ? encryptSecret(checkPrivateKey(input.privateKey)) : undefined;
  try {
    if (id) {
      const h = await db().runnerHost.update({ where: { id }, data: { ...data, ...(key ? { privateKeyEncrypted: key } : {}) }, select: { id: true } });
      return h;
    }
    if (!key) throw new AppError("validation_failed", "Invalid runner host", [{ path: "privateKey", message: "a private key is required" }]);
    return await db().runnerHost.create({ data: { ...data, privateKeyEncrypted: key }, select: { id: true } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `A runner host named "${input.name}" exists already`, [{ path: "name", message: "already taken" }]);
    if ((e as { code?: string }).code === "P2025") throw new AppError("not_found", "Unknown runner host");
    throw e;
  }
}

export async function deleteRunnerHost(id: string) {
  const active = await db().provisioningJob.count({ where: { runnerHostId: id, status: { in: ["queued", "starting", "running"] } } });
  if (active) throw new AppError("conflict", `The host has ${active} queued or running job(s); cancel them first`);
  await db().runnerHost.delete({ where: { id } }).catch(() => {
    throw new AppError("not_found", "Unknown runner host");
  });
}

/**
 * Connect, run `true`, record reachable/last seen; the message says what is
 * wrong. A host outside RUNBOARD_RUNNER_ALLOWED_HOSTS is never contacted: the
 * answer is the same 422 whatever listens on its port.
 */
export async function checkRunnerHost(id: string): Promise<{ ok: boolean; message: string }> {
  const h = await db().runnerHost.findUnique({ where: { id } });
  if (!h) throw new AppError("not_found", "Unknown runner host");
  try {
    const conn = await connectSsh({ ...h, privateKey: decryptSecret(h.privateKeyEncrypted) }, { readyTimeoutMs: 8_000 });
    try {
      const r = await execCollect(conn, "command -v setsid >/dev/null && echo ok", 8_000);
      if (!r.out.includes("ok")) {
        const message = "Connected, but setsid (util-linux) is missing on the host: cancel and timeout need it";
        await markHostSeen(h.id, false, message);
        return { ok: false, message };
      }
    } finally {
      conn.end();
    }
    await markHostSeen(h.id, true, null);
    return { ok: true, message: `Connected to ${h.username}@${h.host}:${h.port}; host key verified` };
  } catch (e) {
    if (isAppError(e)) throw e;
    const message = e instanceof SshError ? e.message : (e as Error).message;
    await markHostSeen(h.id, false, message);
    return { ok: false, message };
  }
}
