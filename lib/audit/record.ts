import "server-only";
import { defineStatement, valueOf, type Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditEventKind } from "@/lib/domain";
import { requestClientAddress } from "@/lib/http/client-address";

/** What an event is about beyond its kind, user and customer: ids and short values, kept as JSON. */
export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEventInput = {
  kind: AuditEventKind;
  /** Who did it; null when nobody was signed in (a failed sign-in, a lead). */
  userId: number | null;
  customerId?: number | null;
  details?: AuditDetails;
  /** The client's address; by default the address of the request being served (none outside a request). */
  address?: string | null;
  at?: Date;
};

/**
 * Writes an entry of "Dziennik zdarzeń" inside the caller's transaction, so that it stands or falls with
 * what it records. The log is append-only: this is the one way in, and only expiry removes entries.
 */
export async function recordEvent(tx: Executor, event: AuditEventInput): Promise<void> {
  const address = event.address === undefined ? await requestClientAddress() : event.address;
  await insertAuditEvent({}, tx).all({
    kind: event.kind,
    userId: event.userId,
    customerId: event.customerId ?? null,
    details: event.details ? JSON.stringify(event.details) : null,
    address,
    createdAt: event.at ?? new Date(),
  });
}

/** Built once, run in the caller's transaction. */
const insertAuditEvent = defineStatement((db) =>
  db
    .insert(auditEvents)
    .values({
      kind: valueOf("kind"),
      userId: valueOf("userId"),
      customerId: valueOf("customerId"),
      details: valueOf("details"),
      address: valueOf("address"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: auditEvents.id }),
);
