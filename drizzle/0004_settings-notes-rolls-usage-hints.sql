CREATE TABLE `key_usage_daily` (
	`key_id` integer NOT NULL,
	`day` text NOT NULL,
	`valid` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key_id`, `day`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `note` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `replaced_by_id` integer;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `target_hint` text;