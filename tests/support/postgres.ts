// A throwaway PostgreSQL 15 cluster for tests: its own folder under the temp dir, a free loopback port,
// trust authentication, no fsync. A test run (or file) starts one; each test file can take its own database.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./net";
import { runningAsRoot, systemUser } from "./system-users";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";

export type TestPostgres = {
  /** postgres://postgres@127.0.0.1:PORT/salon */
  url: string;
  /** The cluster's folder (data/ and postgres.log): removed by stop(). */
  dir: string;
  stop(): Promise<void>;
};

export async function startPostgres(): Promise<TestPostgres> {
  if (!fs.existsSync(path.join(BIN, "initdb"))) {
    throw new Error(`PostgreSQL 15 is not installed (no ${BIN}/initdb): apt-get install -y postgresql`);
  }
  const asRoot = runningAsRoot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  // initdb refuses to run as root, and the cluster's folder must belong to whoever runs the server.
  if (asRoot) {
    const { uid, gid } = systemUser("postgres");
    fs.chownSync(dir, uid, gid);
  }
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(BIN, tool), ...args]] : [path.join(BIN, tool), args];
  const pgTool = (tool: string, args: string[]) => run(...command(tool, args), { cwd: dir });
  const stopArgs = (mode: string) => ["-D", data, "-m", mode, "-w", "stop"];

  // A test process that dies without stop() still takes its cluster with it.
  const stopOnExit = () => {
    try {
      execFileSync(...command("pg_ctl", stopArgs("immediate")), { cwd: dir, stdio: "ignore" });
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopOnExit);

  let running = false;
  const stop = async () => {
    process.removeListener("exit", stopOnExit);
    try {
      if (running) {
        running = false;
        await pgTool("pg_ctl", stopArgs("fast"));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    await pgTool("initdb", [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
      "--no-instructions",
    ]);
    let port = 0;
    // Another process may take the free port before the server binds it: then try another.
    for (let attempt = 1; !running; attempt++) {
      port = await freePort();
      const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
      const options = [
        `-p ${port}`,
        "-k /tmp",
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
      ].join(" ");
      try {
        await pgTool("pg_ctl", ["-D", data, "-o", options, "-l", logFile, "-w", "-t", "30", "start"]);
        running = true;
      } catch (error) {
        const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(logStart) : "";
        if (attempt < 3 && /could not bind|already in use/i.test(log)) continue;
        throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${log}`);
      }
    }
    const url = await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, "salon");
    return { url, dir, stop };
  } catch (error) {
    await stop().catch(() => stopOnExit());
    throw error;
  }
}

/**
 * Creates a database on the cluster of `url` and returns its address: empty, or a copy of `template` (a
 * database migrated once and copied per test file; nobody may be connected to it meanwhile).
 */
export async function createDatabase(url: string, name: string, options: { template?: string } = {}): Promise<string> {
  for (const identifier of [name, options.template ?? "template1"]) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier)) {
      throw new Error(`"${identifier}" is not a plain database name (lower-case letters, digits and _)`);
    }
  }
  const address = new URL(url);
  address.pathname = "/postgres";
  const client = new pg.Client({ connectionString: address.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${options.template ?? "template1"}`);
  } finally {
    await client.end();
  }
  address.pathname = `/${name}`;
  return address.toString();
}
