// Every enumeration of the domain, defined once: the schema, the zod schemas and the labels use these.

export const ROLES = ["salesperson", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Managers and admins work the processes and numbers of others: a manager those of their showrooms, an admin all. */
export function isManager(user: { role: Role }): boolean {
  return user.role === "manager" || user.role === "admin";
}

export const PROCESS_STATUSES = ["new", "in_progress", "offer", "order", "delivered", "resigned"] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];
export const OPEN_STATUSES = ["new", "in_progress", "offer", "order"] as const satisfies readonly ProcessStatus[];
export const CLOSED_STATUSES = ["delivered", "resigned"] as const satisfies readonly ProcessStatus[];

export function processIsClosed(status: ProcessStatus): boolean {
  return (CLOSED_STATUSES as readonly ProcessStatus[]).includes(status);
}

export const LEAD_SOURCES = ["showroom", "phone", "website", "listing_portal", "referral", "other"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const INITIATIVES = ["customer", "dealer"] as const;
export type Initiative = (typeof INITIATIVES)[number];

export const NOTE_TYPES = [
  "phone",
  "email",
  "sms",
  "showroom_meeting",
  "test_drive",
  "offer",
  "customer_visit",
  "other",
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const TASK_GOALS = [
  "phone_contact",
  "showroom_meeting",
  "test_drive",
  "offer_presentation",
  "negotiation",
  "contract_signing",
  "vehicle_handover",
  "other",
] as const;
export type TaskGoal = (typeof TASK_GOALS)[number];

export const TASK_STATES = ["planned", "done"] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * System entries of "Historia pracy": who changed what, when, from, to. `task_moved` and `task_dropped` are a
 * planned task's "Zmień termin" and "Usuń zadanie" (lib/tasks/format.ts encodes their values); "merged": another
 * customer was merged into the process's customer ("Połącz" in "Duplikaty").
 */
export const PROCESS_EVENT_KINDS = [
  "created",
  "status",
  "owner",
  "showroom",
  "task_moved",
  "task_dropped",
  "merged",
] as const;
export type ProcessEventKind = (typeof PROCESS_EVENT_KINDS)[number];

export const NOTIFICATION_KINDS = [
  "note",
  "assigned",
  "task_planned",
  "reminder",
  "duplicate_customer",
  "lead",
  "first_contact_missed",
  /** Several processes handed over at once: one notice, leading to the recipient's list. */
  "handed_over",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Channels of marketing contact a customer consents to (art. 398 Prawo komunikacji elektronicznej). */
export const CONSENT_CHANNELS = ["phone", "sms", "email"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Where a consent record came from: staff in the showroom or on the phone, a web form, the lead API, an import. */
export const CONSENT_SOURCES = ["showroom", "phone", "web_form", "lead_api", "import"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
/** What staff record by hand in the panel; the others come in with leads and imports. */
export const STAFF_CONSENT_SOURCES = ["showroom", "phone"] as const satisfies readonly ConsentSource[];

/** Entries of "Dziennik zdarzeń". */
export const AUDIT_EVENT_KINDS = [
  "sign_in",
  "sign_in_failed",
  "user_created",
  "user_role_changed",
  "user_deactivated",
  "user_reactivated",
  "user_password_reset",
  "user_sign_in_unblocked",
  "user_two_factor_reset",
  "stats_export",
  "customer_export",
  "customer_anonymized",
  "consents_changed",
  "file_download",
  "settings_changed",
  "import_run",
  "import_undone",
  "processes_export",
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/** "Rodzaj" of a lead source ("Źródła leadów"): how its leads come in. */
export const LEAD_SOURCE_KINDS = ["api", "web_form", "mailbox"] as const;
export type LeadSourceKind = (typeof LEAD_SOURCE_KINDS)[number];

/**
 * What became of a submission to a lead source: a new process, a note on an open one, the same request
 * again (answered with the first answer), or refused (its error says why).
 */
export const LEAD_RESULTS = ["created", "attached", "repeat", "rejected"] as const;
export type LeadResult = (typeof LEAD_RESULTS)[number];

/** An import's life: uploaded (columns being matched), running in the background, done, failed (nothing kept), undone. */
export const IMPORT_STATES = ["uploaded", "running", "done", "failed", "undone"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];
