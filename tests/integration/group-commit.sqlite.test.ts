import { AsyncLocalStorage } from "node:async_hooks";
import { like } from "drizzle-orm";
import { transaction, type Executor } from "@/db/client";
import { settings } from "@/db/schema";
import { useTestDatabase } from "../support/database";

// SQLite's writer runs the transactions queued together in one commit, each in a savepoint of its own
// (db/sqlite.ts, commitTogether): what must not change is what each caller sees and gets.
const db = useTestDatabase();

const keysIn = async (executor: Executor) =>
  (await executor.select({ key: settings.key }).from(settings).where(like(settings.key, "gc-%")))
    .map((row) => row.key)
    .sort();

const caller = new AsyncLocalStorage<string>();
type Seen = { caller?: string; committed: string[]; inTransaction: string[] };

function write(key: string, seen: Record<string, Seen>, fail = false): Promise<string> {
  return caller.run(key, () =>
    transaction(async (tx) => {
      seen[key] = { caller: caller.getStore(), committed: await keysIn(db()), inTransaction: await keysIn(tx) };
      await tx.insert(settings).values({ key, value: "1" });
      if (fail) throw new Error(`${key}: odmowa`);
      return key;
    }),
  );
}

test("transactions queued together share one commit, a failing one is rolled back alone, each runs in its caller's context", async () => {
  const seen: Record<string, Seen> = {};
  const results = await Promise.allSettled([write("gc-a", seen), write("gc-b", seen, true), write("gc-c", seen)]);
  expect(results).toEqual([
    { status: "fulfilled", value: "gc-a" },
    { status: "rejected", reason: new Error("gc-b: odmowa") },
    { status: "fulfilled", value: "gc-c" },
  ]);
  // The later ones saw the first one's row in the transaction, before anyone else could (not committed yet).
  expect(seen).toEqual({
    "gc-a": { caller: "gc-a", committed: [], inTransaction: [] },
    "gc-b": { caller: "gc-b", committed: [], inTransaction: ["gc-a"] },
    "gc-c": { caller: "gc-c", committed: [], inTransaction: ["gc-a"] },
  });
  expect(await keysIn(db())).toEqual(["gc-a", "gc-c"]);
});

test("a transaction that arrives in the event loop's next turn joins the commit; each caller hears only after it", async () => {
  const seen: Record<string, Seen> = {};
  let late: Promise<string> | undefined;
  setImmediate(() => {
    late = write("gc-e", seen);
  });
  const first = write("gc-d", seen);
  const committedWhenFirstSettled = await first.then(() => keysIn(db()));
  await late;
  expect(seen["gc-e"]).toEqual({
    caller: "gc-e",
    committed: ["gc-a", "gc-c"],
    inTransaction: ["gc-a", "gc-c", "gc-d"],
  });
  expect(committedWhenFirstSettled).toEqual(["gc-a", "gc-c", "gc-d", "gc-e"]);
});

test("a lone transaction commits, and the queue goes on after one that fails", async () => {
  const seen: Record<string, Seen> = {};
  await expect(write("gc-f", seen, true)).rejects.toThrow("gc-f: odmowa");
  await expect(write("gc-g", seen)).resolves.toBe("gc-g");
  expect(await keysIn(db())).toEqual(["gc-a", "gc-c", "gc-d", "gc-e", "gc-g"]);
});
