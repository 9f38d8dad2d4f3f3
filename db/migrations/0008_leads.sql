CREATE TABLE `lead_source_assignees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `lead_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_source_assignees_unique` ON `lead_source_assignees` (`source_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `lead_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`showroom_id` integer NOT NULL,
	`process_source` text NOT NULL,
	`first_contact_minutes` integer DEFAULT 30 NOT NULL,
	`rate_limit_per_minute` integer DEFAULT 60 NOT NULL,
	`key_hash` text,
	`last_assignee_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`showroom_id`) REFERENCES `showrooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_sources_name_unique` ON `lead_sources` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_sources_key_unique` ON `lead_sources` (`key_hash`);--> statement-breakpoint
CREATE TABLE `lead_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`received_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`result` text NOT NULL,
	`process_id` integer,
	`customer_id` integer,
	`assignee_id` integer,
	`task_id` integer,
	`error` text,
	`external_id` text,
	`idempotency_key` text,
	`mail_uid` text,
	`first_contact_missed_at` integer,
	FOREIGN KEY (`source_id`) REFERENCES `lead_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_submissions_external_unique` ON `lead_submissions` (`source_id`,`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_submissions_idempotency_unique` ON `lead_submissions` (`source_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_submissions_mail_unique` ON `lead_submissions` (`source_id`,`mail_uid`);--> statement-breakpoint
CREATE INDEX `lead_submissions_source_idx` ON `lead_submissions` (`source_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `lead_submissions_received_idx` ON `lead_submissions` (`received_at`,`result`);--> statement-breakpoint
CREATE INDEX `lead_submissions_task_idx` ON `lead_submissions` (`task_id`);