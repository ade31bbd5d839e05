CREATE TABLE `sales_segments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`rules` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_segments_name` ON `sales_segments` (`name`);--> statement-breakpoint
CREATE TABLE `sales_sequences` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`segment_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`steps` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`segment_id`) REFERENCES `sales_segments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_sequences_name` ON `sales_sequences` (`name`);--> statement-breakpoint
CREATE TABLE `sales_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`sequence_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`next_step` integer DEFAULT 0 NOT NULL,
	`enrolled_at` integer NOT NULL,
	`last_sent_at` integer,
	`updated_at` integer NOT NULL,
	`error` text,
	FOREIGN KEY (`sequence_id`) REFERENCES `sales_sequences`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_enrolments_lead_sequence` ON `sales_enrolments` (`lead_id`,`sequence_id`);--> statement-breakpoint
CREATE INDEX `sales_enrolments_status` ON `sales_enrolments` (`status`,`sequence_id`);--> statement-breakpoint
CREATE TABLE `sales_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`sequence_id` text NOT NULL,
	`step` integer NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	`provider` text,
	`message_id` text,
	`dry_run` integer DEFAULT false NOT NULL,
	`personalised` integer DEFAULT false NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_sends_lead_sequence_step` ON `sales_sends` (`lead_id`,`sequence_id`,`step`);--> statement-breakpoint
CREATE INDEX `sales_sends_sequence` ON `sales_sends` (`sequence_id`,`id`);--> statement-breakpoint
CREATE TABLE `email_suppressions` (
	`email_normalized` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unsubscribe_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`email_normalized` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unsubscribe_tokens_email` ON `unsubscribe_tokens` (`email_normalized`);
