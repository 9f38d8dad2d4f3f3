DROP INDEX `processes_owner_status_idx`;--> statement-breakpoint
DROP INDEX `processes_status_activity_idx`;--> statement-breakpoint
DROP INDEX `processes_activity_idx`;--> statement-breakpoint
DROP INDEX `processes_showroom_status_idx`;--> statement-breakpoint
DROP INDEX `processes_showroom_activity_idx`;--> statement-breakpoint
CREATE INDEX `processes_owner_status_idx` ON `processes` (`owner_id`,`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `processes_status_activity_idx` ON `processes` (`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `processes_activity_idx` ON `processes` (`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `processes_showroom_status_idx` ON `processes` (`showroom_id`,`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `processes_showroom_activity_idx` ON `processes` (`showroom_id`,`last_activity_at`,`id`);