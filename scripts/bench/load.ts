// Requests per second and latency under 10 concurrent connections (autocannon). On a shared machine the
// load from elsewhere changes by the second, so the pages take turns in short slices, round after round,
// and each page's figures pool all of its slices: every page sees the same conditions, yardstick included.
import autocannon from "autocannon";

export type LoadTarget = {
  name: string;
  path: string;
  as: string;
  cookie?: string;
  /** Another server than the app's (the bare page of the floor). */
  baseURL?: string;
  /** A POST (the lead API): its body, where each request's "[<id>]" becomes a fresh id, and its headers. */
  post?: { body: string; headers: Record<string, string> };
};

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
  /** The size of that request's answer (HTML, uncompressed). */
  responseBytes: number;
};

export type Tally = {
  latencies: number[];
  seconds: number;
  non2xx: number;
  errors: number;
  sampleStatus: number;
  responseBytes?: number;
};

export async function measureAll(
  targets: LoadTarget[],
  options: {
    baseURL: string;
    durationS: number;
    sliceS?: number;
    connections?: number;
    onSlice?: (round: number, rounds: number) => void;
  },
): Promise<LoadResult[]> {
  const connections = options.connections ?? 10;
  const rounds = Math.max(1, Math.round(options.durationS / (options.sliceS ?? 2)));
  const sliceS = options.durationS / rounds;
  const tallies: Tally[] = [];
  for (const target of targets) {
    const sample = await fetch((target.baseURL ?? options.baseURL) + target.path, {
      method: target.post ? "POST" : "GET",
      headers: headersOf(target),
      body: target.post?.body.replaceAll("[<id>]", crypto.randomUUID()),
      redirect: "manual",
    });
    const responseBytes = (await sample.arrayBuffer()).byteLength;
    // Warm-up: the first requests of a route load its code.
    await slice(options.baseURL, target, 1, connections);
    tallies.push({ latencies: [], seconds: 0, non2xx: 0, errors: 0, sampleStatus: sample.status, responseBytes });
  }
  for (let round = 0; round < rounds; round++) {
    options.onSlice?.(round + 1, rounds);
    for (const [index, target] of targets.entries()) {
      const part = await slice(options.baseURL, target, sliceS, connections);
      const tally = tallies[index];
      tally.latencies.push(...part.latencies);
      tally.seconds += part.seconds;
      tally.non2xx += part.non2xx;
      tally.errors += part.errors;
    }
  }
  return targets.map((target, index) => summarize(target, tallies[index]));
}

/** A page's pooled slices as one result. */
export function summarize(target: LoadTarget, tally: Tally): LoadResult {
  const sorted = tally.latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : 0;
  return {
    name: target.name,
    path: target.path,
    as: target.as,
    requestsPerSecond: Math.round((sorted.length / tally.seconds) * 10) / 10,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: sorted.length,
    non2xx: tally.non2xx,
    errors: tally.errors,
    sampleStatus: tally.sampleStatus,
    responseBytes: tally.responseBytes ?? 0,
  };
}

function headersOf(target: LoadTarget): Record<string, string> {
  return { ...(target.cookie ? { cookie: target.cookie } : {}), ...target.post?.headers };
}

/** One slice of load on a page: every request's latency, and what failed. */
export async function slice(baseURL: string, target: LoadTarget, durationS: number, connections: number) {
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({
    url: (target.baseURL ?? baseURL) + target.path,
    headers: headersOf(target),
    // Each request its own body (autocannon's idReplacement keeps the template's Content-Length).
    ...(target.post
      ? {
          requests: [
            {
              method: "POST" as const,
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                body: target.post!.body.replaceAll("[<id>]", crypto.randomUUID()),
              }),
            },
          ],
        }
      : {}),
    connections,
    duration: durationS,
    timeout: 30,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode > 299) non2xx++;
  });
  const result = await instance;
  return { latencies, seconds: result.duration, non2xx, errors: result.errors + result.timeouts };
}
