CREATE TABLE `origin_links` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`origin_user_id` integer NOT NULL,
	`origin_username` text NOT NULL,
	`origin_key_sealed` text NOT NULL,
	`vault_key_id` text NOT NULL,
	`linked_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `origin_links_origin_user_idx` ON `origin_links` (`origin_user_id`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `kind` text DEFAULT 'settings' NOT NULL;