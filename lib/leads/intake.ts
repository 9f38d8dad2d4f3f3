import "server-only";
import { and, count, desc, eq, gt, gte, inArray, min, or, sql } from "drizzle-orm";
import { defineStatement, forUpdate, isUniqueViolation, transaction, valueOf, type Executor } from "@/db/client";
import {
  customers,
  leadSourceAssignees,
  leadSources,
  leadSubmissions,
  notes,
  processes,
  tasks,
  type LeadSourceRow,
} from "@/db/schema";
import { recordConsents } from "@/lib/consents/record";
import { customersWithContact, insertCustomer } from "@/lib/customers/records";
import { customerName } from "@/lib/customers/name";
import { OPEN_STATUSES, type ConsentSource, type NoteType } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { touchProcess, writeProcessEvent } from "@/lib/processes/events";
import { insertProcess } from "@/lib/processes/records";
import { activeManagersOf, activeSalespeopleOf } from "@/lib/showrooms/queries";
import { declaredConsents, type LeadInput } from "./input";

const l = t.leads;
const RATE_WINDOW_MS = 60_000;
/** How long the first-contact task lasts in the calendar. */
const FIRST_CONTACT_TASK_MS = 15 * 60_000;

/** `201`'s and `200`'s body. */
export type LeadAnswer = { processId: number; customerId: number; result: "created" | "attached" };

export type IntakeOutcome =
  | { status: 201 | 200; answer: LeadAnswer }
  | { status: 429; retryAfterSeconds: number }
  /** The source was deactivated or its key revoked meanwhile. */
  | { status: 401 }
  /** Nobody in the source's showroom to give it to. */
  | { status: 503 };

/** What makes a second submission the same lead: the source's `externalId`, an `Idempotency-Key`, a mailbox UID. */
export type LeadIdentity = { externalId?: string; idempotencyKey?: string; mailUid?: string };

/** The unique indexes that make a lead idempotent (db/schema.ts), by their columns. */
const SUBMISSION_INDEXES = [
  [leadSubmissions.sourceId, leadSubmissions.externalId],
  [leadSubmissions.sourceId, leadSubmissions.idempotencyKey],
  [leadSubmissions.sourceId, leadSubmissions.mailUid],
];

// The intake's statements, built once (defineStatement) and run in its transaction: a new lead takes about
// twenty of them, and drizzle would otherwise build each one's SQL anew on every lead.
const p = sql.placeholder;

const lockedSource = defineStatement((db) =>
  forUpdate(
    db
      .select()
      .from(leadSources)
      .where(eq(leadSources.id, p("id"))),
  ),
);

const recentSubmissions = defineStatement((db) =>
  db
    .select({ n: count(), oldest: min(leadSubmissions.receivedAt) })
    .from(leadSubmissions)
    .where(and(eq(leadSubmissions.sourceId, p("sourceId")), gt(leadSubmissions.receivedAt, p("since")))),
);

const firstSubmission = defineStatement(
  (db, shape: { externalId: boolean; idempotencyKey: boolean; mailUid: boolean }) =>
    db
      .select({
        processId: leadSubmissions.processId,
        customerId: leadSubmissions.customerId,
        result: leadSubmissions.result,
      })
      .from(leadSubmissions)
      .where(
        and(
          eq(leadSubmissions.sourceId, p("sourceId")),
          or(
            shape.externalId ? eq(leadSubmissions.externalId, p("externalId")) : undefined,
            shape.idempotencyKey ? eq(leadSubmissions.idempotencyKey, p("idempotencyKey")) : undefined,
            shape.mailUid ? eq(leadSubmissions.mailUid, p("mailUid")) : undefined,
          ),
          inArray(leadSubmissions.result, ["created", "attached"]),
        ),
      )
      .orderBy(leadSubmissions.id)
      .limit(1),
);

