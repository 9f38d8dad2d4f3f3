-- Hand-written (drizzle-kit generate --custom): keep it when migrations are regenerated.
-- Consents from before the register (customers.consent_phone_at / consent_email_at) become records:
-- granted at the time kept, source "Salon", nobody named, wording unknown (NULL). The next migration
-- drops the columns.
INSERT INTO `consent_records` (`customer_id`, `channel`, `granted`, `recorded_by_id`, `source`, `text`, `recorded_at`)
SELECT `id`, 'phone', 1, NULL, 'showroom', NULL, `consent_phone_at` FROM `customers`
WHERE `consent_phone_at` IS NOT NULL ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `consent_records` (`customer_id`, `channel`, `granted`, `recorded_by_id`, `source`, `text`, `recorded_at`)
SELECT `id`, 'email', 1, NULL, 'showroom', NULL, `consent_email_at` FROM `customers`
WHERE `consent_email_at` IS NOT NULL ORDER BY `id`;
--> statement-breakpoint
-- "Dziennik zdarzeń" is append-only: no statement may change an event (expiry deletes whole old rows).
CREATE TRIGGER `audit_events_append_only` BEFORE UPDATE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
