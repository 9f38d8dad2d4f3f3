import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { defineStatement, type Executor } from "@/db/client";
import { consentRecords, processes, users, type ConsentRecord } from "@/db/schema";
import { CONSENT_CHANNELS, type ConsentChannel } from "@/lib/domain";

export type ConsentState = Record<ConsentChannel, { granted: boolean; at: Date } | null>;

/** The newest record of each channel is the current state; a channel never recorded is no consent. */
export function stateOf(
  records: readonly Pick<ConsentRecord, "channel" | "granted" | "recordedAt" | "id">[],
): ConsentState {
  const state = Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, null])) as ConsentState;
  const newestFirst = [...records].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || b.id - a.id);
  for (const record of newestFirst) state[record.channel] ??= { granted: record.granted, at: record.recordedAt };
  return state;
}

/** Whether the customer currently allows marketing contact on the channel. */
export function allows(state: ConsentState, channel: ConsentChannel): boolean {
  return state[channel]?.granted === true;
}

/** The customer's records, newest first (inside a transaction: pass its `tx`). */
export async function consentRecordsOf(db: Executor, customerId: number): Promise<ConsentRecord[]> {
  return await recordsOf({}, db).all({ customerId });
}

const recordsOf = defineStatement((db) =>
  db
    .select()
    .from(consentRecords)
    .where(eq(consentRecords.customerId, sql.placeholder("customerId")))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id)),
);

const historyStatement = defineStatement((db, { ofProcess }: { ofProcess: boolean }) =>
  db
    .select({
      id: consentRecords.id,
      channel: consentRecords.channel,
      granted: consentRecords.granted,
      source: consentRecords.source,
      text: consentRecords.text,
      recordedAt: consentRecords.recordedAt,
      recordedByName: users.name,
    })
    .from(consentRecords)
    .leftJoin(users, eq(users.id, consentRecords.recordedById))
    .where(
      ofProcess
        ? sql`${consentRecords.customerId} = (select ${processes.customerId} from ${processes} where ${processes.id} = ${sql.placeholder("processId")})`
        : eq(consentRecords.customerId, sql.placeholder("customerId")),
    )
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id)),
);

/**
 * The panel's section "Zgody" (and the export): the current state per channel and the whole history, newest
 * first. The caller has found the customer through what the user may see.
 */
export async function customerConsents(customerId: number) {
  const history = await historyStatement({ ofProcess: false }).all({ customerId });
  return { state: stateOf(history), history };
}

/**
 * The same for a process's customer, by the process's id (the panel reads it alongside the process):
 * the caller shows it only once the process turns out visible to the user.
 */
export async function processCustomerConsents(processId: number) {
  const history = await historyStatement({ ofProcess: true }).all({ processId });
  return { state: stateOf(history), history };
}
export type ConsentHistoryEntry = Awaited<ReturnType<typeof customerConsents>>["history"][number];
