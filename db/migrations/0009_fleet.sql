CREATE TABLE `car_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`car_id` integer NOT NULL,
	`task_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`licence_number` text,
	`mileage_before` integer,
	`mileage_after` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`car_id`) REFERENCES `demo_cars`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `car_bookings_task_unique` ON `car_bookings` (`task_id`);--> statement-breakpoint
CREATE INDEX `car_bookings_car_idx` ON `car_bookings` (`car_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `car_outages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`car_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`car_id`) REFERENCES `demo_cars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `car_outages_car_idx` ON `car_outages` (`car_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `demo_cars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`showroom_id` integer NOT NULL,
	`make` text NOT NULL,
	`model` text NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`registration` text NOT NULL,
	`vin` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`showroom_id`) REFERENCES `showrooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demo_cars_registration_unique` ON `demo_cars` (`registration`);--> statement-breakpoint
CREATE UNIQUE INDEX `demo_cars_vin_unique` ON `demo_cars` (`vin`);--> statement-breakpoint
CREATE INDEX `demo_cars_showroom_idx` ON `demo_cars` (`showroom_id`);--> statement-breakpoint
ALTER TABLE `showrooms` ADD `opens_at` text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `showrooms` ADD `closes_at` text DEFAULT '18:00' NOT NULL;