// The realistic mix of `npm run bench`: virtual salespeople, each a real account of the bench database
// with a session of its own, working on its own processes in a loop with think time between steps:
// "Moje zadania", a panel (of a task listed there), planning a contact on it (the combined form's server
// action, called as React's client calls it), executing the task (with its mandatory next task) and a
// search of "Procesy". Every step's latency is kept; the p50 and p95 of each step and the errors are
// reported.

export type MixUser = { id: number; cookie: string };

export const MIX_STEPS = ["Moje zadania", "panel", "plan a contact", "execute a task", "search Procesy"] as const;
export type MixStep = (typeof MIX_STEPS)[number];

export type StepResult = {
  step: MixStep;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  errors: number;
  /** The first error of this step, to show what went wrong. */
  sampleError?: string;
};

export type MixResult = { users: number; durationS: number; loops: number; steps: StepResult[] };

const LAST_NAMES = ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski"];

type Tally = { latencies: number[]; errors: number; sampleError?: string };

class StepError extends Error {}

export async function runMix(options: {
  baseURL: string;
  users: MixUser[];
  durationS: number;
  actions: { planTask: string; completeTask: string };
  /** Think time between steps, uniformly in [min, max] ms. */
  thinkMs?: [number, number];
  /** Each salesperson stops after this many loops (the warm-up's one), or at the end of the time. */
  maxLoops?: number;
}): Promise<MixResult> {
  const { baseURL, actions } = options;
  const [thinkMin, thinkMax] = options.thinkMs ?? [1000, 3000];
  const tallies = new Map<MixStep, Tally>(MIX_STEPS.map((step) => [step, { latencies: [], errors: 0 }]));
  const deadline = Date.now() + options.durationS * 1000;
  let loops = 0;
  let submission = 0;

  const think = () => new Promise((resolve) => setTimeout(resolve, thinkMin + Math.random() * (thinkMax - thinkMin)));

  /** Times one step; a failed one counts as an error (its latency is kept too: the user waited). */
  async function timed<T>(step: MixStep, run: () => Promise<T>): Promise<T | undefined> {
    const tally = tallies.get(step)!;
    const started = performance.now();
    try {
      const result = await run();
      tally.latencies.push(performance.now() - started);
      return result;
    } catch (error) {
      tally.latencies.push(performance.now() - started);
      tally.errors++;
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      tally.sampleError ??= error instanceof Error ? error.message + cause : String(error);
      return undefined;
    }
  }

  async function page(user: MixUser, path: string): Promise<string> {
    const get = () => fetch(baseURL + path, { headers: { cookie: user.cookie }, redirect: "manual" });
    // A kept-alive connection the server closed just then fails before any answer: a browser sends such a
    // GET again, and so does the mix (once).
    const response = await get().catch(get);
    const body = await response.text();
    if (response.status !== 200) throw new StepError(`GET ${path}: ${response.status}`);
    return body;
  }

  /** The combined form, as React's client posts it: the bound id, the previous state, the form's fields. */
  async function action(user: MixUser, path: string, actionId: string, bound: number, expect: string) {
    submission++;
    const day = 1 + (submission % 28);
    const fields: Record<string, string> = {
      submissionId: `mix-${user.id}-${Date.now()}-${submission}`,
      initiative: "customer",
      noteType: "phone",
      content: "Klient potwierdził termin jazdy próbnej, prosi o ofertę leasingu.",
      goal: "phone_contact",
      remindAbout: "przygotować kalkulację",
      startDate: `2027-03-${String(day).padStart(2, "0")}`,
      startTime: `${String(8 + (submission % 10)).padStart(2, "0")}:00`,
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
    form.append("0", JSON.stringify([bound, { status: "idle" }, "$K1"]));
    const response = await fetch(baseURL + path, {
      method: "POST",
      headers: { cookie: user.cookie, "Next-Action": actionId, Accept: "text/x-component", Origin: baseURL },
      body: form,
      redirect: "manual",
    });
    const body = await response.text();
    const redirect = response.headers.get("x-action-redirect")?.split(";")[0];
    if (redirect !== expect) throw new StepError(`POST ${path}: ${response.status}, ${body.slice(0, 200)}`);
  }

  async function salesperson(user: MixUser) {
    // Each starts at its own moment, as people do.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMax));
    // A loop begun is finished, so that every step has as many samples.
    for (let loop = 0; Date.now() < deadline && loop < (options.maxLoops ?? Infinity); loop++) {
      const tasks = await timed("Moje zadania", () => page(user, "/zadania"));
      const links = [...(tasks ?? "").matchAll(/\/procesy\/(\d+)\/zadania\/(\d+)\/wykonaj/g)];
      if (!links.length) {
        tallies.get("Moje zadania")!.errors++;
        await think();
        continue;
      }
      const pick = links[Math.floor(Math.random() * Math.min(links.length, 20))];
      const [processId, taskId] = [Number(pick[1]), Number(pick[2])];
      const panel = `/procesy/${processId}`;
      await think();
      await timed("panel", () => page(user, panel));
      await think();
      await timed("plan a contact", () => action(user, `${panel}/planowanie`, actions.planTask, processId, panel));
      await think();
      await timed("execute a task", () =>
        action(user, `${panel}/zadania/${taskId}/wykonaj`, actions.completeTask, taskId, panel),
      );
      await think();
      const q = LAST_NAMES[Math.floor(Math.random() * LAST_NAMES.length)];
      await timed("search Procesy", () => page(user, `/procesy?q=${encodeURIComponent(q)}`));
      loops++;
      await think();
    }
  }

  await Promise.all(options.users.map((user) => salesperson(user)));
  return {
    users: options.users.length,
    durationS: options.durationS,
    loops,
    steps: MIX_STEPS.map((step) => summarize(step, tallies.get(step)!)),
  };
}

function summarize(step: MixStep, tally: Tally): StepResult {
  const sorted = tally.latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : 0;
  return {
    step,
    samples: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    errors: tally.errors,
    ...(tally.sampleError ? { sampleError: tally.sampleError } : {}),
  };
}
