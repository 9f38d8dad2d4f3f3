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
