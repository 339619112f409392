ALTER TABLE `api_keys` ADD `permissions` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `podcast_ids` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `network` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `rate_limit` text;