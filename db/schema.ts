import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  AUDIT_EVENT_KINDS,
  CONSENT_CHANNELS,
  CONSENT_SOURCES,
  IMPORT_STATES,
  INITIATIVES,
  LEAD_RESULTS,
  LEAD_SOURCE_KINDS,
  LEAD_SOURCES,
  NOTE_TYPES,
  NOTIFICATION_KINDS,
  PROCESS_EVENT_KINDS,
  PROCESS_STATUSES,
  ROLES,
  TASK_GOALS,
  TASK_STATES,
} from "@/lib/domain";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull().default(now);

// ---------------------------------------------------------------- tables

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** Stored lower-cased: e-mails are unique regardless of letter case. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** SHA-256 of the private calendar feed secret, or null when the user has none. */
    calendarFeedHash: text("calendar_feed_hash"),
    /** "Weryfikacja dwuetapowa": the TOTP secret (base32) once confirmed; null when it is off. */
    totpSecret: text("totp_secret"),
    /** A secret shown as a QR code and not yet confirmed by a code. */
    totpPendingSecret: text("totp_pending_secret"),
    /** The last TOTP time step that signed in: a code is accepted once. */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_calendar_feed_unique").on(t.calendarFeedHash),
  ],
);

/** The dealership's showrooms ("Salony"); every process belongs to one, every user works in one or more. */
export const showrooms = sqliteTable(
  "showrooms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    /** E.164 (+48…), normalized on the way in. */
    phone: text("phone"),
    /** A deactivated showroom takes no new processes; its processes and people stay. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The working day (HH:MM, local): an all-day test drive books a demo car for it. */
    opensAt: text("opens_at").notNull().default("08:00"),
    closesAt: text("closes_at").notNull().default("18:00"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("showrooms_name_unique").on(t.name)],
);

/**
 * Who works where. Rows are only inserted and deleted (never updated), so the highest id and the count
 * together change with every change of memberships (lib/data-cache.ts).
 */
export const userShowrooms = sqliteTable(
  "user_showrooms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    showroomId: integer("showroom_id")
      .notNull()
      .references(() => showrooms.id),
  },
  (t) => [
    uniqueIndex("user_showrooms_unique").on(t.userId, t.showroomId),
    index("user_showrooms_showroom_idx").on(t.showroomId, t.userId),
  ],
);

/**
 * Sign-in attempts not (yet) proven right, counted within a window (lib/auth/throttle.ts): per account
 * (`address` empty), per client address (`account` empty) and per account from one address.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    /** The e-mail as typed, normalized (known or not). */
    account: text("account").notNull(),
    address: text("address").notNull(),
    count: integer("count").notNull(),
    windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.address] }), index("sign_in_failures_window_idx").on(t.windowStartedAt)],
);

