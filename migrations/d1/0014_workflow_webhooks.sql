CREATE TABLE `workflow_webhook_secrets` (
	`workflow` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`previous_sealed` text,
	`previous_until` integer
);
--> statement-breakpoint
ALTER TABLE `workflow_runs` ADD `input` text;