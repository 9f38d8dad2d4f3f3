// The PostgreSQL side of `npm run bench` (BENCH_DB=postgres or both): a throwaway cluster as the tests start
// one, the large SQLite database moved into it by db:copy's own code, and two servers against one.
import { copySqliteToPostgres } from "@/db/copy";
import { createDatabase, startPostgres } from "@/tests/support/postgres";
import { stopServer, type RunningServer } from "@/tests/support/server";
import { measureAll, type LoadResult, type LoadTarget } from "./load";

export type BenchPostgres = { url: string; copyMs: number; stop(): Promise<void> };

export async function benchPostgres(sqliteFile: string): Promise<BenchPostgres> {
  const cluster = await startPostgres();
  try {
    const url = await createDatabase(cluster.url, "bench");
    const started = performance.now();
    const reports = await copySqliteToPostgres({ sqliteFile, targetUrl: url });
    const different = reports.filter((r) => r.sourceRows !== r.targetRows || r.sourceChecksum !== r.targetChecksum);
    if (different.length) throw new Error(`db:copy differs in ${different.map((r) => r.table).join(", ")}`);
    return { url, copyMs: performance.now() - started, stop: cluster.stop };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

export type Scaling = { page: string; oneServer: LoadResult; twoServers: LoadResult[]; ratio: number };

/**
 * One page under the same offered load (20 connections) on one server, then split over two servers on the
 * same database (10 each, at the same time): requests per second of both together against one.
 */
export async function twoServersVsOne(options: {
  first: RunningServer;
  start: () => Promise<RunningServer>;
  target: LoadTarget;
  durationS: number;
}): Promise<Scaling> {
  const [oneServer] = await measureAll([options.target], {
    baseURL: options.first.baseURL,
    durationS: options.durationS,
    connections: 20,
  });
  const second = await options.start();
  try {
    const twoServers = await Promise.all(
      [options.first, second].map((server) =>
        measureAll([options.target], { baseURL: server.baseURL, durationS: options.durationS, connections: 10 }).then(
          ([result]) => result,
        ),
      ),
    );
    const together = twoServers.reduce((sum, result) => sum + result.requestsPerSecond, 0);
    return {
      page: options.target.name,
      oneServer,
      twoServers,
      ratio: Math.round((together / oneServer.requestsPerSecond) * 100) / 100,
    };
  } finally {
    await stopServer(second);
  }
}
