import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { notes, tasks } from "@/db/schema";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertTask, insertUser } from "../support/fixtures";

const db = useTestDatabase();
const root = path.resolve(__dirname, "../..");

function startChild(taskId: number, userId: number, content: string) {
  const child = spawn(
    process.execPath,
    [
      require.resolve("tsx/cli"),
      "tests/integration/support/execute-task-child.ts",
      String(taskId),
      String(userId),
      content,
    ],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: process.env.DATA_DIR },
    },
  );
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("ready")) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited early: ${out}`)));
  });
  const done = new Promise<{ ok: boolean; userError?: boolean; message?: string }>((resolve) => {
    child.on("exit", () => resolve(JSON.parse(out.trim().split("\n").pop()!)));
  });
  child.stderr.on("data", (chunk) => process.stderr.write(chunk));
  return { child, ready, done };
}

test("two processes executing the same task at once leave one done task, one note and one next task", async () => {
  const owner = await insertUser();
  const manager = await insertUser("manager");
  const process = await insertProcess(owner.id, { status: "in_progress" });
  const task = await insertTask(process.id, owner.id);

  const a = startChild(task.id, owner.id, "Notatka A");
  const b = startChild(task.id, manager.id, "Notatka B");
  await Promise.all([a.ready, b.ready]);
  // Both are loaded and waiting: release them together.
  for (const { child } of [a, b]) (child as ChildProcessWithoutNullStreams).stdin.write("go\n");
  const results = await Promise.all([a.done, b.done]);

  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const loser = results.find((r) => !r.ok)!;
  expect(loser.userError).toBe(true);
  expect(loser.message).toBe(
    "To zadanie zostało już wykonane (być może w innej karcie lub przez inną osobę). Twoja notatka nie została zapisana — skopiuj ją, jeśli chcesz ją dodać przez „Planowanie zadań”.",
  );

  const processNotes = await db().select().from(notes).where(eq(notes.processId, process.id));
  expect(processNotes).toHaveLength(1);
  expect(processNotes[0].taskId).toBe(task.id);
  const processTasks = await db().select().from(tasks).where(eq(tasks.processId, process.id));
  expect(processTasks.filter((t) => t.state === "done").map((t) => t.id)).toEqual([task.id]);
  expect(processTasks.filter((t) => t.state === "planned")).toHaveLength(1);
}, 60_000);
