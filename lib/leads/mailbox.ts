import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import { getDb } from "@/db/client";
import { leadSubmissions } from "@/db/schema";
import { config } from "@/lib/config";
import { normalizePhone } from "@/lib/customers/phone";
import { t } from "@/lib/i18n";
import { leadFromAdf } from "./adf";
import { parseLead } from "./input";
import { logRejection, receiveLead } from "./intake";
import { rejectionSummary, MAX_LEAD_BYTES } from "./http";
import { findMailboxSource } from "./sources";

const e = t.leads.errors;

export type MailboxPass = { leads: number; repeats: number; unreadable: number };

/** Where LEADS_IMAP_URL points: `imap://` (plain, or STARTTLS when offered) or `imaps://`. */
export function mailboxAddress(url: string) {
  const parsed = new URL(url);
  if (parsed.protocol !== "imap:" && parsed.protocol !== "imaps:")
    throw new Error("LEADS_IMAP_URL: imap:// or imaps://");
  const secure = parsed.protocol === "imaps:";
  return {
    host: parsed.hostname,
    port: Number(parsed.port) || (secure ? 993 : 143),
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "INBOX",
  };
}

/**
 * Reads the leads mailbox once: every unread message becomes a lead of the active "Skrzynka e-mail"
 * source and is marked read. A message that cannot be read stays unread and is reported under the
 * source, once. The same message is never a lead twice: its Message-ID (or ADF id) and its UID are the
 * lead's identity. Only one pass runs at a time (`withMailboxLock`).
 */
export function readLeadsMailbox({ now }: { now?: Date } = {}): Promise<MailboxPass | null> {
  const url = config.leadsImapUrl;
  if (!url) return Promise.resolve(null);
  return withMailboxLock(() => readOnce(url, now));
}

const globalForMailbox = globalThis as unknown as { salonMailboxPass?: Promise<MailboxPass | null> };

/**
 * One pass at a time in this process; among several servers on one PostgreSQL database the background
 * loop reads under a lock (BACKGROUND_LOCKS.leadsMailbox), and the lead's identity (Message-ID, UID) keeps
 * a message from becoming two leads even without it.
 */
function withMailboxLock(work: () => Promise<MailboxPass | null>): Promise<MailboxPass | null> {
  globalForMailbox.salonMailboxPass ??= work().finally(() => {
    globalForMailbox.salonMailboxPass = undefined;
  });
  return globalForMailbox.salonMailboxPass;
}

async function readOnce(url: string, now?: Date): Promise<MailboxPass | null> {
  const source = await findMailboxSource();
  if (!source) return null;
  const address = mailboxAddress(url);
  const client = new ImapFlow({
    host: address.host,
    port: address.port,
    secure: address.secure,
    auth: { user: address.user, pass: address.pass },
    logger: false,
    socketTimeout: 60_000,
  });
  const pass: MailboxPass = { leads: 0, repeats: 0, unreadable: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(address.mailbox);
    try {
      const mailbox = client.mailbox;
      const validity = mailbox ? String(mailbox.uidValidity) : "0";
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      const known = await reportedUids(
        source.id,
        unseen.map((uid) => `${validity}:${uid}`),
      );
      for (const uid of unseen) {
        const mailUid = `${validity}:${uid}`;
        // Already reported as unreadable: it stays unread, and is not reported again.
        if (known.get(mailUid) === "rejected") continue;
        const outcome = await takeMessage(client, { sourceId: source.id, uid, mailUid, now });
        if (outcome === "limited") break;
        pass[outcome]++;
        if (outcome !== "unreadable") await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return pass;
}

async function reportedUids(sourceId: number, mailUids: string[]): Promise<Map<string, string>> {
  if (!mailUids.length) return new Map();
  const rows = await getDb()
    .select({ mailUid: leadSubmissions.mailUid, result: leadSubmissions.result })
    .from(leadSubmissions)
    .where(and(eq(leadSubmissions.sourceId, sourceId), inArray(leadSubmissions.mailUid, mailUids)));
  return new Map(rows.map((row) => [row.mailUid!, row.result]));
}

async function takeMessage(
  client: ImapFlow,
  { sourceId, uid, mailUid, now }: { sourceId: number; uid: number; mailUid: string; now?: Date },
): Promise<"leads" | "repeats" | "unreadable" | "limited"> {
  const report = async (why: string) => {
    await logRejection({ sourceId, error: e.unreadableMessage(why), mailUid, now });
    return "unreadable" as const;
  };
  let fields: Record<string, unknown> | null;
  try {
    const message = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true });
    if (!message || !message.source) return await report("brak treści");
    if (message.source.length > 10 * 1024 * 1024) return await report("wiadomość większa niż 10 MB");
    fields = leadFromMail(await simpleParser(message.source, { skipHtmlToText: false }));
  } catch (error) {
    return await report(error instanceof Error ? error.message.slice(0, 200) : String(error));
  }
  if (!fields) return await report(e.brokenXml);
  const parsed = parseLead(fields);
  if ("errors" in parsed) return await report(rejectionSummary(parsed.errors));
  const outcome = await receiveLead({
    sourceId,
    lead: parsed.lead,
    identity: { mailUid },
    consentSource: "lead_api",
    noteType: "email",
    address: null,
    now,
  });
  if (outcome.status === 201) return "leads";
  if (outcome.status === 200) return "repeats";
  if (outcome.status === 429) return "limited";
  return await report(t.common.genericError);
}

const PHONE_CANDIDATE = /(?:\+|00)?\d[\d\s().-]{7,18}\d/g;

/**
 * A message as a lead's fields: ADF XML in an attachment or the body if there is one (null when that XML
 * is broken), else the sender, a phone number found in the text, the subject and the text. Its
 * Message-ID is its `externalId` unless the ADF has an id of its own.
 */
export function leadFromMail(mail: ParsedMail): Record<string, unknown> | null {
  const attachment = mail.attachments.find(
    (file) => /xml/i.test(file.contentType) || /\.(xml|adf)$/i.test(file.filename ?? ""),
  );
  const body = mail.text ?? "";
  const xml = attachment
    ? attachment.content.toString("utf8")
    : /<adf[\s>]/i.test(body)
      ? body.slice(body.search(/<\?xml|<adf/i))
      : null;
  const messageId = mail.messageId?.slice(0, 200);
  if (xml !== null) {
    if (xml.length > MAX_LEAD_BYTES) return null;
    const adf = leadFromAdf(xml.trim());
    return adf ? { externalId: messageId, ...adf } : null;
  }
  const sender = mail.from?.value[0];
  const [firstName, ...rest] = (sender?.name ?? "").split(/\s+/).filter(Boolean);
  const phone = (body.match(PHONE_CANDIDATE) ?? []).map((candidate) => normalizePhone(candidate)).find(Boolean);
  const message = [mail.subject, body.trim()].filter(Boolean).join("\n\n").slice(0, 5000);
  return {
    firstName: firstName?.slice(0, 100),
    lastName: rest.join(" ").slice(0, 100) || undefined,
    email: sender?.address,
    phone: phone ?? undefined,
    message: message.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "") || undefined,
    externalId: messageId,
  };
}
