// A throwaway Dovecot IMAP server for tests: its own config file and folder under the temp dir, a free
// loopback port, plain-text login without TLS and one mailbox user.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { freePort, waitForPort } from "./net";
import { processIsAlive, runningAsRoot, systemUser } from "./system-users";

const DOVECOT = "/usr/sbin/dovecot";

export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server's folder (config, mail, log): removed by stop(). */
  dir: string;
  stop(): Promise<void>;
};

type Accounts = { login: string; internal: string; uid: number; gid: number; root: boolean };

function config(dir: string, port: number, accounts: Accounts): string {
  // Without root, the login and anvil processes cannot chroot.
  const chroot = accounts.root ? "" : "  chroot =\n";
  return `base_dir = ${dir}/run
state_dir = ${dir}/run
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_failure_delay = 0
default_login_user = ${accounts.login}
default_internal_user = ${accounts.internal}
default_internal_group = ${accounts.internal}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${accounts.uid} gid=${accounts.gid} home=${dir}/mail/%u
}
service imap-login {
${chroot}  inet_listener imap {
    port = ${port}
  }
}
service anvil {
${chroot}}
log_path = ${dir}/dovecot.log
`;
}

/**
 * Runs `dovecot -c FILE`, which forks the master into the background and exits. The master keeps the
 * command's stdout and stderr open, so they go to a file and only the exit is awaited.
 */
function startMaster(configFile: string, outputFile: string): Promise<number | null> {
  const output = fs.openSync(outputFile, "w");
  const child = spawn(DOVECOT, ["-c", configFile], { stdio: ["ignore", output, output] });
  fs.closeSync(output);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });
}

/**
 * Whether the server greets an IMAP client; the probe then logs out properly. (A connection dropped
 * before the greeting keeps a login process waiting for 5 s, and the server's shutdown with it.)
 */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let greeted = false;
    socket.setTimeout(2000, () => socket.destroy());
    socket.once("data", (chunk) => {
      greeted = chunk.toString().startsWith("* OK");
      socket.end("a LOGOUT\r\n");
    });
    socket.once("error", () => undefined);
    socket.once("close", () => resolve(greeted));
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The pid of a process whose command line includes `argument`, or 0. */
function processRunning(argument: string): number {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(argument)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return 0;
}

export async function startDovecot(): Promise<TestDovecot> {
  if (!fs.existsSync(DOVECOT) || !fs.existsSync("/usr/lib/dovecot/imap")) {
    throw new Error(
      `Dovecot's IMAP server is not installed (${DOVECOT}, /usr/lib/dovecot/imap): apt-get install -y dovecot-imapd`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-imap-"));
  // The login and mail processes run as unprivileged users that must reach the config and the mail.
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, "mail"));
  const user = "leady";
  const password = crypto.randomBytes(12).toString("base64url");
  fs.writeFileSync(path.join(dir, "users"), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  // imap-login refuses to run as root: as root, Debian's accounts; otherwise everything runs as us.
  let accounts: Accounts;
  if (runningAsRoot()) {
    const mailUser = systemUser("dovecot");
    fs.chownSync(path.join(dir, "mail"), mailUser.uid, mailUser.gid);
    accounts = { login: "dovenull", internal: "dovecot", ...mailUser, root: true };
  } else {
    const me = os.userInfo();
    accounts = { login: me.username, internal: me.username, uid: me.uid, gid: me.gid, root: false };
  }
  const configFile = path.join(dir, "dovecot.conf");
  const pidFile = path.join(dir, "run", "master.pid");
  // The master writes its pid file a moment after it listens; until then it is found by its command line.
  const masterPid = () =>
    fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").trim()) : processRunning(configFile);

  // A test process that dies without stop() still takes its server with it.
  const stopOnExit = () => {
    const pid = masterPid();
    if (pid && processIsAlive(pid)) signal(-pid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopOnExit);

  let port = 0;
  const stop = async () => {
    process.removeListener("exit", stopOnExit);
    const pid = masterPid();
    if (pid && processIsAlive(pid)) {
      signal(pid, "SIGTERM");
      for (let i = 0; processIsAlive(pid); i++) {
        // A login process whose client left before the greeting keeps the shutdown waiting for 5 s; the
        // master leads its own process group, so that ends it.
        if (i === 80) signal(-pid, "SIGKILL");
        if (i > 400) throw new Error(`Dovecot (pid ${pid}) did not stop within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await waitForPort(port, false, 1000);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    // Another process may take the free port before Dovecot binds it: then try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      fs.writeFileSync(configFile, config(dir, port, accounts), { mode: 0o644 });
      const exitCode = await startMaster(configFile, path.join(dir, "start.log"));
      if (exitCode === 0) break;
      const message = fs.readFileSync(path.join(dir, "start.log"), "utf8");
      if (attempt < 3 && /already in use/i.test(message)) continue;
      throw new Error(`Dovecot did not start on port ${port} (exit code ${exitCode}): ${message}`);
    }
    const deadline = Date.now() + 10_000;
    while (!(fs.existsSync(pidFile) && (await greets(port)))) {
      if (Date.now() > deadline) {
        const log = fs.existsSync(path.join(dir, "dovecot.log"))
          ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8")
          : "";
        throw new Error(`Dovecot did not listen on port ${port} within 10 s:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { host: "127.0.0.1", port, user, password, dir, stop };
  } catch (error) {
    await stop().catch(() => stopOnExit());
    throw error;
  }
}
