CREATE TABLE `key_notices` (
	`key_id` integer NOT NULL,
	`kind` text NOT NULL,
	`sent_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`key_id`, `kind`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_targets` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`ntfy_url` text NOT NULL,
	`events` text NOT NULL,
	`disable_unused_keys` integer DEFAULT false NOT NULL,
	`last_delivery_at` integer,
	`last_delivery_failed_at` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sign_in_countries` (
	`user_id` integer NOT NULL,
	`country` text NOT NULL,
	`first_seen_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `country`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `leaked_at` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `leak_source` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `leak_url` text;