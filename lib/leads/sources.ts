import "server-only";
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { defineStatement, getDb, lockUntilCommit, transaction, type Executor } from "@/db/client";
import {
  leadSourceAssignees,
  leadSources,
  leadSubmissions,
  showrooms,
  userShowrooms,
  users,
  type LeadSourceRow,
} from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { t } from "@/lib/i18n";
import { assertAdmin, type Admin } from "@/lib/users/admin";
import type { LeadSourceEditInput, LeadSourceInput } from "./schema";

const l = t.leads;
/** How long "Zgłoszenia" shows (and keeps) refused submissions. */
export const LOG_DAYS = 30;

// ---------------------------------------------------------------- keys

/** A new API key: 32 random bytes. It is no password (nobody chooses it), so SHA-256 is enough to store it. */
export function generateApiKey(): string {
  return `lead_${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** The active API source a key belongs to, or undefined (no key, a wrong or revoked one). */
export async function findSourceByKey(key: string | null | undefined): Promise<{ id: number } | undefined> {
  if (!key || key.length > 200) return undefined;
  return await sourceByKeyHash({}).get({ keyHash: hashApiKey(key) });
}

const sourceByKeyHash = defineStatement((db) =>
  db
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(
      and(
        eq(leadSources.keyHash, sql.placeholder("keyHash")),
        eq(leadSources.active, true),
        eq(leadSources.kind, "api"),
      ),
    ),
);

/** An active source of kind `Formularz WWW`: what `/formularz/<source>` serves. */
export async function findFormSource(id: number): Promise<Pick<LeadSourceRow, "id" | "name"> | undefined> {
  const [source] = await getDb()
    .select({ id: leadSources.id, name: leadSources.name })
    .from(leadSources)
    .where(and(eq(leadSources.id, id), eq(leadSources.active, true), eq(leadSources.kind, "web_form")));
  return source;
}

/** The active mailbox source its leads are filed under (the oldest, when there are several). */
export async function findMailboxSource(db: Executor = getDb()): Promise<{ id: number } | undefined> {
  const [source] = await db
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(and(eq(leadSources.kind, "mailbox"), eq(leadSources.active, true)))
    .orderBy(asc(leadSources.id))
    .limit(1);
  return source;
}

// ---------------------------------------------------------------- "Źródła leadów"

/** Every source with its showroom's name and its chosen salespeople. */
export async function listLeadSources() {
  const db = getDb();
  const rows = await db
    .select({
      id: leadSources.id,
      name: leadSources.name,
      kind: leadSources.kind,
      showroomId: leadSources.showroomId,
      showroomName: showrooms.name,
      processSource: leadSources.processSource,
      firstContactMinutes: leadSources.firstContactMinutes,
      rateLimitPerMinute: leadSources.rateLimitPerMinute,
      hasKey: sql<boolean>`${leadSources.keyHash} is not null`.mapWith(Boolean),
      active: leadSources.active,
    })
    .from(leadSources)
    .innerJoin(showrooms, eq(showrooms.id, leadSources.showroomId))
    .orderBy(asc(leadSources.name));
  const assignees = await db
    .select({ sourceId: leadSourceAssignees.sourceId, userId: leadSourceAssignees.userId })
    .from(leadSourceAssignees);
  return rows.map((row) => ({
    ...row,
    assigneeIds: assignees.filter((a) => a.sourceId === row.id).map((a) => a.userId),
  }));
}
export type LeadSourceListItem = Awaited<ReturnType<typeof listLeadSources>>[number];

export async function findLeadSource(id: number): Promise<LeadSourceRow | undefined> {
  const [source] = await getDb().select().from(leadSources).where(eq(leadSources.id, id));
  return source;
}

/** Salespeople an admin may choose from: the active ones, each with the showrooms they work in. */
export async function assignableSalespeople() {
  const rows = await getDb()
    .select({ id: users.id, name: users.name, showroomId: userShowrooms.showroomId })
    .from(users)
    .innerJoin(userShowrooms, eq(userShowrooms.userId, users.id))
    .where(and(eq(users.active, true), eq(users.role, "salesperson")))
    .orderBy(asc(users.name), asc(users.id));
  const people = new Map<number, { id: number; name: string; showroomIds: number[] }>();
  for (const row of rows) {
    const person = people.get(row.id) ?? { id: row.id, name: row.name, showroomIds: [] };
    person.showroomIds.push(row.showroomId);
    people.set(row.id, person);
  }
  return [...people.values()];
}

/** A source's submissions of the last 30 days, newest first. */
export async function submissionLog({ sourceId, now = new Date() }: { sourceId: number; now?: Date }) {
  return await getDb()
    .select({
      id: leadSubmissions.id,
      receivedAt: leadSubmissions.receivedAt,
      result: leadSubmissions.result,
      processId: leadSubmissions.processId,
      error: leadSubmissions.error,
    })
    .from(leadSubmissions)
    .where(
      and(
        eq(leadSubmissions.sourceId, sourceId),
        gte(leadSubmissions.receivedAt, new Date(now.getTime() - LOG_DAYS * 86_400_000)),
      ),
    )
    .orderBy(desc(leadSubmissions.receivedAt), desc(leadSubmissions.id))
    .limit(200);
}

/**
 * Names are unique regardless of letter case, which no index states: two saves check in turn (on
 * PostgreSQL both checks could otherwise pass before either insert).
 */
async function nameTaken(tx: Executor, name: string, exceptId?: number): Promise<boolean> {
  await lockUntilCommit(tx, "lead source names");
  const found = await tx
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(
      and(sql`lower(${leadSources.name}) = ${name.toLowerCase()}`, exceptId ? ne(leadSources.id, exceptId) : undefined),
    );
  return found.length > 0;
}

/** The chosen salespeople must be active salespeople of the source's showroom. */
async function checkAssignees(tx: Executor, showroomId: number, assigneeIds: number[]): Promise<void> {
  const [showroom] = await tx.select({ id: showrooms.id }).from(showrooms).where(eq(showrooms.id, showroomId));
  if (!showroom) throw new UserError(t.common.formHasErrors, { showroomId: [t.common.validation.invalidChoice] });
  if (!assigneeIds.length) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userShowrooms, and(eq(userShowrooms.userId, users.id), eq(userShowrooms.showroomId, showroomId)))
    .where(and(inArray(users.id, assigneeIds), eq(users.active, true), eq(users.role, "salesperson")));
  if (found.length !== assigneeIds.length)
    throw new UserError(t.common.formHasErrors, { assigneeIds: [l.notInShowroom] });
}

async function setAssignees(tx: Executor, sourceId: number, assigneeIds: number[]): Promise<void> {
  await tx.delete(leadSourceAssignees).where(eq(leadSourceAssignees.sourceId, sourceId));
  if (assigneeIds.length) {
    await tx.insert(leadSourceAssignees).values(assigneeIds.map((userId) => ({ sourceId, userId })));
  }
}

/** A new source; an API source gets its key, returned here once and stored only as its hash. */
export function createLeadSource({
  actor,
  input,
}: {
  actor: Admin;
  input: LeadSourceInput;
}): Promise<{ source: LeadSourceRow; key: string | null }> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    if (await nameTaken(tx, input.name)) throw new UserError(t.common.formHasErrors, { name: [l.nameTaken] });
    await checkAssignees(tx, input.showroomId, input.assigneeIds);
    const key = input.kind === "api" ? generateApiKey() : null;
    const [source] = await tx
      .insert(leadSources)
      .values({
        name: input.name,
        kind: input.kind,
        showroomId: input.showroomId,
        processSource: input.processSource,
        firstContactMinutes: input.firstContactMinutes,
        rateLimitPerMinute: input.rateLimitPerMinute,
        keyHash: key ? hashApiKey(key) : null,
      })
      .returning();
    await setAssignees(tx, source.id, input.assigneeIds);
    return { source, key };
  });
}

export function updateLeadSource({
  actor,
  id,
  input,
}: {
  actor: Admin;
  id: number;
  input: LeadSourceEditInput;
}): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [source] = await tx.select({ id: leadSources.id }).from(leadSources).where(eq(leadSources.id, id));
    if (!source) throw new UserError(t.common.notFound);
    if (await nameTaken(tx, input.name, id)) throw new UserError(t.common.formHasErrors, { name: [l.nameTaken] });
    await checkAssignees(tx, input.showroomId, input.assigneeIds);
    await tx
      .update(leadSources)
      .set({
        name: input.name,
        showroomId: input.showroomId,
        processSource: input.processSource,
        firstContactMinutes: input.firstContactMinutes,
        rateLimitPerMinute: input.rateLimitPerMinute,
      })
      .where(eq(leadSources.id, id));
    await setAssignees(tx, id, input.assigneeIds);
  });
}

/** A new key for an API source (the old one stops working at once), or none ("Unieważnij klucz"). */
export function replaceApiKey({
  actor,
  id,
  revoke,
}: {
  actor: Admin;
  id: number;
  revoke: boolean;
}): Promise<string | null> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [source] = await tx.select({ kind: leadSources.kind }).from(leadSources).where(eq(leadSources.id, id));
    if (source?.kind !== "api") throw new UserError(t.common.notFound);
    const key = revoke ? null : generateApiKey();
    await tx
      .update(leadSources)
      .set({ keyHash: key ? hashApiKey(key) : null })
      .where(eq(leadSources.id, id));
    return key;
  });
}
