// SSH to a runner host with ssh2: the host key is checked against the stored
// SHA256 fingerprint before authenticating (a mismatch never sends the key),
// and failures are turned into messages a user can act on.
import { createHash } from "node:crypto";
import { Client, type ClientChannel, type SFTPWrapper } from "ssh2";
import { env } from "@/lib/env";
import { allowedAddress } from "@/lib/runner/host-allowlist";

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  hostKeyFingerprint: string;
}

export type SshFailureKind = "host_key_mismatch" | "auth_failed" | "unreachable" | "bad_key" | "connection_lost";

export class SshError extends Error {
  constructor(readonly kind: SshFailureKind, message: string, readonly presentedFingerprint?: string) {
    super(message);
    this.name = "SshError";
  }
}

/** OpenSSH's fingerprint of a host key blob: "SHA256:" + unpadded base64 of its sha256. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/**
 * Connect to a runner host. A host outside RUNBOARD_RUNNER_ALLOWED_HOSTS is
 * refused (AppError 422) before any packet is sent to it, and the address
 * checked is the address connected to.
 */
export async function connectSsh(t: SshTarget, opts: { readyTimeoutMs?: number } = {}): Promise<Client> {
  const address = await allowedAddress(t.host, env().RUNBOARD_RUNNER_ALLOWED_HOSTS);
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let presented: string | undefined;
    let settled = false;
    const where = `${t.host}:${t.port}`;
    const fail = (e: SshError) => {
      if (settled) return;
      settled = true;
      conn.end();
      reject(e);
    };
    conn.on("ready", () => {
      settled = true;
      resolve(conn);
    });
    conn.on("error", (err: Error & { level?: string; code?: string }) => {
      if (presented && presented !== t.hostKeyFingerprint) {
        return fail(new SshError("host_key_mismatch",
          `Host key mismatch for ${where}: expected ${t.hostKeyFingerprint}, the host presented ${presented}. Nothing was sent; if the host was reinstalled, update the runner host's fingerprint.`,
          presented));
      }
      if (err.level === "client-authentication") {
        return fail(new SshError("auth_failed", `Authentication failed: ${where} refused the SSH key for user "${t.username}"`));
      }
      if (err.level === "client-timeout" || /timed out/i.test(err.message)) {
        return fail(new SshError("unreachable", `Cannot reach ${where}: no SSH handshake within ${Math.round((opts.readyTimeoutMs ?? 10_000) / 1000)} s`));
      }
      if (/privateKey|private key|Cannot parse/i.test(err.message)) {
        return fail(new SshError("bad_key", `The stored SSH private key cannot be used: ${err.message}`));
      }
      if (err.code && /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(err.code)) {
        return fail(new SshError("unreachable", `Cannot reach ${where}: ${err.code === "ECONNREFUSED" ? "connection refused (is sshd running on that port?)" : err.code === "ENOTFOUND" ? "unknown host name" : err.code}`));
      }
      return fail(new SshError("unreachable", `SSH connection to ${where} failed: ${err.message}`));
    });
    conn.on("close", () => fail(new SshError("unreachable", `${where} closed the connection during the SSH handshake`)));
    try {
      conn.connect({
        host: address,
        port: t.port,
        username: t.username,
        privateKey: t.privateKey,
        readyTimeout: opts.readyTimeoutMs ?? 10_000,
        keepaliveInterval: 5_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          presented = fingerprintOf(key);
          return presented === t.hostKeyFingerprint;
        },
      });
    } catch (e) {
      fail(new SshError("bad_key", `The stored SSH private key cannot be used: ${(e as Error).message}`));
    }
  });
}

export function execChannel(conn: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => conn.exec(command, (err, ch) => (err ? reject(err) : resolve(ch))));
}

/** Run a short command and collect its output (for kill, probes). */
export async function execCollect(conn: Client, command: string, timeoutMs = 10_000): Promise<{ code: number | null; out: string }> {
  const ch = await execChannel(conn, command);
  return new Promise((resolve) => {
    let out = "";
    let code: number | null = null;
    const t = setTimeout(() => { ch.close(); resolve({ code, out }); }, timeoutMs);
    ch.on("data", (d: Buffer) => (out += d.toString("utf8")));
    ch.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")));
    ch.on("exit", (c: number | null) => (code = c));
    ch.on("close", () => { clearTimeout(t); resolve({ code, out }); });
  });
}

export function openSftp(conn: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => conn.sftp((err, s) => (err ? reject(err) : resolve(s))));
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
}

export interface FetchedFile {
  filename: string;
  path: string;
  bytes: Uint8Array;
}

/** Files matching `pattern` (a path; "*" and "?" allowed in the last part), at most maxBytes each. */
export async function fetchFiles(sftp: SFTPWrapper, pattern: string, maxBytes: number): Promise<FetchedFile[]> {
  const slash = pattern.lastIndexOf("/");
  const dir = slash >= 0 ? pattern.slice(0, slash) || "/" : ".";
  const base = pattern.slice(slash + 1);
  let names: string[];
  if (/[*?]/.test(base)) {
    const list = await new Promise<{ filename: string }[]>((resolve) => sftp.readdir(dir, (err, l) => resolve(err ? [] : l)));
    const re = globToRegExp(base);
    names = list.map((e) => e.filename).filter((n) => re.test(n)).sort();
  } else names = [base];
  const out: FetchedFile[] = [];
  for (const name of names) {
    const p = dir === "." ? name : `${dir.replace(/\/$/, "")}/${name}`;
    const size = await new Promise<number | null>((resolve) => sftp.stat(p, (err, st) => resolve(err || !st.isFile() ? null : st.size)));
    if (size === null) continue;
    if (size > maxBytes) throw new Error(`${p} is ${size} bytes, above the ${maxBytes}-byte report limit`);
    const bytes = await new Promise<Buffer>((resolve, reject) => sftp.readFile(p, (err, b) => (err ? reject(err) : resolve(b))));
    out.push({ filename: name, path: p, bytes: new Uint8Array(bytes) });
  }
  return out;
}

/** Stop a remote process group: TERM, then KILL what is left after a grace period. */
export async function killRemoteGroup(conn: Client, pgid: number, graceSec = 2): Promise<void> {
  if (!Number.isInteger(pgid) || pgid <= 1) return;
  const polls = Math.max(1, Math.round(graceSec * 5));
  // /bin/sh explicitly: the login shell may be anything; dash needs "kill -s SIG -- -pgid"
  const script = `kill -s TERM -- -${pgid} 2>/dev/null || exit 0; i=0; while [ $i -lt ${polls} ]; do sleep 0.2; kill -s 0 -- -${pgid} 2>/dev/null || exit 0; i=$((i+1)); done; kill -s KILL -- -${pgid} 2>/dev/null; true`;
  await execCollect(conn, `/bin/sh -c '${script}'`, (graceSec + 5) * 1000);
}
