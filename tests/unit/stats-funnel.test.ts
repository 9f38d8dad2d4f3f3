import { buildFunnel, formatPercent, normalizeReason, reduceHistory, type FunnelGroup } from "@/lib/stats/funnel";
import type { ProcessStatus } from "@/lib/domain";

const group = (history: ProcessStatus[], reason: string | null = null): FunnelGroup => ({
  ...reduceHistory(history),
  reason,
  count: 1,
});
const counts = (groups: FunnelGroup[]) => buildFunnel(groups).stages.map((s) => s.count);

describe("reduceHistory: which stages a process reached", () => {
  test("a process still new reached only Nowy", () => {
    expect(reduceHistory(["new"])).toEqual({ maxStage: 0, resignedFrom: null });
  });

  test("going back a stage does not un-reach it nor count a stage twice", () => {
    const wentBack = group(["new", "in_progress", "offer", "in_progress", "offer", "in_progress"]);
    expect(wentBack.maxStage).toBe(2);
    expect(counts([wentBack])).toEqual([1, 1, 1, 0, 0]);
  });

  test("a skipped stage counts as passed", () => {
    const skipped = group(["new", "offer", "delivered"]);
    expect(counts([skipped])).toEqual([1, 1, 1, 1, 1]);
  });

  test("a resignation is counted from the last open stage before it", () => {
    expect(reduceHistory(["new", "in_progress", "offer", "resigned"])).toEqual({ maxStage: 2, resignedFrom: 2 });
    expect(reduceHistory(["new", "resigned"])).toEqual({ maxStage: 0, resignedFrom: 0 });
    // went back to W trakcie, then resigned: from W trakcie, but Oferta stays reached
    expect(reduceHistory(["new", "offer", "in_progress", "resigned"])).toEqual({ maxStage: 2, resignedFrom: 1 });
  });

  test("resigned and reopened is not resigned; what it reached stays reached", () => {
    const reopened = reduceHistory(["new", "in_progress", "resigned", "order"]);
    expect(reopened).toEqual({ maxStage: 3, resignedFrom: null });
    const resignedTwice = reduceHistory(["new", "in_progress", "resigned", "offer", "resigned"]);
    expect(resignedTwice).toEqual({ maxStage: 2, resignedFrom: 2 });
  });
});

describe("buildFunnel: conversions, resignations, reasons", () => {
  const groups = [
    group(["new"]),
    group(["new", "in_progress"]),
    group(["new", "in_progress", "offer", "in_progress"]),
    group(["new", "offer", "order", "delivered"]),
    group(["new", "in_progress", "resigned"], "  Za drogo "),
    group(["new", "in_progress", "offer", "resigned"], "za  DROGO"),
    group(["new", "resigned"], "Kupił gdzie indziej"),
    group(["new", "in_progress", "resigned", "in_progress"], "Żart"),
  ];

  test("counts each stage and the conversion between neighbours and overall", () => {
    const funnel = buildFunnel(groups);
    expect(funnel.total).toBe(8);
    expect(funnel.stages.map((s) => s.count)).toEqual([8, 6, 3, 1, 1]);
    expect(funnel.stages.map((s) => s.fromPrevious)).toEqual([null, 6 / 8, 3 / 6, 1 / 3, 1]);
    expect(funnel.overall).toBe(1 / 8);
    expect(formatPercent(funnel.stages[2].fromPrevious)).toBe("50 %");
    expect(formatPercent(funnel.stages[3].fromPrevious)).toBe("33,3 %");
  });

  test("counts resignations by the stage they left and merges reasons that differ in case and spacing", () => {
    const funnel = buildFunnel(groups);
    expect(funnel.resigned).toBe(3);
    expect(funnel.resignedFrom).toEqual([
      { stage: "new", count: 1 },
      { stage: "in_progress", count: 1 },
      { stage: "offer", count: 1 },
      { stage: "order", count: 0 },
    ]);
    expect(funnel.reasons.map((r) => [normalizeReason(r.reason), r.count])).toEqual([
      ["za drogo", 2],
      ["kupił gdzie indziej", 1],
    ]);
    expect(normalizeReason("  ŻÓŁTY \t kolor ")).toBe("żółty kolor");
  });

  test("an empty period has no conversions to show, not a division by zero", () => {
    const funnel = buildFunnel([]);
    expect(funnel.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 0]);
    expect(funnel.overall).toBeNull();
    expect(formatPercent(funnel.overall)).toBe("—");
  });
});
