// A production server for end-to-end tests and the benchmark: npm start's launcher on a
// loopback port with its own DATA_DIR, in its own process group.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./net";

export type RunningServer = { child: ChildProcess; pid: number; baseURL: string; port: number; logFile: string };

/** The administrator every test server is started with (ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_NAME). */
export const ADMIN = { email: "admin@e2e.test", password: "admin-haslo-123", name: "Adam Admin" };

export async function startServer(options: {
  dataDir: string;
  /** PostgreSQL's address; without it the server keeps SQLite in its DATA_DIR. */
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Default: server.log in the data folder (which must then exist). */
  logFile?: string;
}): Promise<RunningServer> {
  const cwd = options.cwd ?? process.cwd();
  const port = options.port ?? (await freePort());
  const logFile = options.logFile ?? path.join(options.dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, ["scripts/launch.mjs"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ADMIN_NAME: ADMIN.name,
      ...options.env,
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const server = { child, pid: child.pid!, baseURL: `http://127.0.0.1:${port}`, port, logFile };
  await waitUntilAnswering(server, "/login");
  return server;
}

/** Waits until `path` answers 200; kills the server's group and throws with its log if it exits or takes 2 min. */
export async function waitUntilAnswering(server: RunningServer, path: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(server.baseURL + path)).ok) return;
    } catch {
      // starting
    }
    if (server.child.exitCode !== null || i > 1200) {
      killGroup(server.pid, "SIGKILL");
      throw new Error(`The server did not start:\n${fs.readFileSync(server.logFile, "utf8")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Stops the server (the whole process group) and waits until its launcher is gone. */
export async function stopServer(server: RunningServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  const exited = server.child.exitCode !== null || server.child.signalCode !== null;
  const gone = exited ? Promise.resolve() : new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  killGroup(server.pid, signal);
  const timer = setTimeout(() => killGroup(server.pid, "SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
  // The group's other members (next start, next-server) follow their launcher.
  for (let i = 0; i < 100 && descendants(server.pid).length + groupMembers(server.pid).length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Proc = { pid: number; ppid: number; pgid: number; name: string };

function readProcs(): Proc[] {
  const procs: Proc[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      procs.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        name: stat.slice(stat.indexOf("(") + 1, close),
      });
    } catch {
      // exited meanwhile
    }
  }
  return procs;
}

function groupMembers(pgid: number): number[] {
  return readProcs()
    .filter((proc) => proc.pgid === pgid && fs.existsSync(`/proc/${proc.pid}/status`) && !isZombie(proc.pid))
    .map((proc) => proc.pid);
}

function isZombie(pid: number): boolean {
  try {
    return /State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

/** Every live process below `pid` in the process tree. */
export function descendants(pid: number): Proc[] {
  const procs = readProcs();
  const found: Proc[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const proc of procs) {
      if (proc.ppid === parent && !isZombie(proc.pid)) {
        found.push(proc);
        queue.push(proc.pid);
      }
    }
  }
  return found;
}

export type MemoryReport = {
  processes: { pid: number; command: string; peakKb: number }[];
  serverPeakKb: number;
  allPeakKb: number;
};

/**
 * Peak resident memory (VmHWM) of the server's processes: `serverPeakKb` sums the processes running Next
 * (next-server), `allPeakKb` adds the launcher (scripts/launch.mjs; the preparation under tsx has ended).
 */
export function peakMemory(pid: number): MemoryReport {
  const processes = [{ pid, name: "" }, ...descendants(pid)].map(({ pid: id }) => {
    let command = "";
    let peakKb = 0;
    try {
      command = fs.readFileSync(`/proc/${id}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${id}/status`, "utf8"));
      peakKb = match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
    return { pid: id, command: command.slice(0, 120), peakKb };
  });
  const serverPeakKb = processes
    .filter((proc) => /next/.test(proc.command) && !/scripts\/launch\.mjs/.test(proc.command))
    .reduce((sum, proc) => sum + proc.peakKb, 0);
  const allPeakKb = processes.reduce((sum, proc) => sum + proc.peakKb, 0);
  return { processes, serverPeakKb, allPeakKb };
}
