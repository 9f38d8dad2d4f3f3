import { FUNNEL_MODES, type FunnelMode } from "./queries";
import { parseId } from "@/lib/validation";
import { periodParams, resolvePeriod, type Period, type PeriodError } from "./period";

export type SearchParams = Record<string, string | string[] | undefined>;

export type StatsQuery = {
  period: Period;
  periodError?: PeriodError;
  mode: FunnelMode;
  /** "Salon": one showroom's numbers (the page checks the viewer may ask for it). */
  showroomId?: number;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What a statistics URL asks for: the period (`okres`, `od`, `do`), the funnel's mode (`lejek`), the showroom (`salon`). */
export function readStatsQuery(params: SearchParams, now = new Date()): StatsQuery {
  const { period, error } = resolvePeriod({ okres: params.okres, od: params.od, do: params.do }, now);
  const lejek = first(params.lejek);
  const mode = (FUNNEL_MODES as readonly string[]).includes(lejek ?? "") ? (lejek as FunnelMode) : "utworzone";
  const salon = parseId(first(params.salon));
  return { period, periodError: error, mode, ...(salon === undefined ? {} : { showroomId: salon }) };
}

/** A link to `path` with this query's period and mode, plus `extra`. */
export function statsHref(
  path: string,
  query: Pick<StatsQuery, "period" | "mode" | "showroomId">,
  extra: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams({
    ...periodParams(query.period),
    ...(query.mode === "utworzone" ? {} : { lejek: query.mode }),
    ...(query.showroomId === undefined ? {} : { salon: String(query.showroomId) }),
  });
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return `${path}?${params}`;
}
