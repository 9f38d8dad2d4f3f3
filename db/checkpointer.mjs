// SQLite's WAL checkpoints, on a worker thread with its own connection (db/sqlite.ts starts it for the
// writer it opens). A checkpoint copies the WAL's pages into the database file and syncs both: 15–20 ms
// at a time on a large database. SQLite's automatic checkpoint runs it inside the COMMIT that crosses
// 1000 pages (every 15 or so leads), on the event loop of whichever request committed; that writer has it
// off and this thread checkpoints instead. It watches the WAL file itself (its size and modification
// time), so writes of any process count. Every TICK_MS:
// - the WAL written to since the last checkpoint, and PASSIVE_MS since it: PASSIVE, which waits for
//   nobody and blocks nobody. The writer starts the WAL over from its beginning when a checkpoint has
//   ended between two of its commits;
// - under steady writes that seldom happens and the file keeps growing: past CAP_BYTES, PASSIVE and then
//   RESTART, after which the writer starts over. The file keeps its size (writing over a file's blocks
//   costs a commit less than extending it);
// - the WAL untouched for QUIET_MS and not empty: TRUNCATE, back to 0 bytes.
// RESTART and TRUNCATE hold the write lock while they finish (little after a PASSIVE) and wait at most
// BUSY_MS for it and then for readers; one that could not finish is not tried again for RETRY_MS, nor is
// anything after an error. The message "close" closes the connection and ends the thread.
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const TICK_MS = 250;
const PASSIVE_MS = 1000;
const QUIET_MS = 5000;
const CAP_BYTES = 64 * 1024 * 1024;
const BUSY_MS = 100;
const RETRY_MS = 5000;

/** @type {{ file: string }} */
const { file } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma(`busy_timeout = ${BUSY_MS}`);

let wal = walState();
let changedAt = performance.now();
let written = wal.bytes > 0; // since the last checkpoint
let checkpointedAt = 0;
let lockingFrom = 0; // no RESTART or TRUNCATE before this instant
let pausedUntil = 0; // nothing before this instant (after an error)
let timer = setTimeout(tick, TICK_MS);

function walState() {
  try {
    const stat = fs.statSync(`${file}-wal`);
    return { bytes: stat.size, modified: stat.mtimeMs };
  } catch {
    return { bytes: 0, modified: 0 }; // no WAL (yet, or the last connection to close removed it)
  }
}

/** @param {"PASSIVE" | "RESTART" | "TRUNCATE"} mode */
function checkpoint(mode) {
  try {
    const [result] = /** @type {{ busy: number }[]} */ (db.pragma(`wal_checkpoint(${mode})`));
    checkpointedAt = performance.now();
    // busy: another connection was checkpointing, or the write lock or a reader held on; the frames
    // left wait for the next one.
    if (result.busy && mode === "PASSIVE") written = true;
    if (result.busy && mode !== "PASSIVE") lockingFrom = checkpointedAt + RETRY_MS;
  } catch (error) {
    pausedUntil = performance.now() + RETRY_MS;
    parentPort?.postMessage({ error: String(error) });
  }
  wal = walState(); // its own change is no write
}

function tick() {
  const now = performance.now();
  const state = walState();
  const grew = state.bytes > wal.bytes;
  if (state.bytes !== wal.bytes || state.modified !== wal.modified) {
    wal = state;
    changedAt = now;
    written = true;
  }
  const mayLock = now >= lockingFrom;
  if (now < pausedUntil) {
    // after an error
  } else if (grew && wal.bytes > CAP_BYTES && mayLock) {
    written = false;
    checkpoint("PASSIVE");
    checkpoint("RESTART");
  } else if (written && now - checkpointedAt >= PASSIVE_MS) {
    written = false;
    checkpoint("PASSIVE");
  } else if (wal.bytes > 0 && now - changedAt >= QUIET_MS && mayLock) {
    checkpoint("TRUNCATE");
  }
  timer = setTimeout(tick, TICK_MS);
}

parentPort?.on("message", (message) => {
  if (message !== "close") return;
  clearTimeout(timer);
  db.close();
  parentPort?.close();
});
