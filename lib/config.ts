import path from "node:path";
import { ROLES, type Role } from "@/lib/domain";

/** OWASP's argon2id parameters (19 MiB of memory, 2 passes, 1 lane): outside tests, hashes are never cheaper. */
export const PASSWORD_HASHING_MINIMUM = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Settings come from the environment; read them here, nowhere else. */
export const config = {
  /** DATA_DIR as written: cheap to compare on every request (the connection is kept per setting). */
  get dataDirSetting() {
    return process.env.DATA_DIR ?? "";
  },
  get dataDir() {
    return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || "./data");
  },
  /** The address to listen on. */
  get host() {
    return process.env.HOST || "0.0.0.0";
  },
  /** `next dev`: what the development server needs (its CSP allows eval). */
  get isDevelopment() {
    return process.env.NODE_ENV === "development";
  },
  get port() {
    return Number(process.env.PORT || 3000);
  },
  /**
   * The server's heap cap (MB, `--max-old-space-size`): without one V8 lets garbage pile up to a large
   * share of the machine's memory before collecting it; 0 leaves V8's default.
   */
  get serverHeapMb() {
    return Number(process.env.SERVER_HEAP_MB ?? 256);
  },
  /** Where the dealership's staff reach the server, for links in e-mails and feeds. */
  get publicUrl() {
    return (process.env.PUBLIC_URL || process.env.NEXTAUTH_URL || `http://localhost:${this.port}`).replace(/\/$/, "");
  },
  /** The dealership's name: an installation from before showrooms becomes one showroom named so. */
  get dealerName() {
    return process.env.DEALER_NAME?.trim() || "Salon";
  },
  get timeZone() {
    return process.env.TIMEZONE || "Europe/Warsaw";
  },
  get maxUploadMb() {
    return Number(process.env.MAX_UPLOAD_MB || 25);
  },
  /** How much one user may upload within 24 hours. */
  get uploadQuotaMb() {
    return Number(process.env.UPLOAD_QUOTA_MB) || 500;
  },
  /** Uploads are refused while the disk holding DATA_DIR has less free space than this. */
  get uploadMinFreeMb() {
    const value = Number(process.env.UPLOAD_MIN_FREE_MB || 1024);
    return Number.isFinite(value) && value >= 0 ? value : 1024;
  },
  /**
   * TRUST_PROXY=1: the server runs behind one reverse proxy that appends the client's address to
   * X-Forwarded-For; the client's address (sign-in throttle, "Dziennik zdarzeń") is then taken from it
   * instead of the socket's (lib/http/client-address.ts).
   */
  get trustProxy() {
    return process.env.TRUST_PROXY === "1";
  },
  /** Roles that must turn on "Weryfikacja dwuetapowa" before using the app (REQUIRE_2FA=admin,manager). */
  get requireTwoFactorRoles(): Role[] {
    const wanted = (process.env.REQUIRE_2FA || "").split(",").map((role) => role.trim());
    return ROLES.filter((role) => wanted.includes(role));
  },
  /** Size limit of a file for "Importuj z pliku". */
  get importMaxMb() {
    return Number(process.env.IMPORT_MAX_MB || 20);
  },
  /**
   * Files being imported: DATA_DIR/imports, or a folder inside UPLOADS_DIR when servers share one, so that
   * another server can resume an import whose server stopped.
   */
  get importsDir() {
    return process.env.UPLOADS_DIR
      ? path.join(/*turbopackIgnore: true*/ this.uploadsDir, "imports")
      : path.join(/*turbopackIgnore: true*/ this.dataDir, "imports");
  },
  get reminderMinutes() {
    return Number(process.env.REMINDER_MINUTES || 15);
  },
  /** How often the server looks for due reminders and unsent e-mails. */
  get reminderPollMs() {
    return Math.max(200, Number(process.env.REMINDER_POLL_MS) || 30_000);
  },
  /** Session-signing secret; without it one is generated into DATA_DIR. */
  get sessionSecret() {
    return process.env.NEXTAUTH_SECRET || "";
  },
  /** The administrator created on the first start, when there are no users. */
  get firstAdmin() {
    return {
      email: process.env.ADMIN_EMAIL || "",
      password: process.env.ADMIN_PASSWORD || "",
      name: process.env.ADMIN_NAME || "Administrator",
    };
  },
  /** Jest runs with NODE_ENV=test: extra checks that production skips. */
  get isTest() {
    return process.env.NODE_ENV === "test";
  },
  get smtpUrl() {
    return process.env.SMTP_URL || "";
  },
  /** How long the mail server may take to accept a connection, greet, or answer, before the message is retried later. */
  get smtpTimeoutMs() {
    return Number(process.env.SMTP_TIMEOUT_MS) || 10_000;
  },
  get mailFrom() {
    return process.env.MAIL_FROM || "Salon CRM <crm@localhost>";
  },
  /**
   * argon2id's cost for new password hashes: ARGON2_MEMORY_KIB and ARGON2_TIME_COST may raise OWASP's
   * minimum; only tests (NODE_ENV=test) may go below it, to stay quick.
   */
  get passwordHashing() {
    const setting = (name: string, minimum: number) => {
      const value = Math.floor(Number(process.env[name]));
      if (!(value >= 1)) return minimum;
      return process.env.NODE_ENV === "test" ? value : Math.max(value, minimum);
    };
    return {
      memoryCost: setting("ARGON2_MEMORY_KIB", PASSWORD_HASHING_MINIMUM.memoryCost),
      timeCost: setting("ARGON2_TIME_COST", PASSWORD_HASHING_MINIMUM.timeCost),
      parallelism: PASSWORD_HASHING_MINIMUM.parallelism,
    };
  },
  /** Serve even while demo accounts open with the demo password (npm run demo sets it for its server). */
  get allowDemo() {
    return process.env.ALLOW_DEMO === "1";
  },
  /** PostgreSQL (`postgres://…`) instead of SQLite in DATA_DIR. */
  get databaseUrl() {
    return process.env.DATABASE_URL || "";
  },
  /** How many connections to PostgreSQL one server keeps at most. */
  get databasePoolSize() {
    return Math.max(1, Math.floor(Number(process.env.DATABASE_POOL_SIZE)) || 10);
  },
  /** How long one PostgreSQL statement may run before the database cancels it. */
  get databaseStatementTimeoutMs() {
    return Math.max(100, Math.floor(Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS)) || 30_000);
  },
  /** pg_dump of the PostgreSQL version the database runs (npm run backup with DATABASE_URL). */
  get pgDump() {
    return process.env.PG_DUMP || "pg_dump";
  },
  get databaseFile() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "salon-crm.sqlite");
  },
  /** Customers inactive this many months are offered for anonymisation ("Do anonimizacji"); 0 or unset: off. */
  get retentionMonths() {
    const months = Math.floor(Number(process.env.RETENTION_MONTHS));
    return months > 0 ? months : 0;
  },
  /** How many days "Dziennik zdarzeń" keeps an event. */
  get auditDays() {
    const days = Math.floor(Number(process.env.AUDIT_DAYS));
    return days > 0 ? days : 365;
  },
  /** The leads mailbox ("Skrzynka e-mail"): `imaps://user:pass@host/INBOX`; unset: not read. */
  get leadsImapUrl() {
    return process.env.LEADS_IMAP_URL || "";
  },
  /** How often the server reads the leads mailbox. */
  get leadsImapPollMs() {
    return Math.max(1000, Number(process.env.LEADS_IMAP_POLL_MS) || 60_000);
  },
  /** Uploaded files: DATA_DIR/uploads, or UPLOADS_DIR, a folder every server on one PostgreSQL database mounts. */
  get uploadsDir() {
    const shared = process.env.UPLOADS_DIR;
    return shared ? path.resolve(/*turbopackIgnore: true*/ shared) : this.dataDirUploads;
  },
  /** The uploads folder inside DATA_DIR (where a SQLite installation keeps them; npm run db:copy copies from it). */
  get dataDirUploads() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "uploads");
  },
};
