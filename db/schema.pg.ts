// The PostgreSQL mirror of db/schema.ts: the same tables, columns, indexes and foreign keys under the same
// names, so that one query serves both dialects. db/schema.ts stays the source of the TypeScript types;
// tests/unit/schema-dialects.test.ts holds the two files together.
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  AUDIT_EVENT_KINDS,
  CONSENT_CHANNELS,
  CONSENT_SOURCES,
  IMPORT_STATES,
  INITIATIVES,
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
    sessionVersion: integer("session_version").notNull().default(1),
    calendarFeedHash: text("calendar_feed_hash"),
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

export const loginFailures = pgTable("login_failures", {
  email: text("email").primaryKey(),
  count: integer("count").notNull(),
  windowStartedAt: instant("window_started_at").notNull(),
  lockedUntil: instant("locked_until"),
});

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
  (t) => [
    index("processes_import_idx").on(t.importId),
    index("processes_owner_status_idx").on(t.ownerId, t.status, t.lastActivityAt),
    index("processes_status_activity_idx").on(t.status, t.lastActivityAt),
    index("processes_activity_idx").on(t.lastActivityAt),
    index("processes_created_idx").on(t.createdAt),
    index("processes_owner_created_idx").on(t.ownerId, t.createdAt),
    index("processes_customer_idx").on(t.customerId),
    index("processes_showroom_status_idx").on(t.showroomId, t.status, t.lastActivityAt),
    index("processes_showroom_activity_idx").on(t.showroomId, t.lastActivityAt),
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
