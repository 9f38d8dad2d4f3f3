import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { newServerDatabase, onPostgres } from "@/tests/support/database";
import { startServer, stopServer } from "@/tests/support/server";

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/** The modes of what DATA_DIR holds: the session secret, and on SQLite the database with its -wal and -shm. */
function privateModes(dataDir: string) {
  const database = path.join(dataDir, "salon-crm.sqlite");
  return {
    folder: mode(dataDir),
    secret: mode(path.join(dataDir, "session-secret")),
    ...(onPostgres ? {} : { database: mode(database), wal: mode(`${database}-wal`), shm: mode(`${database}-shm`) }),
  };
}

const owner = { folder: "700", secret: "600", ...(onPostgres ? {} : { database: "600", wal: "600", shm: "600" }) };

test("npm start keeps DATA_DIR private: a new one and one an older version left readable to others", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-modes-"));
  fs.chmodSync(parent, 0o755);
  const fresh = path.join(parent, "nowy"); // made by the launcher
  const older = path.join(parent, "stary");
  fs.mkdirSync(older, { mode: 0o755 });
  if (!onPostgres) fs.writeFileSync(path.join(older, "salon-crm.sqlite"), "", { mode: 0o644 }); // an empty database is a database
  fs.writeFileSync(path.join(older, "session-secret"), "sekret-starej-wersji", { mode: 0o644 });
  expect(process.umask()).toBe(0o022); // the launchers inherit a mask that would make files readable to all
  const env = { REMINDER_POLL_MS: "600000" };
  const servers = await Promise.all([
    startServer({
      dataDir: fresh,
      databaseUrl: await newServerDatabase(),
      env,
      logFile: path.join(parent, "nowy.log"),
    }),
    startServer({ dataDir: older, databaseUrl: await newServerDatabase(), env }),
  ]);
  try {
    // While the server runs (SQLite's -wal and -shm files exist only then).
    expect(privateModes(fresh)).toEqual(owner);
    expect(privateModes(older)).toEqual(owner);
    expect(fs.readFileSync(path.join(older, "session-secret"), "utf8")).toBe("sekret-starej-wersji");
  } finally {
    await Promise.all(servers.map((server) => stopServer(server)));
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

/** The environment next-server runs with: the launcher's one child once the server answers. */
function serverEnvironment(launcherPid: number): Map<string, string> {
  const [child] = fs.readFileSync(`/proc/${launcherPid}/task/${launcherPid}/children`, "utf8").trim().split(/\s+/);
  const entries = fs.readFileSync(`/proc/${child}/environ`, "utf8").split("\0").filter(Boolean);
  return new Map(entries.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
}

test("npm start runs next-server with its heap cap, an 8 MB semi-space and two malloc arenas, or what the environment sets", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-memory-"));
  const env = { REMINDER_POLL_MS: "600000" };
  const servers = await Promise.all([
    startServer({
      dataDir: path.join(parent, "a"),
      databaseUrl: await newServerDatabase(),
      env,
      logFile: path.join(parent, "a.log"),
    }),
    startServer({
      dataDir: path.join(parent, "b"),
      logFile: path.join(parent, "b.log"),
      databaseUrl: await newServerDatabase(),
      env: { ...env, SERVER_HEAP_MB: "384", MALLOC_ARENA_MAX: "4", NODE_OPTIONS: "--max-semi-space-size=16" },
    }),
  ]);
  try {
    const [standard, chosen] = servers.map((server) => serverEnvironment(server.pid));
    expect(standard.get("MALLOC_ARENA_MAX")).toBe("2");
    expect(standard.get("NODE_OPTIONS")).toContain("--max-old-space-size=256");
    expect(standard.get("NODE_OPTIONS")).toContain("--max-semi-space-size=8");
    expect(chosen.get("MALLOC_ARENA_MAX")).toBe("4");
    expect(chosen.get("NODE_OPTIONS")).toBe("--max-semi-space-size=16 --max-old-space-size=384");
  } finally {
    await Promise.all(servers.map((server) => stopServer(server)));
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