const insertNote = defineStatement((db) =>
  db
    .insert(notes)
    .values({
      processId: valueOf("processId"),
      authorId: valueOf("authorId"),
      initiative: "customer",
      type: valueOf("type"),
      content: valueOf("content"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: notes.id }),
);

const insertTask = defineStatement((db) =>
  db
    .insert(tasks)
    .values({
      processId: valueOf("processId"),
      assigneeId: valueOf("ownerId"),
      plannedById: valueOf("ownerId"),
      goal: "phone_contact",
      allDay: false,
      startAt: valueOf("dueAt"),
      endAt: valueOf("endAt"),
      dueAt: valueOf("dueAt"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: tasks.id }),
);

const submissionsFrom = defineStatement((db) =>
  db
    .select({ n: count() })
    .from(leadSubmissions)
    .where(and(eq(leadSubmissions.sourceId, p("sourceId")), gte(leadSubmissions.receivedAt, p("from")))),
);

/** A placeholder for a whole number (typed, for PostgreSQL: it cannot tell a bare one's type in an expression). */
const whole = (name: string) => sql`cast(${p(name)} as integer)`;

/**
 * Counts a submission in its source's tally (the rate limit's upper bound, see `rateLimited`) and, with
 * `ownerId`, passes the rotation on. The minute only moves forward, and on to the next one the count
 * becomes the previous one. An untallied source (null minute) stays so: `startTally` starts it.
 */
const tallySubmission = defineStatement((db) =>
  db
    .update(leadSources)
    .set({
      rateMinute: sql`case when ${leadSources.rateMinute} >= ${whole("minute")} then ${leadSources.rateMinute}
        when ${leadSources.rateMinute} is not null then ${whole("minute")} end`,
      rateCount: sql`case when ${leadSources.rateMinute} >= ${whole("minute")} then ${leadSources.rateCount} + 1
        when ${leadSources.rateMinute} is not null then 1 else 0 end`,
      ratePreviousCount: sql`case when ${leadSources.rateMinute} >= ${whole("minute")} then ${leadSources.ratePreviousCount}
        when ${leadSources.rateMinute} = ${whole("minute")} - 1 then ${leadSources.rateCount} else 0 end`,
      lastAssigneeId: sql`coalesce(${whole("ownerId")}, ${leadSources.lastAssigneeId})`,
    })
    .where(eq(leadSources.id, p("id")))
    .returning({ id: leadSources.id }),
);

const startTally = defineStatement((db) =>
  db
    .update(leadSources)
    .set({ rateMinute: valueOf("minute"), rateCount: valueOf("current"), ratePreviousCount: valueOf("previous") })
    .where(eq(leadSources.id, p("id")))
    .returning({ id: leadSources.id }),
);

const chosenAssignees = defineStatement((db) =>
  db
    .select({ userId: leadSourceAssignees.userId })
    .from(leadSourceAssignees)
    .where(eq(leadSourceAssignees.sourceId, p("sourceId"))),
);

const insertSubmission = defineStatement((db) =>
  db
    .insert(leadSubmissions)
    .values({
      sourceId: valueOf("sourceId"),
      receivedAt: valueOf("receivedAt"),
      result: valueOf("result"),
      processId: valueOf("processId"),
      customerId: valueOf("customerId"),
      assigneeId: valueOf("assigneeId"),
      taskId: valueOf("taskId"),
      externalId: valueOf("externalId"),
      idempotencyKey: valueOf("idempotencyKey"),
      mailUid: valueOf("mailUid"),
    })
    .returning({ id: leadSubmissions.id }),
);

/**
 * Takes a lead in for a source, in one transaction: the source's row is locked first, so its leads go one
 * after the other (the rotation, the rate limit and the repeat check see every earlier lead); the unique
 * indexes of `lead_submissions` still refuse a second row for one identity, answered as a repeat.
 */
export async function receiveLead(args: {
  sourceId: number;
  lead: LeadInput;
  identity?: Omit<LeadIdentity, "externalId">;
  consentSource: ConsentSource;
  noteType?: NoteType;
  address?: string | null;
  now?: Date;
}): Promise<IntakeOutcome> {
  const identity: LeadIdentity = { ...args.identity, externalId: args.lead.externalId };
  try {
    return await transaction((tx) => intake(tx, { ...args, identity, now: args.now ?? new Date() }));
  } catch (error) {
    if (!SUBMISSION_INDEXES.some((columns) => isUniqueViolation(error, columns))) throw error;
    return await transaction(async (tx) => {
      const first = await firstAnswer(tx, args.sourceId, identity);
      if (!first) throw error;
      const now = args.now ?? new Date();
      await logRepeat(tx, args.sourceId, first, now);
      return { status: 200, answer: first };
    });
  }
}

async function intake(
  tx: Executor,
  {
    sourceId,
    lead,
    identity,
    consentSource,
    noteType = "other",
    address = null,
    now,
  }: {
    sourceId: number;
    lead: LeadInput;
    identity: LeadIdentity;
    consentSource: ConsentSource;
    noteType?: NoteType;
    address?: string | null;
    now: Date;
  },
): Promise<IntakeOutcome> {
  const source = await lockedSource({}, tx).get({ id: sourceId });
  if (!source?.active) return { status: 401 };

  const limited = await rateLimited(tx, source, now);
  if (limited) return limited;

  const first = await firstAnswer(tx, source.id, identity);
  if (first) {
    await logRepeat(tx, source.id, first, now);
    return { status: 200, answer: first };
  }

  const matches = await matchingCustomers(tx, lead);
  const open = matches.length
    ? (
        await tx
          .select()
          .from(processes)
          .where(
            and(
              inArray(
                processes.customerId,
                matches.map((customer) => customer.id),
              ),
              inArray(processes.status, OPEN_STATUSES),
            ),
          )
          .orderBy(desc(processes.lastActivityAt), desc(processes.id))
          .limit(1)
      )[0]
    : undefined;
  const existing = open ? matches.find((customer) => customer.id === open.customerId) : matches[0];

  let customerId: number;
  if (existing) {
    customerId = existing.id;
    // Fill in what the customer lacked; never overwrite.
    const missing = {
      ...(!existing.phone && lead.phone ? { phone: lead.phone } : {}),
      ...(!existing.email && lead.email ? { email: lead.email } : {}),
      ...(!existing.firstName && !existing.lastName && (lead.firstName || lead.lastName)
        ? { firstName: lead.firstName ?? "", lastName: lead.lastName ?? "" }
        : {}),
    };
    if (Object.keys(missing).length) await tx.update(customers).set(missing).where(eq(customers.id, existing.id));
  } else {
    const [created] = await insertCustomer({}, tx).all({
      firstName: lead.firstName ?? "",
      lastName: lead.lastName ?? "",
      phone: lead.phone ?? null,
      email: lead.email ?? null,
      importId: null,
      createdAt: now,
    });
    customerId = created.id;
  }
  const name =
    customerName({
      firstName: existing?.firstName || lead.firstName || "",
      lastName: existing?.lastName || lead.lastName || "",
    }) ||
    lead.phone ||
    lead.email ||
    l.unnamed;

  await recordConsents(tx, {
    customerId,
    channels: declaredConsents(lead),
    source: consentSource,
    text: lead.consents?.text,
    by: null,
    at: now,
    address,
    newCustomer: !existing,
  });

  if (open) {
    const [note] = await tx
      .insert(notes)
      .values({
        processId: open.id,
        authorId: open.ownerId,
        initiative: "customer",
        type: noteType,
        content: enquiryText(lead, source),
        createdAt: now,
      })
      .returning({ id: notes.id });
    await touchProcess(tx, open.id, now);
    await notify(tx, {
      userId: open.ownerId,
      kind: "lead",
      processId: open.id,
      noteId: note.id,
      message: l.newEnquiryMessage(name, source.name),
      at: now,
    });
    const answer: LeadAnswer = { processId: open.id, customerId, result: "attached" };
    await logLead(tx, { source, identity, answer, assigneeId: open.ownerId, taskId: null, now });
    return { status: 201, answer };
  }

  const ownerId = await nextAssignee(tx, source);
  if (ownerId === null) return { status: 503 };
  const [process] = await insertProcess({}, tx).all({
    customerId,
    brand: lead.brand ?? "",
    model: lead.model ?? "",
    vehicleNotes: null,
    source: source.processSource,
    showroomId: source.showroomId,
    ownerId,
    status: "new",
    resignationReason: null,
    createdById: null,
    createdAt: now,
    now,
    importId: null,
  });
  // The process was written with this moment as its last activity: the entry alone.
  await writeProcessEvent(tx, { processId: process.id, userId: null, kind: "created", to: "new", at: now });
  await insertNote({}, tx).all({
    processId: process.id,
    authorId: ownerId,
    type: noteType,
    content: enquiryText(lead, source),
    createdAt: now,
  });
  const dueAt = new Date(now.getTime() + source.firstContactMinutes * 60_000);
  const [task] = await insertTask({}, tx).all({
    processId: process.id,
    ownerId,
    dueAt,
    endAt: new Date(dueAt.getTime() + FIRST_CONTACT_TASK_MS),
    createdAt: now,
  });
  await notify(tx, {
    userId: ownerId,
    kind: "lead",
    processId: process.id,
    taskId: task.id,
    message: l.newLead(name, source.name),
    at: now,
  });
  const answer: LeadAnswer = { processId: process.id, customerId, result: "created" };
  await logLead(tx, { source, identity, answer, assigneeId: ownerId, taskId: task.id, now });
  return { status: 201, answer };
}

/**
 * Over the source's limit: 429, and when the oldest submission of the last minute leaves the window.
 * The window's submissions are counted only when the source's tally (its submissions in this minute and
 * the one before, an upper bound of the window's) reaches the limit: a busy source's lead does not count
 * a minute's worth of rows.
 */
async function rateLimited(
  tx: Executor,
  source: LeadSourceRow,
  now: Date,
): Promise<{ status: 429; retryAfterSeconds: number } | null> {
  const minute = minuteOf(now);
  const bound = tallyBound(source, minute);
  if (bound !== null && bound < source.rateLimitPerMinute) return null;
  if (source.rateMinute === null) await beginTally(tx, source.id, minute);
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const recent = await recentSubmissions({}, tx).get({ sourceId: source.id, since });
  if (!recent || recent.n < source.rateLimitPerMinute) return null;
  const oldest = recent.oldest ? new Date(recent.oldest).getTime() : now.getTime();
  return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now.getTime()) / 1000)) };
}

