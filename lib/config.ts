import path from "node:path";

/** Settings come from the environment; read them here, nowhere else. */
export const config = {
  /** DATA_DIR as written: cheap to compare on every request (the connection is kept per setting). */
  get dataDirSetting() {
    return process.env.DATA_DIR ?? "";
  },
  get dataDir() {
    return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || "./data");
  },
  get port() {
    return Number(process.env.PORT || 3000);
  },
  /** Where the dealership's staff reach the server, for links in e-mails and feeds. */
  get publicUrl() {
    return (process.env.PUBLIC_URL || process.env.NEXTAUTH_URL || `http://localhost:${this.port}`).replace(/\/$/, "");
  },
  get timeZone() {
    return process.env.TIMEZONE || "Europe/Warsaw";
  },
  get maxUploadMb() {
    return Number(process.env.MAX_UPLOAD_MB || 25);
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
  get mailFrom() {
    return process.env.MAIL_FROM || "Salon CRM <crm@localhost>";
  },
  /** bcrypt cost; tests lower it to stay quick. */
  get bcryptCost() {
    return Number(process.env.BCRYPT_COST || 12);
  },
  /** PostgreSQL (`postgres://…`) instead of SQLite in DATA_DIR. */
  get databaseUrl() {
    return process.env.DATABASE_URL || "";
  },
  get databaseFile() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "salon-crm.sqlite");
  },
  get uploadsDir() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "uploads");
  },
};
