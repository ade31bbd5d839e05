CREATE TABLE `audit_outbox` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`entry` text NOT NULL,
	`stored_at` integer NOT NULL
);
