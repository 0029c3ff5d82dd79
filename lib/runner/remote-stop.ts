// Stop a job's remote process group over a fresh SSH connection: used when the
// job's own connection is gone (dropped mid-run, or its worker died).
import type { LoadedJob } from "@/lib/runner/load-job";
import { decryptSecret } from "@/lib/runner/secret-box";
import { connectSsh, killRemoteGroup } from "@/lib/runner/ssh";

/** A sentence for the job's message: what became of the remote command. */
export async function stopRemoteGroup(job: LoadedJob, pgid: number | null): Promise<string> {
  if (!pgid) return "the remote command had not reported its process group, so it could not be stopped";
  try {
    const conn = await connectSsh({ ...job.host, privateKey: decryptSecret(job.host.privateKeyEncrypted) }, { readyTimeoutMs: 8_000 });
    try {
      await killRemoteGroup(conn, pgid, 1);
    } finally {
      conn.end();
    }
    return "the remote command was stopped";
  } catch (e) {
    return `the remote command could not be stopped (${(e as Error).message})`;
  }
}
