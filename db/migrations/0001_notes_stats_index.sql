DROP INDEX `notes_created_idx`;--> statement-breakpoint
CREATE INDEX `notes_created_stats_idx` ON `notes` (`created_at`,`author_id`,`type`,`initiative`);