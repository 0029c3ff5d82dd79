// A real OpenSSH server for the runner tests: Debian's sshd on a free loopback
// port, with host keys and a client key generated into a temp directory, the
// current user authorized. Fails with a clear message when sshd is missing
// (never skips). Stopped by pid (and its per-connection children by pid).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const SSHD_BIN = process.env.SSHD_PATH ?? "/usr/sbin/sshd";

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  /** the authorized client key (OpenSSH format) */
  privateKey: string;
  /** a key the server does not accept */
  otherPrivateKey: string;
  /** SHA256:... of the server's ed25519 host key */
  fingerprint: string;
  dir: string;
  /** end every open SSH session (the connection drops) but keep listening */
  dropSessions(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export async function freeClosedPort(): Promise<number> {
  return freePort();
}

export const TEST_USER = "runboard-ssh-test";

/**
 * As root, the sessions log in as a system user with /bin/sh as its shell:
 * root's interactive shell set-up (~/.bashrc, sourced by bash for ssh
 * commands) can take seconds and would slow every job. Created once; its
 * password is "*" (no password, yet not "locked", which sshd without PAM refuses).
 */
function sessionUser(): string {
  if (process.getuid?.() !== 0) return os.userInfo().username;
  try {
    execFileSync("id", ["-u", TEST_USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--no-create-home", "--home-dir", "/tmp", "--shell", "/bin/sh", "--password", "*", TEST_USER], { stdio: "ignore" });
  }
  return TEST_USER;
}

function keygen(file: string, comment: string) {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file], { stdio: "ignore" });
}

/** Host, client and spare keys, and an sshd_config listening on 127.0.0.1:port, all in `dir`. */
function writeSshdFiles(dir: string, port: number): string {
  fs.mkdirSync("/run/sshd", { recursive: true });
  keygen(path.join(dir, "host_ed25519"), "runboard-test-host");
  keygen(path.join(dir, "client_ed25519"), "runboard-test-client");
  keygen(path.join(dir, "other_ed25519"), "runboard-test-other");
  fs.copyFileSync(path.join(dir, "client_ed25519.pub"), path.join(dir, "authorized_keys"));
  // sshd reads authorized_keys as the session user
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, "authorized_keys"), 0o644);
  const config = path.join(dir, "sshd_config");
  fs.writeFileSync(config, [
    `ListenAddress 127.0.0.1`,
    `Port ${port}`,
    `HostKey ${dir}/host_ed25519`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    `PidFile ${dir}/sshd.pid`,
    `PasswordAuthentication no`,
    `KbdInteractiveAuthentication no`,
    `PubkeyAuthentication yes`,
    `PermitRootLogin prohibit-password`,
    `StrictModes no`,
    `UsePAM no`,
    `MaxStartups 50`,
    `MaxSessions 50`,
    `LogLevel ERROR`,
    `Subsystem sftp internal-sftp`,
    "",
  ].join("\n"));
  return config;
}

/** Resolves once sshd accepts connections; rejects with its stderr when it exits or stays silent for 10 s. */
async function waitForListen(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${stderr().trim()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => { s.end(); resolve(true); });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${stderr().trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** sshd processes serving connections (monitor and session), found by walking the tree below `root`. */
function sessionPidsBelow(root: number): number[] {
  let table: { pid: number; ppid: number; comm: string }[] = [];
  try {
    table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,comm="], { encoding: "utf8" }).split("\n").map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 3).map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
  } catch {
    return [];
  }
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const p of table.filter((t) => t.ppid === parent && t.comm.startsWith("sshd"))) {
      out.push(p.pid);
      walk(p.pid);
    }
  };
  walk(root);
  return out;
}

export async function startTestSshd(): Promise<TestSshd> {
  if (!fs.existsSync(SSHD_BIN)) {
    throw new Error(`The runner tests need OpenSSH's sshd at ${SSHD_BIN}: apt-get install -y openssh-server (or set SSHD_PATH). .ci/run installs it.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-sshd-"));
  const port = await freePort();
  const config = writeSshdFiles(dir, port);
  const child: ChildProcess = spawn(SSHD_BIN, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d.toString()));
  await waitForListen(child, port, () => stderr);
  const fingerprint = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", path.join(dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
  const sessionPids = () => sessionPidsBelow(child.pid!);
  return {
    host: "127.0.0.1",
    port,
    username: sessionUser(),
    privateKey: fs.readFileSync(path.join(dir, "client_ed25519"), "utf8"),
    otherPrivateKey: fs.readFileSync(path.join(dir, "other_ed25519"), "utf8"),
    fingerprint,
    dir,
    dropSessions() {
      const pids = sessionPids();
      for (const pid of pids) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
      return pids.length;
    },
    async stop() {
      for (const pid of sessionPids()) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
