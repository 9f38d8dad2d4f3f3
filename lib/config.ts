import path from "node:path";

/** Settings come from the environment; read them here, nowhere else. */
export const config = {
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
  get databaseFile() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "salon-crm.sqlite");
  },
  get uploadsDir() {
    return path.join(/*turbopackIgnore: true*/ this.dataDir, "uploads");
  },
};
