// In-process timings on the large database: median and p99 of repeated calls.
export type Timing = { name: string; samples: number; medianMs: number; p99Ms: number };

function summarize(name: string, times: number[]): Timing {
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 1000) / 1000;
  return { name, samples: times.length, medianMs: at(0.5), p99Ms: at(0.99) };
}

export async function timeSamples(name: string, samples: number, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(5, samples); i++) await fn(-1 - i); // warm-up (negative index: a throwaway call)
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return summarize(name, times);
}