/** Signed-in sessions: the cookie carries the id; signing out deletes the row, and the cookie stops working. */
export const sessions = sqliteTable(
  "sessions",
  {
    /** Random, secret (it travels only inside the encrypted cookie). */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** "Kody zapasowe" of two-step sign-in: SHA-256 of each code (random, high entropy); each works once. */
export const backupCodes = sqliteTable(
  "backup_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("backup_codes_user_code_unique").on(t.userId, t.codeHash)],
);

/**
 * "Importuj z pliku": one uploaded file of customers and processes, its columns' fields, and how far its
 * rows have been imported (lib/import/). Rows are imported in batches, each committed with `doneRows`, so
 * an import interrupted by a restart goes on from there.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    showroomId: integer("showroom_id").references(() => showrooms.id),
    /** Owner of the rows whose "Opiekun" matches nobody of the showroom. */
    defaultOwnerId: integer("default_owner_id").references(() => users.id),
    /** The first task's date of every open process (YYYY-MM-DD). */
    taskDate: text("task_date"),
    fileName: text("file_name").notNull(),
    /** Random name under DATA_DIR/imports. */
    storedName: text("stored_name").notNull(),
    format: text("format", { enum: ["xlsx", "csv"] }).notNull(),
    /** CSV only: "utf-8" or "windows-1250", and the delimiter. */
    encoding: text("encoding"),
    delimiter: text("delimiter"),
    /** The header row's cells, as JSON. */
    headers: text("headers").notNull(),
    /** The field of each column (JSON array, "" for none), as matched and then changed by the user. */
    mapping: text("mapping").notNull(),
    state: text("state", { enum: IMPORT_STATES }).notNull().default("uploaded"),
    totalRows: integer("total_rows").notNull(),
    doneRows: integer("done_rows").notNull().default(0),
    createdProcesses: integer("created_processes").notNull().default(0),
    createdCustomers: integer("created_customers").notNull().default(0),
    /** When a running import last committed a batch: a stale one is taken over (lib/import/run.ts). */
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
    error: text("error"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("imports_user_idx").on(t.userId, t.createdAt), index("imports_state_idx").on(t.state)],
);

/** Rows an import skipped, and why: its report. */
export const importSkips = sqliteTable(
  "import_skips",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** The row's number in the file (the header is row 1). */
    rowNumber: integer("row_number").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [index("import_skips_import_idx").on(t.importId, t.rowNumber)],
);

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    firstName: text("first_name").notNull().default(""),
    /** Last name, or a company's name. */
    lastName: text("last_name").notNull().default(""),
    /** E.164 (+48…), normalized on the way in. */
    phone: text("phone"),
    /** Lower-cased. */
    email: text("email"),
    /** Set when the customer was anonymised (lib/customers/anonymize.ts): irreversible. */
    anonymizedAt: integer("anonymized_at", { mode: "timestamp_ms" }),
    /** The import that created this customer ("Cofnij import" removes it again). */
    importId: integer("import_id").references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("customers_phone_idx").on(t.phone),
    index("customers_email_idx").on(t.email),
    index("customers_import_idx").on(t.importId),
  ],
);

/**
 * Marketing consents, one row per grant or withdrawal, never edited: the newest record of a channel is the
 * customer's current state (lib/consents/).
 */
export const consentRecords = sqliteTable(
  "consent_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    channel: text("channel", { enum: CONSENT_CHANNELS }).notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    /** Who recorded it; null for what came in by itself (leads) or from before the register. */
    recordedById: integer("recorded_by_id").references(() => users.id),
    source: text("source", { enum: CONSENT_SOURCES }).notNull(),
    /** The wording the customer agreed to, as it was; null only for consents from before the register. */
    text: text("text"),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull().default(now),
    /** The import whose file carried it. */
    importId: integer("import_id").references(() => imports.id),
  },
  (t) => [
    index("consent_records_customer_idx").on(t.customerId, t.channel, t.recordedAt),
    index("consent_records_import_idx").on(t.importId),
  ],
);

/** The dealership's settings that the administrator edits in "Ustawienia" (the wording of consents). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
});

/** "Dziennik zdarzeń": append-only, removed only when older than AUDIT_DAYS (lib/audit/). */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Who did it; null when nobody was signed in (a failed sign-in of an unknown e-mail, a lead). */
    userId: integer("user_id").references(() => users.id),
    kind: text("kind", { enum: AUDIT_EVENT_KINDS }).notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    /** What exactly, as JSON of ids and values (lib/audit/record.ts). */
    details: text("details"),
    /** The client's address (lib/http/client-address.ts). */
    address: text("address"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_user_idx").on(t.userId, t.createdAt),
    index("audit_events_kind_idx").on(t.kind, t.createdAt),
  ],
);

