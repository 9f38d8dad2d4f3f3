// The PostgreSQL mirror of db/schema.ts: the same tables, columns, indexes and foreign keys under the same
// names, so that one query serves both dialects. db/schema.ts stays the source of the TypeScript types;
// tests/unit/schema-dialects.test.ts holds the two files together.
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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

/** Milliseconds, like SQLite's timestamp_ms columns, so a copied instant stays the same instant. */
const instant = (name: string) => timestamp(name, { precision: 3, withTimezone: true, mode: "date" });
// By default, not always: a copy from SQLite inserts its ids as they are.
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();
const createdAt = () => instant("created_at").notNull().defaultNow();

// ---------------------------------------------------------------- tables

export const users = pgTable(
  "users",
  {
    id: id(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: boolean("active").notNull().default(true),
    calendarFeedHash: text("calendar_feed_hash"),
    totpSecret: text("totp_secret"),
    totpPendingSecret: text("totp_pending_secret"),
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_calendar_feed_unique").on(t.calendarFeedHash),
  ],
);

export const showrooms = pgTable(
  "showrooms",
  {
    id: id(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    phone: text("phone"),
    active: boolean("active").notNull().default(true),
    opensAt: text("opens_at").notNull().default("08:00"),
    closesAt: text("closes_at").notNull().default("18:00"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("showrooms_name_unique").on(t.name)],
);

export const userShowrooms = pgTable(
  "user_showrooms",
  {
    id: id(),
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

export const signInFailures = pgTable(
  "sign_in_failures",
  {
    account: text("account").notNull(),
    address: text("address").notNull(),
    count: integer("count").notNull(),
    windowStartedAt: instant("window_started_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.address] }), index("sign_in_failures_window_idx").on(t.windowStartedAt)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const backupCodes = pgTable(
  "backup_codes",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: instant("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("backup_codes_user_code_unique").on(t.userId, t.codeHash)],
);

export const imports = pgTable(
  "imports",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    showroomId: integer("showroom_id").references(() => showrooms.id),
    defaultOwnerId: integer("default_owner_id").references(() => users.id),
    taskDate: text("task_date"),
    fileName: text("file_name").notNull(),
    storedName: text("stored_name").notNull(),
    format: text("format", { enum: ["xlsx", "csv"] }).notNull(),
    encoding: text("encoding"),
    delimiter: text("delimiter"),
    headers: text("headers").notNull(),
    mapping: text("mapping").notNull(),
    state: text("state", { enum: IMPORT_STATES }).notNull().default("uploaded"),
    totalRows: integer("total_rows").notNull(),
    doneRows: integer("done_rows").notNull().default(0),
    createdProcesses: integer("created_processes").notNull().default(0),
    createdCustomers: integer("created_customers").notNull().default(0),
    heartbeatAt: instant("heartbeat_at"),
    error: text("error"),
    startedAt: instant("started_at"),
    finishedAt: instant("finished_at"),
    undoneAt: instant("undone_at"),
    createdAt: createdAt(),
  },
  (t) => [index("imports_user_idx").on(t.userId, t.createdAt), index("imports_state_idx").on(t.state)],
);

export const importSkips = pgTable(
  "import_skips",
  {
    id: id(),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [index("import_skips_import_idx").on(t.importId, t.rowNumber)],
);

export const customers = pgTable(
  "customers",
  {
    id: id(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    phone: text("phone"),
    email: text("email"),
    anonymizedAt: instant("anonymized_at"),
    importId: integer("import_id").references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("customers_phone_idx").on(t.phone),
    index("customers_email_idx").on(t.email),
    index("customers_import_idx").on(t.importId),
  ],
);

export const consentRecords = pgTable(
  "consent_records",
  {
    id: id(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    channel: text("channel", { enum: CONSENT_CHANNELS }).notNull(),
    granted: boolean("granted").notNull(),
    recordedById: integer("recorded_by_id").references(() => users.id),
    source: text("source", { enum: CONSENT_SOURCES }).notNull(),
    text: text("text"),
    recordedAt: instant("recorded_at").notNull().defaultNow(),
    importId: integer("import_id").references(() => imports.id),
  },
  (t) => [
    index("consent_records_customer_idx").on(t.customerId, t.channel, t.recordedAt),
    index("consent_records_import_idx").on(t.importId),
  ],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    userId: integer("user_id").references(() => users.id),
    kind: text("kind", { enum: AUDIT_EVENT_KINDS }).notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    details: text("details"),
    address: text("address"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_user_idx").on(t.userId, t.createdAt),
    index("audit_events_kind_idx").on(t.kind, t.createdAt),
  ],
);

export const processes = pgTable(
  "processes",
  {
    id: id(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    brand: text("brand").notNull().default(""),
    model: text("model").notNull().default(""),
    vehicleNotes: text("vehicle_notes"),
    source: text("source", { enum: LEAD_SOURCES }).notNull(),
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
    updatedAt: instant("updated_at").notNull().defaultNow(),
    lastActivityAt: instant("last_activity_at").notNull().defaultNow(),
    importId: integer("import_id").references(() => imports.id),
  },
  // The list's order is (last activity, id): see db/schema.ts.
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

export const processEvents = pgTable(
  "process_events",
  {
    id: id(),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    kind: text("kind", { enum: PROCESS_EVENT_KINDS }).notNull(),
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

export const tasks = pgTable(
  "tasks",
  {
    id: id(),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    assigneeId: integer("assignee_id")
      .notNull()
      .references(() => users.id),
    plannedById: integer("planned_by_id")
      .notNull()
      .references(() => users.id),
    goal: text("goal", { enum: TASK_GOALS }).notNull(),
    remindAbout: text("remind_about"),
    allDay: boolean("all_day").notNull().default(false),
    dueDate: text("due_date"),
    startAt: instant("start_at"),
    endAt: instant("end_at"),
    dueAt: instant("due_at").notNull(),
    state: text("state", { enum: TASK_STATES }).notNull().default("planned"),
    doneAt: instant("done_at"),
    doneById: integer("done_by_id").references(() => users.id),
    remindedAt: instant("reminded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("tasks_assignee_state_due_idx").on(t.assigneeId, t.state, t.dueAt),
    index("tasks_process_state_idx").on(t.processId, t.state, t.dueAt),
    index("tasks_state_due_idx").on(t.state, t.dueAt),
    index("tasks_done_by_idx").on(t.doneById, t.doneAt),
  ],
);

export const notes = pgTable(
  "notes",
  {
    id: id(),
    processId: integer("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    initiative: text("initiative", { enum: INITIATIVES }).notNull(),
    type: text("type", { enum: NOTE_TYPES }).notNull(),
    content: text("content").notNull(),
    notifyOwner: boolean("notify_owner").notNull().default(false),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "set null" }),
    submissionId: text("submission_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notes_process_created_idx").on(t.processId, t.createdAt),
    index("notes_author_created_idx").on(t.authorId, t.createdAt),
    index("notes_created_stats_idx").on(t.createdAt, t.authorId, t.type, t.initiative),
    uniqueIndex("notes_task_unique").on(t.taskId),
    uniqueIndex("notes_submission_unique").on(t.submissionId),
  ],
);

export const taskFiles = pgTable(
  "task_files",
  {
    id: id(),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    originalName: text("original_name").notNull(),
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
    index("task_files_uploader_created_idx").on(t.uploadedById, t.createdAt),
    uniqueIndex("task_files_token_unique").on(t.token),
    uniqueIndex("task_files_stored_unique").on(t.storedName),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    processId: integer("process_id").references(() => processes.id, { onDelete: "cascade" }),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    noteId: integer("note_id").references(() => notes.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id),
    message: text("message").notNull(),
    readAt: instant("read_at"),
    emailedAt: instant("emailed_at"),
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailNextAttemptAt: instant("email_next_attempt_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt),
    index("notifications_email_idx").on(t.emailedAt),
  ],
);

/** "Źródła leadów": where leads come in by themselves (the lead API, a web form, the leads mailbox). */
export const leadSources = pgTable(
  "lead_sources",
  {
    id: id(),
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
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("lead_sources_name_unique").on(t.name), uniqueIndex("lead_sources_key_unique").on(t.keyHash)],
);

/** "Przydzielaj do": the salespeople a source's leads go to in turn. */
export const leadSourceAssignees = pgTable(
  "lead_source_assignees",
  {
    id: id(),
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
export const leadSubmissions = pgTable(
  "lead_submissions",
  {
    id: id(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => leadSources.id, { onDelete: "cascade" }),
    receivedAt: instant("received_at").notNull().defaultNow(),
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
    firstContactMissedAt: instant("first_contact_missed_at"),
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

export const demoCars = pgTable(
  "demo_cars",
  {
    id: id(),
    showroomId: integer("showroom_id")
      .notNull()
      .references(() => showrooms.id),
    make: text("make").notNull(),
    model: text("model").notNull(),
    version: text("version").notNull().default(""),
    registration: text("registration").notNull(),
    vin: text("vin").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("demo_cars_registration_unique").on(t.registration),
    uniqueIndex("demo_cars_vin_unique").on(t.vin),
    index("demo_cars_showroom_idx").on(t.showroomId),
  ],
);

export const carOutages = pgTable(
  "car_outages",
  {
    id: id(),
    carId: integer("car_id")
      .notNull()
      .references(() => demoCars.id, { onDelete: "cascade" }),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date").notNull(),
    startAt: instant("start_at").notNull(),
    endAt: instant("end_at").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("car_outages_car_idx").on(t.carId, t.startAt)],
);

export const carBookings = pgTable(
  "car_bookings",
  {
    id: id(),
    carId: integer("car_id")
      .notNull()
      .references(() => demoCars.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    startAt: instant("start_at").notNull(),
    endAt: instant("end_at").notNull(),
    licenceNumber: text("licence_number"),
    mileageBefore: integer("mileage_before"),
    mileageAfter: integer("mileage_after"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("car_bookings_task_unique").on(t.taskId), index("car_bookings_car_idx").on(t.carId, t.startAt)],
);
