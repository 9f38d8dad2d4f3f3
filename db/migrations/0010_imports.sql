CREATE TABLE `import_skips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row_number` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_skips_import_idx` ON `import_skips` (`import_id`,`row_number`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`showroom_id` integer,
	`default_owner_id` integer,
	`task_date` text,
	`file_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`format` text NOT NULL,
	`encoding` text,
	`delimiter` text,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`state` text DEFAULT 'uploaded' NOT NULL,
	`total_rows` integer NOT NULL,
	`done_rows` integer DEFAULT 0 NOT NULL,
	`created_processes` integer DEFAULT 0 NOT NULL,
	`created_customers` integer DEFAULT 0 NOT NULL,
	`heartbeat_at` integer,
	`error` text,
	`started_at` integer,
	`finished_at` integer,
	`undone_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`showroom_id`) REFERENCES `showrooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`default_owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_user_idx` ON `imports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `imports_state_idx` ON `imports` (`state`);--> statement-breakpoint
ALTER TABLE `consent_records` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
CREATE INDEX `consent_records_import_idx` ON `consent_records` (`import_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
CREATE INDEX `customers_import_idx` ON `customers` (`import_id`);--> statement-breakpoint
ALTER TABLE `processes` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
CREATE INDEX `processes_import_idx` ON `processes` (`import_id`);