CREATE TABLE `origin_mfa_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`purpose` text NOT NULL,
	`origin_token_sealed` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `origin_links` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `source` text DEFAULT 'podkeys' NOT NULL;