import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { ADMIN, killGroup, startServer, stopServer, type RunningServer } from "@/tests/support/server";
import { launchBrowser } from "./support/chromium";
import { addUserDriver, type SaveAttempt, type SaveSession } from "./support/save-driver";

// Its own server on its own DATA_DIR: saves through the browser, SIGKILL in the middle, restart, check.
// SQLite only: SQLite's durability and integrity after its process is killed mid-write. On PostgreSQL the
// database is a server of its own, which a killed application server does not touch.

const driver = addUserDriver(ADMIN);
const WRITERS = 2;
const KILL_AFTER = 12; // acknowledged saves before the kill

let browser: Browser;
let dataDir = "";
let server: RunningServer | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-crash-"));
});
afterAll(async () => {
  await browser.close();
  if (server) await stopServer(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test(`every acknowledged save (${driver.name}) survives a SIGKILL of the server, whole, and the database is intact`, async () => {
  server = await startServer({ dataDir });
  const sessions: SaveSession[] = [];
  for (let i = 0; i < WRITERS; i++) sessions.push(await driver.open(browser, server.baseURL));

  const attempts: SaveAttempt[] = [];
  let acknowledged = 0;
  let killed = false;
  let inFlightAtKill = 0;
  const running = server;
  const writers = sessions.map(async (session, writer) => {
    for (let n = 0; !killed && n < 100; n++) {
      const attempt: SaveAttempt = { key: `${writer}-${n}`, acknowledged: false };
      attempts.push(attempt);
      try {
        await session.save(attempt.key);
      } catch {
        return; // the server is gone
      }
      // An answer that arrives after the kill was already sent before it: still acknowledged.
      attempt.acknowledged = true;
      acknowledged++;
      if (acknowledged >= KILL_AFTER && !killed) {
        killed = true;
        inFlightAtKill = attempts.filter((a) => !a.acknowledged).length;
        killGroup(running.pid, "SIGKILL");
      }
    }
  });
  await Promise.all(writers);
  expect(killed).toBe(true);
  await Promise.all(sessions.map((session) => session.close()));
  await stopServer(running, "SIGKILL"); // waits until the whole group is gone
  console.log(
    `${driver.name}: ${attempts.length} saves tried, ${acknowledged} acknowledged, ${inFlightAtKill} in flight at the kill`,
  );

  // Restart on the same data and check through a fresh connection.
  server = await startServer({ dataDir });
  const db = new Database(path.join(dataDir, "salon-crm.sqlite"), { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(driver.verify(db, attempts)).toEqual([]);
  } finally {
    db.close();
  }
  // The restarted server works on that data.
  const session = await driver.open(browser, server.baseURL);
  await session.save("after-restart");
  await session.close();
}, 180_000); // two server starts and a browser session each: slow on a loaded machine