export const processes = sqliteTable(
  "processes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    brand: text("brand").notNull().default(""),
    model: text("model").notNull().default(""),
    vehicleNotes: text("vehicle_notes"),
    source: text("source", { enum: LEAD_SOURCES }).notNull(),
    /** "Salon": the showroom the process belongs to. */
    showroomId: integer("showroom_id")
      .notNull()
      .references(() => showrooms.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: PROCESS_STATUSES }).notNull().default("new"),
    resignationReason: text("resignation_reason"),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
    /** Time of the latest note or system entry: the list sorts by it. */
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }).notNull().default(now),
    /** The import that created this process ("Cofnij import" removes it again). */
    importId: integer("import_id").references(() => imports.id),
  },
  // The list's order is (last activity, id), and these indexes give all of it. SQLite's would end in the
  // rowid (the id) anyway; PostgreSQL's must name it, or every page of the list sorts its rows again (a
  // manager's "Procesy" read 190 rows for 20). Both schemas name it, so that they stay alike.
  (t) => [
    index("processes_import_idx").on(t.importId),
    index("processes_owner_status_idx").on(t.ownerId, t.status, t.lastActivityAt, t.id),
    index("processes_status_activity_idx").on(t.status, t.lastActivityAt, t.id),
    index("processes_activity_idx").on(t.lastActivityAt, t.id),
    index("processes_created_idx").on(t.createdAt),
    index("processes_owner_created_idx").on(t.ownerId, t.createdAt),
    index("processes_customer_idx").on(t.customerId),
    index("processes_showroom_status_idx").on(t.showroomId, t.status, t.lastActivityAt, t.id),
    index("processes_showroom_activity_idx").on(t.showroomId, t.lastActivityAt, t.id),
  ],
);

/** System entries of "Historia pracy"; the status entries are also the funnel's source. */
export const processEvents = sqliteTable(
  "process_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    kind: text("kind", { enum: PROCESS_EVENT_KINDS }).notNull(),
    /** Status, owner id or showroom id (as text) before and after; a task's goal and time (lib/tasks/format.ts). */
    fromValue: text("from_value"),
    toValue: text("to_value"),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("process_events_process_idx").on(t.processId, t.createdAt),
    index("process_events_kind_created_idx").on(t.kind, t.createdAt),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    /** The process owner; open tasks follow the process to a new owner. */
    assigneeId: integer("assignee_id")
      .notNull()
      .references(() => users.id),
    plannedById: integer("planned_by_id")
      .notNull()
      .references(() => users.id),
    goal: text("goal", { enum: TASK_GOALS }).notNull(),
    remindAbout: text("remind_about"),
    allDay: integer("all_day", { mode: "boolean" }).notNull().default(false),
    /** All-day tasks: the due date, YYYY-MM-DD in the dealership's time zone. */
    dueDate: text("due_date"),
    /** Timed tasks: UTC instants. */
    startAt: integer("start_at", { mode: "timestamp_ms" }),
    endAt: integer("end_at", { mode: "timestamp_ms" }),
    /** One instant to sort and filter by: the start, or local midnight of an all-day task's date. */
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    state: text("state", { enum: TASK_STATES }).notNull().default("planned"),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    doneById: integer("done_by_id").references(() => users.id),
    /** Set when the reminder notification was produced: exactly once per task. */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("tasks_assignee_state_due_idx").on(t.assigneeId, t.state, t.dueAt),
    index("tasks_process_state_idx").on(t.processId, t.state, t.dueAt),
    index("tasks_state_due_idx").on(t.state, t.dueAt),
    index("tasks_done_by_idx").on(t.doneById, t.doneAt),
  ],
);

export const notes = sqliteTable(
  "notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    initiative: text("initiative", { enum: INITIATIVES }).notNull(),
    type: text("type", { enum: NOTE_TYPES }).notNull(),
    content: text("content").notNull(),
    notifyOwner: integer("notify_owner", { mode: "boolean" }).notNull().default(false),
    /** The task this note reports on (executing it), if any: a task is reported once. */
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "set null" }),
    /** Random token of the form submission: a resubmitted form does not save twice. */
    submissionId: text("submission_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notes_process_created_idx").on(t.processId, t.createdAt),
    index("notes_author_created_idx").on(t.authorId, t.createdAt),
    // Covers the statistics' counts by author, type and initiative over a period.
    index("notes_created_stats_idx").on(t.createdAt, t.authorId, t.type, t.initiative),
    uniqueIndex("notes_task_unique").on(t.taskId),
    uniqueIndex("notes_submission_unique").on(t.submissionId),
  ],
);

