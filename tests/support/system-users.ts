// Debian's service accounts (postgres, dovecot, dovenull), for servers that refuse to run as root.
import fs from "node:fs";

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** uid and gid of a local account, from /etc/passwd. */
export function systemUser(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`There is no user "${name}" on this machine (/etc/passwd)`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A process that is still there (a zombie counts as gone). */
export function processIsAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
