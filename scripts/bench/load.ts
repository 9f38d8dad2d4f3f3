// Requests per second and latency of one page under 10 concurrent connections (autocannon).
import autocannon from "autocannon";

export type LoadResult = {
  name: string;
  path: string;
  as: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The status of one plain request, to show what a non-2xx answer was. */
  sampleStatus: number;
};

export async function measure(options: {
  name: string;
  baseURL: string;
  path: string;
  as: string;
  cookie?: string;
  durationS: number;
  connections?: number;
}): Promise<LoadResult> {
  const url = options.baseURL + options.path;
  const headers: Record<string, string> = options.cookie ? { cookie: options.cookie } : {};
  const sample = await fetch(url, { headers, redirect: "manual" });
  await sample.arrayBuffer();
  // Warm-up: the first requests of a route load its code.
  await run(url, headers, 1, options.connections ?? 10);
  const result = await run(url, headers, options.durationS, options.connections ?? 10);
  return {
    name: options.name,
    path: options.path,
    as: options.as,
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    sampleStatus: sample.status,
  };
}

function run(url: string, headers: Record<string, string>, duration: number, connections: number): Promise<autocannon.Result> {
  return autocannon({ url, headers, connections, duration, timeout: 30 });
}

const round = (n: number) => Math.round(n * 10) / 10;
