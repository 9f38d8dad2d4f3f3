CREATE TABLE `showrooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `showrooms_name_unique` ON `showrooms` (`name`);--> statement-breakpoint
CREATE TABLE `user_showrooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`showroom_id` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`showroom_id`) REFERENCES `showrooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_showrooms_unique` ON `user_showrooms` (`user_id`,`showroom_id`);--> statement-breakpoint
CREATE INDEX `user_showrooms_showroom_idx` ON `user_showrooms` (`showroom_id`,`user_id`);--> statement-breakpoint
-- Hand-written from here on (keep it when migrations are regenerated). Every installation has one showroom
-- to begin with, every user working in it and every process in it. SQL cannot read DEALER_NAME: the showroom
-- gets a placeholder name that migrateDatabase() replaces with the dealership's (db/client.ts).
INSERT INTO `showrooms` (`name`) VALUES ('{{DEALER_NAME}}');--> statement-breakpoint
INSERT INTO `user_showrooms` (`user_id`, `showroom_id`) SELECT `id`, (SELECT min(`id`) FROM `showrooms`) FROM `users` ORDER BY `id`;--> statement-breakpoint
-- SQLite cannot add a NOT NULL column with a foreign key: the table is made anew (openDatabase() migrates
-- with foreign keys off, so dropping the old table deletes nothing that refers to it).
CREATE TABLE `__new_processes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`brand` text DEFAULT '' NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`vehicle_notes` text,
	`source` text NOT NULL,
	`showroom_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`resignation_reason` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_activity_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`showroom_id`) REFERENCES `showrooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_processes` (`id`, `customer_id`, `brand`, `model`, `vehicle_notes`, `source`, `showroom_id`, `owner_id`, `status`, `resignation_reason`, `created_by_id`, `created_at`, `updated_at`, `last_activity_at`)
SELECT `id`, `customer_id`, `brand`, `model`, `vehicle_notes`, `source`, (SELECT min(`id`) FROM `showrooms`), `owner_id`, `status`, `resignation_reason`, `created_by_id`, `created_at`, `updated_at`, `last_activity_at` FROM `processes`;--> statement-breakpoint
DROP TABLE `processes`;--> statement-breakpoint
ALTER TABLE `__new_processes` RENAME TO `processes`;--> statement-breakpoint
CREATE INDEX `processes_owner_status_idx` ON `processes` (`owner_id`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_status_activity_idx` ON `processes` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_activity_idx` ON `processes` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_created_idx` ON `processes` (`created_at`);--> statement-breakpoint
CREATE INDEX `processes_owner_created_idx` ON `processes` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `processes_customer_idx` ON `processes` (`customer_id`);--> statement-breakpoint
CREATE INDEX `processes_showroom_status_idx` ON `processes` (`showroom_id`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `processes_showroom_activity_idx` ON `processes` (`showroom_id`,`last_activity_at`);
