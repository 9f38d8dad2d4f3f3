import { spawnSync } from "node:child_process";
import path from "node:path";

// The schema and date rules must give the same instants whatever zone the server runs in: the schema
// tests (fixed UTC expectations) run again under other TZ settings.
if (process.env.TASK_ZONE_PROBE)
  throw new Error("tests/unit/task-schema-zones.test.ts must not run inside its own probe");

test.each(["UTC", "Europe/Warsaw"])(
  "the task schema tests pass under TZ=%s",
  (zone) => {
    const root = path.resolve(__dirname, "../..");
    const result = spawnSync(
      process.execPath,
      [require.resolve("jest/bin/jest"), "tests/unit/task-schema.test.ts", "--selectProjects=unit"],
      {
        cwd: root,
        env: { ...process.env, TZ: zone, TASK_ZONE_PROBE: "1" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(result.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.stderr).toContain("task-schema.test.ts");
    expect(result.stderr).not.toContain("task-schema-zones");
    expect(result.status).toBe(0);
  },
  150_000,
);
