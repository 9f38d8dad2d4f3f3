ALTER TABLE "lead_sources" ADD COLUMN "rate_minute" integer;--> statement-breakpoint
ALTER TABLE "lead_sources" ADD COLUMN "rate_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_sources" ADD COLUMN "rate_previous_count" integer DEFAULT 0 NOT NULL;