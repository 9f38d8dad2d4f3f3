import type { AuditEvent } from "@/db/schema";
import { CONSENT_CHANNELS, CONSENT_SOURCES, ROLES, type ConsentSource, type Role } from "@/lib/domain";
import { t } from "@/lib/i18n";
import type { AuditDetails } from "./record";

const d = t.audit.describe;

function parseDetails(raw: string | null): AuditDetails {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as AuditDetails) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown) => (value == null ? t.common.none : String(value));
const roleLabel = (value: unknown) =>
  (ROLES as readonly unknown[]).includes(value) ? t.labels.role[value as Role] : text(value);

/** "What" of an event, in Polish, from its kind and details; `nameOf` names users by id. */
export function describeEvent(
  event: Pick<AuditEvent, "kind" | "details" | "customerId">,
  nameOf: (userId: number) => string | undefined,
): string {
  const details = parseDetails(event.details);
  const target = () => {
    const id = Number(details.targetUserId);
    return Number.isSafeInteger(id) ? (nameOf(id) ?? d.unknownUser(id)) : t.common.none;
  };
  const customer = event.customerId == null ? t.common.none : d.customerRef(event.customerId);
  switch (event.kind) {
    case "sign_in":
      return details.email ? `${d.signIn} (${text(details.email)})` : d.signIn;
    case "sign_in_failed":
      return d.signInFailed(text(details.email), d.failureReason[String(details.reason)] ?? text(details.reason));
    case "user_created":
      return d.userCreated(target(), roleLabel(details.role));
    case "user_role_changed":
      return d.roleChanged(target(), roleLabel(details.from), roleLabel(details.to));
    case "user_deactivated":
      return d.deactivated(target());
    case "user_reactivated":
      return d.reactivated(target());
    case "user_password_reset":
      return d.passwordReset(target());
    case "user_sign_in_unblocked":
      return d.signInUnblocked(target());
    case "user_two_factor_reset":
      return d.twoFactorReset(target());
    case "stats_export":
      return d.statsExport(text(details.table), t.stats.period.range(text(details.from), text(details.to)));
    case "customer_export":
      return d.customerExport(customer, Number(details.files ?? 0));
    case "customer_anonymized":
      return d.anonymized(customer, text(details.reason));
    case "consents_changed": {
      const changes = CONSENT_CHANNELS.filter((channel) => typeof details[channel] === "boolean")
        .map((channel) => t.consents.historyEntry(t.consents.channelShort[channel], details[channel] as boolean))
        .join(", ");
      const source = (CONSENT_SOURCES as readonly unknown[]).includes(details.source)
        ? t.labels.consentSource[details.source as ConsentSource]
        : text(details.source);
      return d.consents(customer, changes, source);
    }
    case "file_download":
      return d.download(text(details.name), customer);
    case "settings_changed":
      return d.settings(t.settings.consentTexts);
    case "import_run":
      return d.importRun(
        text(details.file),
        Number(details.processes ?? 0),
        Number(details.customers ?? 0),
        Number(details.skipped ?? 0),
      );
    case "import_undone":
      return d.importUndone(text(details.file), Number(details.processes ?? 0));
    case "processes_export":
      return d.processesExport(
        Object.entries(details)
          .filter(([, value]) => value !== null && value !== "")
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(", "),
      );
  }
}