/** Files on tasks. A file uploaded but not yet saved with a task has no task (staged). */
export const taskFiles = sqliteTable(
  "task_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    /** Public random id of the upload (the form refers to staged files by it). */
    token: text("token").notNull(),
    originalName: text("original_name").notNull(),
    /** Random name under DATA_DIR/uploads. */
    storedName: text("stored_name").notNull(),
    size: integer("size").notNull(),
    mimeType: text("mime_type").notNull(),
    sha256: text("sha256").notNull(),
    uploadedById: integer("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("task_files_task_idx").on(t.taskId),
    // The daily upload quota sums a user's recent uploads.
    index("task_files_uploader_created_idx").on(t.uploadedById, t.createdAt),
    uniqueIndex("task_files_token_unique").on(t.token),
    uniqueIndex("task_files_stored_unique").on(t.storedName),
  ],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    processId: integer("process_id").references(() => processes.id, { onDelete: "cascade" }),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    noteId: integer("note_id").references(() => notes.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id),
    /** Ready-to-show Polish text, written when the event happens. */
    message: text("message").notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    /** Set once the e-mail copy was sent (or given up on). */
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
    /** Failed attempts to e-mail it, and when the next one is due (null: at once); lib/mail/mailer.ts. */
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailNextAttemptAt: integer("email_next_attempt_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt),
    index("notifications_email_idx").on(t.emailedAt),
  ],
);

/** "Źródła leadów": where leads come in by themselves (the lead API, a web form, the leads mailbox). */
export const leadSources = sqliteTable(
  "lead_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: LEAD_SOURCE_KINDS }).notNull(),
    /** The showroom its processes belong to; its assignees must work there. */
    showroomId: integer("showroom_id")
      .notNull()
      .references(() => showrooms.id),
    /** The process "Źródło" its leads get. */
    processSource: text("process_source", { enum: LEAD_SOURCES }).notNull(),
    firstContactMinutes: integer("first_contact_minutes").notNull().default(30),
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(60),
    /** SHA-256 of the API key (shown once); null when it has none or it was revoked. */
    keyHash: text("key_hash"),
    /** Who got the previous lead: the rotation goes on from there. */
    lastAssigneeId: integer("last_assignee_id").references(() => users.id),
    /**
     * The rate limit's tally (lib/leads/intake.ts): its submissions in the minute `rateMinute` (minutes since
     * 1970) and in the minute before. Null until its first lead after the tally was added.
     */
    rateMinute: integer("rate_minute"),
    rateCount: integer("rate_count").notNull().default(0),
    ratePreviousCount: integer("rate_previous_count").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("lead_sources_name_unique").on(t.name), uniqueIndex("lead_sources_key_unique").on(t.keyHash)],
);

/** "Przydzielaj do": the salespeople a source's leads go to in turn. */
export const leadSourceAssignees = sqliteTable(
  "lead_source_assignees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => leadSources.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("lead_source_assignees_unique").on(t.sourceId, t.userId)],
);

/**
 * Every submission to a source: the log (refusals kept 30 days) and the leads themselves. The unique
 * indexes make a lead idempotent: one row per source and `externalId`, `Idempotency-Key` or mailbox UID.
 */
