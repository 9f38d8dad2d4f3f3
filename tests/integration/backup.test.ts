import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";

// `npm run backup` while another process keeps committing, then a restore into a fresh DATA_DIR.

const tsx = require.resolve("tsx/cli");
let dataDir = "";
let backupDir = "";
let restoreDir = "";
let writer: ChildProcess | undefined;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-backup-src-"));
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-backup-out-"));
  restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-backup-restored-"));
});
afterAll(() => {
  writer?.kill("SIGKILL");
  for (const dir of [dataDir, backupDir, restoreDir]) fs.rmSync(dir, { recursive: true, force: true });
});

/** Spawns the writer on DATA_DIR; `committed()` is the highest transaction it reported as committed so far. */
function startWriter(dataDir: string) {
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", "tests/support/write-loop.ts"], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let last = 0;
  let buffered = "";
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const match = /^committed (\d+)$/.exec(line);
      if (match) last = Number(match[1]);
    }
    for (const waiter of waiters.filter((w) => last >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    child,
    committed: () => last,
    until: (n: number) =>
      new Promise<void>((resolve, reject) => {
        if (last >= n) return resolve();
        waiters.push({ n, resolve });
        child.on("exit", () => reject(new Error(`The writer stopped at ${last} before ${n}`)));
      }),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, "--conditions=react-server", ...args], {
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("a backup taken while another process commits restores with everything committed before it started", async () => {
  // A database of some size (so the copy takes more than one step), uploads and the session secret.
  const databaseFile = path.join(dataDir, "salon-crm.sqlite");
  const db = openDatabase(databaseFile);
  const admin = db.$client
    .prepare("insert into users (name, email, password_hash, role) values ('Admin', 'admin@backup.test', 'x', 'admin')")
    .run();
  const fill = db.$client.prepare("insert into notifications (user_id, kind, message) values (?, 'note', ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < 20_000; i++) fill.run(admin.lastInsertRowid, `Wypełnienie ${i} ${"x".repeat(100)}`);
  })();
  db.$client.close();
  const uploads = path.join(dataDir, "uploads");
  fs.mkdirSync(uploads);
  const files = { a1b2c3: crypto.randomBytes(300_000), d4e5f6: crypto.randomBytes(1234) };
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(uploads, name), content);
  fs.writeFileSync(path.join(dataDir, "session-secret"), "sekret-sesji-testowy");

  writer = undefined;
  const load = startWriter(dataDir);
  writer = load.child;
  await load.until(50);
  const committedBefore = load.committed();
  const target = path.join(backupDir, "kopia.sqlite");
  const backup = await run(["scripts/backup.ts", target], { DATA_DIR: dataDir });
  const committedAfter = load.committed();
  await load.until(committedAfter + 20); // still writing after the backup: it never blocked the writer
  await load.stop();
  expect(backup.output).toContain("integrity_check: ok");
  expect(backup.code).toBe(0);
  // The writer committed while the backup ran.
  expect(committedAfter).toBeGreaterThan(committedBefore);

  // Restore: the three pieces into a fresh DATA_DIR.
  fs.copyFileSync(target, path.join(restoreDir, "salon-crm.sqlite"));
  fs.cpSync(`${target}-uploads`, path.join(restoreDir, "uploads"), { recursive: true });
  fs.copyFileSync(`${target}-session-secret`, path.join(restoreDir, "session-secret"));

  const restored = openDatabase(path.join(restoreDir, "salon-crm.sqlite"));
  try {
    expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    const writes = restored.$client
      .prepare(
        `select cast(substr(u.email, 8, instr(u.email, '@') - 8) as integer) as n, count(n.id) as notes
         from users u left join notifications n on n.user_id = u.id where u.email like 'writer-%' group by u.id`,
      )
      .all() as { n: number; notes: number }[];
    const present = new Set(writes.map((row) => row.n));
    const missing = Array.from({ length: committedBefore }, (_, i) => i + 1).filter((n) => !present.has(n));
    expect(missing).toEqual([]);
    // Whole transactions only: every restored user has its notification.
    expect(writes.filter((row) => row.notes !== 1)).toEqual([]);
    expect(
      restored.$client
        .prepare("select count(*) from notifications where user_id = ?")
        .pluck()
        .get(admin.lastInsertRowid),
    ).toBe(20_000);
  } finally {
    restored.$client.close();
  }
  for (const [name, content] of Object.entries(files))
    expect(fs.readFileSync(path.join(restoreDir, "uploads", name)).equals(content)).toBe(true);
  expect(fs.readFileSync(path.join(restoreDir, "session-secret"), "utf8")).toBe("sekret-sesji-testowy");
}, 60_000); // two child processes (the writer and the backup), each starting tsx

test("the backup refuses to overwrite an existing copy", async () => {
  const target = path.join(backupDir, "istniejaca.sqlite");
  fs.writeFileSync(target, "poprzednia kopia");
  const result = await run(["scripts/backup.ts", target], { DATA_DIR: dataDir });
  expect(result.output).toContain("Nie nadpisuję istniejących plików");
  expect(result.code).toBe(1);
  expect(fs.readFileSync(target, "utf8")).toBe("poprzednia kopia");
}, 30_000);
