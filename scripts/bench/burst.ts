// A burst of wrong passwords during the process panel's measurement: 50 sign-in attempts kept in flight
// through the real sign-in form (its server action), each from another address (the bench's server trusts
// X-Forwarded-For) and for an unknown e-mail, so that every one is hashed in full: the worst case for the
// pages. The panel is measured in slices that take turns, with and without the burst, in the same run.
import crypto from "node:crypto";
import { slice, summarize, type LoadResult, type LoadTarget, type Tally } from "./load";

export type BurstResult = {
  quiet: LoadResult;
  burst: LoadResult;
  /** Sign-in attempts answered during the burst slices, per second, and their median time. */
  attemptsPerSecond: number;
  attemptP50Ms: number;
  /** Attempts answered with anything but the form's refusal (must be 0). */
  unexpected: number;
};

const emptyTally = (): Tally => ({ latencies: [], seconds: 0, non2xx: 0, errors: 0, sampleStatus: 200 });

function randomAddress(): string {
  const bytes = crypto.randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** One wrong password through the sign-in form; resolves with its latency, or -1 for an unexpected answer. */
async function wrongPassword(baseURL: string, actionId: string): Promise<number> {
  const form = new FormData();
  form.append("_1_email", `nikt-${crypto.randomUUID()}@bench.test`);
  form.append("_1_password", "zle-haslo-123");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const started = performance.now();
  const response = await fetch(`${baseURL}/login`, {
    method: "POST",
    headers: {
      "Next-Action": actionId,
      Accept: "text/x-component",
      Origin: baseURL,
      "X-Forwarded-For": randomAddress(),
    },
    body: form,
    redirect: "manual",
  });
  const body = await response.text();
  const elapsed = performance.now() - started;
  return response.status === 200 && body.includes("Nieprawidłowy e-mail lub hasło.") ? elapsed : -1;
}

export async function measureUnderBurst(
  target: LoadTarget,
  options: { baseURL: string; durationS: number; actionId: string; parallel?: number; connections?: number },
): Promise<BurstResult> {
  const parallel = options.parallel ?? 50;
  const connections = options.connections ?? 10;
  const rounds = Math.max(1, Math.round(options.durationS / 2));
  const sliceS = options.durationS / rounds;
  const quiet = emptyTally();
  const burst = emptyTally();
  const attempts: number[] = [];
  let unexpected = 0;
  let burstSeconds = 0;
  const add = (tally: Tally, part: Awaited<ReturnType<typeof slice>>) => {
    tally.latencies.push(...part.latencies);
    tally.seconds += part.seconds;
    tally.non2xx += part.non2xx;
    tally.errors += part.errors;
  };
  for (let round = 0; round < rounds; round++) {
    add(quiet, await slice(options.baseURL, target, sliceS, connections));
    // The burst starts, the page is measured while it runs, then the burst drains before the next quiet slice.
    let running = true;
    const workers = Array.from({ length: parallel }, async () => {
      while (running) {
        const ms = await wrongPassword(options.baseURL, options.actionId).catch(() => -1);
        if (ms < 0) unexpected++;
        else attempts.push(ms);
      }
    });
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500)); // all 50 in flight
    add(burst, await slice(options.baseURL, target, sliceS, connections));
    running = false;
    await Promise.all(workers);
    burstSeconds += (performance.now() - started) / 1000;
  }
  const sorted = [...attempts].sort((a, b) => a - b);
  return {
    quiet: summarize(target, quiet),
    burst: summarize(target, burst),
    attemptsPerSecond: Math.round((attempts.length / burstSeconds) * 10) / 10,
    attemptP50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    unexpected,
  };
}
