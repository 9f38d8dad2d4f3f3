// The sales funnel's rules and arithmetic, without a database: the SQL in ./queries.ts reduces each
// process's status history the same way (see reduceHistory) and hands the grouped rows to buildFunnel.
import type { ProcessStatus } from "@/lib/domain";

export const FUNNEL_STAGES = [
  "new",
  "in_progress",
  "offer",
  "order",
  "delivered",
] as const satisfies readonly ProcessStatus[];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type OpenStage = Exclude<FunnelStage, "delivered">;

/** Position on the path Nowy → … → Wydany; -1 for `resigned`, which is not on it. */
export function stageIndex(status: ProcessStatus): number {
  return (FUNNEL_STAGES as readonly ProcessStatus[]).indexOf(status);
}

export type HistoryReduction = {
  /** The furthest stage ever entered: every stage up to it counts as reached. */
  maxStage: number;
  /** Set when the process ends (now) in `resigned`: the last open stage it was in before resigning. */
  resignedFrom: number | null;
};

/**
 * The rule. `history` is every status the process entered, in order, the first being its status at
 * creation. A process reached a stage when it ever entered that stage or a later one on the path: a
 * skipped stage counts as passed, going back neither un-reaches a stage nor counts it twice. A process
 * "ended in resignation" when its last status is `resigned`; it resigned from the last open stage it was
 * in before that (Nowy when there was none). Reopened after resigning, it is no longer resigned.
 */
export function reduceHistory(history: readonly ProcessStatus[]): HistoryReduction {
  let maxStage = 0;
  let lastOpen = 0;
  for (const status of history) {
    const index = stageIndex(status);
    maxStage = Math.max(maxStage, index);
    if (index >= 0 && index < 4) lastOpen = index;
  }
  const resigned = history.at(-1) === "resigned";
  return { maxStage, resignedFrom: resigned ? lastOpen : null };
}

/** One group of processes that share a reduction (and a resignation reason), with their count. */
export type FunnelGroup = HistoryReduction & { reason: string | null; count: number };

export type FunnelRow = {
  stage: FunnelStage;
  count: number;
  /** Share of the previous stage that reached this one (null for the first stage or an empty previous one). */
  fromPrevious: number | null;
  /** Share of all processes (that all reached Nowy). */
  ofTotal: number | null;
};

export type Funnel = {
  total: number;
  stages: FunnelRow[];
  /** Nowy → Wydany. */
  overall: number | null;
  resigned: number;
  resignedFrom: { stage: OpenStage; count: number }[];
  reasons: { reason: string; count: number }[];
};

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Case and spacing do not make two reasons different. */
export function normalizeReason(reason: string): string {
  return reason.trim().replace(/\s+/g, " ").toLocaleLowerCase("pl");
}

export function buildFunnel(groups: readonly FunnelGroup[], topReasons = 5): Funnel {
  const reached = FUNNEL_STAGES.map(() => 0);
  const resignedFrom = [0, 0, 0, 0];
  // normalized reason → count and the spelling used most often
  const reasons = new Map<string, { count: number; spellings: Map<string, number> }>();
  let total = 0;
  for (const group of groups) {
    total += group.count;
    for (let stage = 0; stage <= group.maxStage && stage < reached.length; stage++) reached[stage] += group.count;
    if (group.resignedFrom === null) continue;
    resignedFrom[group.resignedFrom] += group.count;
    const spelling = group.reason?.trim().replace(/\s+/g, " ");
    if (!spelling) continue;
    const key = normalizeReason(spelling);
    const entry = reasons.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    entry.count += group.count;
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + group.count);
    reasons.set(key, entry);
  }
  const stages = FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: reached[i],
    fromPrevious: i === 0 ? null : ratio(reached[i], reached[i - 1]),
    ofTotal: ratio(reached[i], total),
  }));
  return {
    total,
    stages,
    overall: ratio(reached[4], reached[0]),
    resigned: resignedFrom.reduce((sum, n) => sum + n, 0),
    resignedFrom: (["new", "in_progress", "offer", "order"] as const).map((stage, i) => ({
      stage,
      count: resignedFrom[i],
    })),
    reasons: [...reasons.values()]
      .map(({ count, spellings }) => ({
        reason: [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "pl"))[0][0],
        count,
      }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason, "pl"))
      .slice(0, topReasons),
  };
}

/** "42,9 %" style; "—" when there is nothing to divide by. */
export function formatPercent(value: number | null): string {
  if (value === null) return "—";
  return `${(Math.round(value * 1000) / 10).toLocaleString("pl-PL")} %`;
}

/** A duration in days, one decimal ("3,5 dnia"). */
export function durationDays(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / 86_400_000) * 10) / 10;
}