const minuteOf = (at: Date) => Math.floor(at.getTime() / RATE_WINDOW_MS);

/**
 * An upper bound of the source's submissions in the 60 seconds up to a moment of `minute`: every
 * submission since its tally started was counted in its own minute (or a later one), and the window
 * reaches back into the minute before only. Null when the tally cannot tell (not started, or a minute
 * ahead of this one: a clock set back).
 */
function tallyBound(
  source: Pick<LeadSourceRow, "rateMinute" | "rateCount" | "ratePreviousCount">,
  minute: number,
): number | null {
  if (source.rateMinute === null || source.rateMinute > minute) return null;
  if (source.rateMinute === minute) return source.rateCount + source.ratePreviousCount;
  return source.rateMinute === minute - 1 ? source.rateCount : 0;
}

/** Starts the tally of a source that has none (as after the upgrade that added it) from its rows, under its lock. */
async function beginTally(tx: Executor, sourceId: number, minute: number): Promise<void> {
  const from = async (m: number) =>
    (await submissionsFrom({}, tx).get({ sourceId, from: new Date(m * RATE_WINDOW_MS) }))?.n ?? 0;
  const current = await from(minute);
  await startTally({}, tx).all({ id: sourceId, minute, current, previous: (await from(minute - 1)) - current });
}

