CREATE TABLE `deferred_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`request` text NOT NULL,
	`refusal` text NOT NULL,
	`status` text NOT NULL,
	`not_before` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`result` text,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