export const leadSubmissions = sqliteTable(
  "lead_submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => leadSources.id, { onDelete: "cascade" }),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull().default(now),
    result: text("result", { enum: LEAD_RESULTS }).notNull(),
    processId: integer("process_id").references(() => processes.id, { onDelete: "set null" }),
    customerId: integer("customer_id").references(() => customers.id),
    /** Who the lead went to: the new process's owner, or the open process's. */
    assigneeId: integer("assignee_id").references(() => users.id),
    /** The planned "Kontakt telefoniczny" of a new process. */
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "set null" }),
    /** Why it was refused (a Polish sentence, never the submitted data). */
    error: text("error"),
    externalId: text("external_id"),
    idempotencyKey: text("idempotency_key"),
    /** A mailbox message: UIDVALIDITY:UID. */
    mailUid: text("mail_uid"),
    /** Set when the managers were told that the first contact was not made in time: once. */
    firstContactMissedAt: integer("first_contact_missed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("lead_submissions_external_unique").on(t.sourceId, t.externalId),
    uniqueIndex("lead_submissions_idempotency_unique").on(t.sourceId, t.idempotencyKey),
    uniqueIndex("lead_submissions_mail_unique").on(t.sourceId, t.mailUid),
    index("lead_submissions_source_idx").on(t.sourceId, t.receivedAt),
    index("lead_submissions_received_idx").on(t.receivedAt, t.result),
    index("lead_submissions_task_idx").on(t.taskId),
  ],
);

/** "Flota demo": the dealership's demo cars, each in one showroom. */
export const demoCars = sqliteTable(
  "demo_cars",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    showroomId: integer("showroom_id")
      .notNull()
      .references(() => showrooms.id),
    make: text("make").notNull(),
    model: text("model").notNull(),
    version: text("version").notNull().default(""),
    /** Upper-case, without spaces. */
    registration: text("registration").notNull(),
    /** Upper-case, 17 characters, checked by lib/fleet/vin.ts. */
    vin: text("vin").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("demo_cars_registration_unique").on(t.registration),
    uniqueIndex("demo_cars_vin_unique").on(t.vin),
    index("demo_cars_showroom_idx").on(t.showroomId),
  ],
);

/** A demo car's period out of service (whole local days, stored as the instants that bound them). */
export const carOutages = sqliteTable(
  "car_outages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    carId: integer("car_id")
      .notNull()
      .references(() => demoCars.id, { onDelete: "cascade" }),
    /** YYYY-MM-DD, inclusive, as entered. */
    fromDate: text("from_date").notNull(),
    toDate: text("to_date").notNull(),
    startAt: integer("start_at", { mode: "timestamp_ms" }).notNull(),
    endAt: integer("end_at", { mode: "timestamp_ms" }).notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("car_outages_car_idx").on(t.carId, t.startAt)],
);

/**
 * A demo car held for a test-drive task, [startAt, endAt). Written only by lib/fleet/bookings.ts, which
 * locks the car's row first, so two bookings of one car never overlap. Executing the task ends the hold.
 */
export const carBookings = sqliteTable(
  "car_bookings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    carId: integer("car_id")
      .notNull()
      .references(() => demoCars.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    startAt: integer("start_at", { mode: "timestamp_ms" }).notNull(),
    endAt: integer("end_at", { mode: "timestamp_ms" }).notNull(),
    /** "Numer prawa jazdy": personal data (exported with the customer, removed by anonymisation). */
    licenceNumber: text("licence_number"),
    mileageBefore: integer("mileage_before"),
    mileageAfter: integer("mileage_after"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("car_bookings_task_unique").on(t.taskId), index("car_bookings_car_idx").on(t.carId, t.startAt)],
);

// ---------------------------------------------------------------- types

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Showroom = typeof showrooms.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Process = typeof processes.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type TaskFile = typeof taskFiles.$inferSelect;
export type ConsentRecord = typeof consentRecords.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type LeadSourceRow = typeof leadSources.$inferSelect;
export type LeadSubmission = typeof leadSubmissions.$inferSelect;
export type DemoCar = typeof demoCars.$inferSelect;
export type CarOutage = typeof carOutages.$inferSelect;
export type CarBooking = typeof carBookings.$inferSelect;
export type Import = typeof imports.$inferSelect;
