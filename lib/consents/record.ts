import "server-only";
import { defineStatement, valueOf, type Executor } from "@/db/client";
import { consentRecords, type ConsentRecord } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import { CONSENT_CHANNELS, type ConsentChannel, type ConsentSource } from "@/lib/domain";
import { consentTexts } from "@/lib/settings/consent-texts";
import { consentRecordsOf, stateOf } from "./queries";

/** What the customer declared, per channel: true grants, false withdraws; a channel left out is not touched. */
export type ConsentDecisions = Partial<Record<ConsentChannel, boolean>>;

/**
 * The one way to record consents (the panel, "Nowy proces", leads, imports, anonymisation), inside the
 * caller's transaction. Each channel whose decision differs from the customer's current state gets a new
 * record (old ones are never edited); a decision that changes nothing writes nothing. Each record keeps the
 * wording agreed to: `text` when the caller has the exact words the customer saw (a web form's), else the
 * dealership's current wording of that channel ("Ustawienia"). When anything changed, one entry of
 * "Dziennik zdarzeń" says what. Returns the records written.
 */
export async function recordConsents(
  tx: Executor,
  {
    customerId,
    channels,
    source,
    text,
    by,
    at = new Date(),
    address,
    importId,
    logged = true,
    newCustomer = false,
  }: {
    customerId: number;
    channels: ConsentDecisions;
    source: ConsentSource;
    text?: string;
    /** The user who recorded it; null for what came in by itself (a lead). */
    by: number | null;
    at?: Date;
    /** The client's address for the event log; by default the request's. */
    address?: string | null;
    /** The import whose file carried the consents ("Cofnij import" removes its records). */
    importId?: number;
    /** false: the caller logs the change in one entry of its own (an import logs one for all its rows). */
    logged?: boolean;
    /** The customer was created in this transaction: there are no records to read. */
    newCustomer?: boolean;
  },
): Promise<ConsentRecord[]> {
  const current = stateOf(newCustomer ? [] : await consentRecordsOf(tx, customerId));
  const changes = CONSENT_CHANNELS.filter(
    (channel) => channels[channel] !== undefined && channels[channel] !== (current[channel]?.granted ?? false),
  );
  if (changes.length === 0) return [];
  const wording = text === undefined ? await consentTexts(tx) : null;
  const written = await insertRecords({ rows: changes.length }, tx).all({
    customerId,
    recordedById: by,
    source,
    recordedAt: at,
    importId: importId ?? null,
    ...Object.fromEntries(
      changes.flatMap((channel, row) => [
        [`channel${row}`, channel],
        [`granted${row}`, channels[channel]!],
        [`text${row}`, text ?? wording![channel]],
      ]),
    ),
  });
  if (!logged) return written;
  await recordEvent(tx, {
    kind: "consents_changed",
    userId: by,
    customerId,
    details: { source, ...Object.fromEntries(changes.map((channel) => [channel, channels[channel]!])) },
    address,
    at,
  });
  return written;
}

/** One record per changed channel (one to three), built once per count and run in the caller's transaction. */
const insertRecords = defineStatement((db, { rows }: { rows: number }) =>
  db
    .insert(consentRecords)
    .values(
      Array.from({ length: rows }, (_, row) => ({
        customerId: valueOf("customerId"),
        channel: valueOf(`channel${row}`),
        granted: valueOf(`granted${row}`),
        recordedById: valueOf("recordedById"),
        source: valueOf("source"),
        text: valueOf(`text${row}`),
        recordedAt: valueOf("recordedAt"),
        importId: valueOf("importId"),
      })),
    )
    .returning(),
);
