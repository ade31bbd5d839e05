CREATE TABLE `dead_letters` (
	`message_id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`kind` text,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`reason` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workflow_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow` text NOT NULL,
	`trigger` text NOT NULL,
	`cron` text,
	`tick` integer,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`cost_micros` integer DEFAULT 0 NOT NULL,
	`error` text,
	`steps` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_runs_idempotency_key` ON `workflow_runs` (`idempotency_key`);