/**
 * Counts a submission in its source's tally before its row is written (its update takes the source's row
 * lock, so that a tally being started waits for it) and, with `ownerId`, passes the rotation on.
 */
async function countSubmission(tx: Executor, sourceId: number, now: Date, ownerId: number | null = null) {
  await tallySubmission({}, tx).all({ id: sourceId, minute: minuteOf(now), ownerId });
}

/** The answer given to the first submission with this identity, if there was one. */
async function firstAnswer(tx: Executor, sourceId: number, identity: LeadIdentity): Promise<LeadAnswer | null> {
  const { externalId, idempotencyKey, mailUid } = identity;
  if (!externalId && !idempotencyKey && !mailUid) return null;
  const row = await firstSubmission(
    { externalId: !!externalId, idempotencyKey: !!idempotencyKey, mailUid: !!mailUid },
    tx,
  ).get({ sourceId, externalId, idempotencyKey, mailUid });
  if (!row || row.processId === null || row.customerId === null) return null;
  return { processId: row.processId, customerId: row.customerId, result: row.result as LeadAnswer["result"] };
}

/** Customers with the lead's phone or e-mail (stored E.164 and lower-cased), never an anonymised one. */
async function matchingCustomers(tx: Executor, lead: LeadInput) {
  return await customersWithContact({ phone: !!lead.phone, email: !!lead.email }, tx).all({
    phone: lead.phone,
    email: lead.email,
  });
}

