// The PostgreSQL run of the tests (TEST_DB=postgres): one throwaway cluster for the whole jest run, started
// by the projects' globalSetup, with a template database migrated once. Every test file (and every server
// an end-to-end test starts) works on its own copy of the template.
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { createDatabase, startPostgres, type TestPostgres } from "./postgres";

export const TEMPLATE = "salon_template";

/** Whether this jest run tests PostgreSQL (npm test runs the integration and e2e projects once on each). */
export const onPostgres = process.env.TEST_DB === "postgres";

const globalForRun = globalThis as unknown as { testPostgres?: TestPostgres };

/**
 * globalSetup: starts the run's cluster (once, whichever project asks first) and migrates its template;
 * TEST_POSTGRES_URL tells the test files (and their child processes) where it is.
 */
export async function startTestPostgres(): Promise<void> {
  if (globalForRun.testPostgres) return;
  const server = await startPostgres();
  globalForRun.testPostgres = server;
  const templateUrl = await createDatabase(server.url, TEMPLATE);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder: "db/migrations-pg" });
  } finally {
    await pool.end();
  }
  process.env.TEST_POSTGRES_URL = server.url;
}

/** globalTeardown: stops the cluster and removes its folder. */
export async function stopTestPostgres(): Promise<void> {
  const server = globalForRun.testPostgres;
  globalForRun.testPostgres = undefined;
  await server?.stop();
}

let counter = 0;

/** A fresh database copied from the migrated template, on the run's cluster; returns its address. */
export async function templateCopy(label: string): Promise<string> {
  const cluster = process.env.TEST_POSTGRES_URL;
  if (!cluster)
    throw new Error("TEST_POSTGRES_URL is not set: run the PostgreSQL tests through jest (TEST_DB=postgres)");
  const name = `${label}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  return createDatabase(cluster, name, { template: TEMPLATE });
}

/** Drops a database made by `templateCopy`, even while something is still connected to it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
