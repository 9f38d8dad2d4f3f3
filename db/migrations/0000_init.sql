CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`phone` text,
	`email` text,
	`consent_phone_at` integer,
	`consent_email_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_phone_idx` ON `customers` (`phone`);--> statement-breakpoint
CREATE INDEX `customers_email_idx` ON `customers` (`email`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`email` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`initiative` text NOT NULL,
	`type` text NOT NULL,
	`content` text NOT NULL,
	`notify_owner` integer DEFAULT false NOT NULL,
	`task_id` integer,
	`submission_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notes_process_created_idx` ON `notes` (`process_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notes_author_created_idx` ON `notes` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notes_created_idx` ON `notes` (`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notes_task_unique` ON `notes` (`task_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notes_submission_unique` ON `notes` (`submission_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`process_id` integer,
	`task_id` integer,
	`note_id` integer,
	`actor_id` integer,
	`message` text NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`note_id`) REFERENCES `notes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_email_idx` ON `notifications` (`emailed_at`);--> statement-breakpoint
CREATE TABLE `process_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`user_id` integer,
	`kind` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `process_events_process_idx` ON `process_events` (`process_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `process_events_kind_created_idx` ON `process_events` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `processes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`brand` text DEFAULT '' NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`vehicle_notes` text,
	`source` text NOT NULL,
	`owner_id` integer NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`resignation_reason` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_activity_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `processes_owner_status_idx` ON `processes` (`owner_id`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_status_activity_idx` ON `processes` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_activity_idx` ON `processes` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_created_idx` ON `processes` (`created_at`);--> statement-breakpoint
CREATE INDEX `processes_owner_created_idx` ON `processes` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `processes_customer_idx` ON `processes` (`customer_id`);--> statement-breakpoint
CREATE TABLE `task_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer,
	`token` text NOT NULL,
	`original_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_files_task_idx` ON `task_files` (`task_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_files_token_unique` ON `task_files` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_files_stored_unique` ON `task_files` (`stored_name`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`planned_by_id` integer NOT NULL,
	`goal` text NOT NULL,
	`remind_about` text,
	`all_day` integer DEFAULT false NOT NULL,
	`due_date` text,
	`start_at` integer,
	`end_at` integer,
	`due_at` integer NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`done_at` integer,
	`done_by_id` integer,
	`reminded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`planned_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee_state_due_idx` ON `tasks` (`assignee_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_process_state_idx` ON `tasks` (`process_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_state_due_idx` ON `tasks` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_done_by_idx` ON `tasks` (`done_by_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`calendar_feed_hash` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_feed_unique` ON `users` (`calendar_feed_hash`);