/**
 * The next owner in the source's rotation: its chosen salespeople ("Przydzielaj do"; none chosen: all)
 * who are active and still work in its showroom, the first after the previous lead's owner. Without
 * any, a manager of the showroom.
 */
async function nextAssignee(tx: Executor, source: LeadSourceRow): Promise<number | null> {
  const chosen = new Set((await chosenAssignees({}, tx).all({ sourceId: source.id })).map((row) => row.userId));
  const people = await activeSalespeopleOf({ showroomId: source.showroomId, db: tx });
  const pool = chosen.size ? people.filter((person) => chosen.has(person.id)) : people;
  if (!pool.length) return (await activeManagersOf({ showroomId: source.showroomId, db: tx }))[0]?.id ?? null;
  const after = source.lastAssigneeId ?? 0;
  return (pool.find((person) => person.id > after) ?? pool[0]).id;
}

function enquiryText(lead: LeadInput, source: LeadSourceRow): string {
  const vehicle = [lead.brand, lead.model].filter(Boolean).join(" ");
  const campaign = [lead.utmSource, lead.utmMedium, lead.utmCampaign].filter(Boolean).join(" / ");
  return l.enquiryNote([
    l.from(source.name),
    ...(vehicle ? [l.vehicle(vehicle)] : []),
    ...(lead.message ? [l.message(lead.message)] : []),
    ...(campaign ? [l.campaign(campaign)] : []),
  ]);
}

async function logLead(
  tx: Executor,
  {
    source,
    identity,
    answer,
    assigneeId,
    taskId,
    now,
  }: {
    source: LeadSourceRow;
    identity: LeadIdentity;
    answer: LeadAnswer;
    assigneeId: number;
    taskId: number | null;
    now: Date;
  },
): Promise<void> {
  // The rotation moves on with each lead that makes a process.
  await countSubmission(tx, source.id, now, answer.result === "created" ? assigneeId : null);
  await insertSubmission({}, tx).all({
    sourceId: source.id,
    receivedAt: now,
    result: answer.result,
    processId: answer.processId,
    customerId: answer.customerId,
    assigneeId,
    taskId,
    externalId: identity.externalId ?? null,
    idempotencyKey: identity.idempotencyKey ?? null,
    mailUid: identity.mailUid ?? null,
  });
}

async function logRepeat(tx: Executor, sourceId: number, first: LeadAnswer, now: Date): Promise<void> {
  await countSubmission(tx, sourceId, now);
  await insertSubmission({}, tx).all({
    sourceId,
    receivedAt: now,
    result: "repeat",
    processId: first.processId,
    customerId: first.customerId,
    assigneeId: null,
    taskId: null,
    externalId: null,
    idempotencyKey: null,
    mailUid: null,
  });
}

/** A refused submission of a known source, in the log (kept 30 days): why, never what was sent. */
export async function logRejection({
  sourceId,
  error,
  mailUid,
  now = new Date(),
}: {
  sourceId: number;
  error: string;
  mailUid?: string;
  now?: Date;
}): Promise<void> {
  await transaction(async (tx) => {
    await countSubmission(tx, sourceId, now);
    await tx
      .insert(leadSubmissions)
      .values({ sourceId, receivedAt: now, result: "rejected", error: error.slice(0, 1000), mailUid: mailUid ?? null })
      .returning({ id: leadSubmissions.id });
  });
}
