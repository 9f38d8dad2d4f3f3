ALTER TABLE "customers" DROP COLUMN "consent_phone_at";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "consent_email_at";