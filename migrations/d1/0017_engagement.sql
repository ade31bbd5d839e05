CREATE TABLE `email_events` (
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject_kind` text,
	`subject_id` text,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_events_provider_event` ON `email_events` (`provider`,`event_id`);--> statement-breakpoint
CREATE INDEX `email_events_subject` ON `email_events` (`subject_kind`,`subject_id`,`kind`);--> statement-breakpoint
CREATE TABLE `engagement_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` text NOT NULL,
	`read_at` integer NOT NULL,
	`posts` integer NOT NULL,
	`impressions` integer NOT NULL,
	`likes` integer NOT NULL,
	`reposts` integer NOT NULL,
	`replies` integer NOT NULL,
	`quotes` integer NOT NULL,
	`bookmarks` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `engagement_snapshots_item` ON `engagement_snapshots` (`item_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `engagement_totals` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`channel` text NOT NULL,
	`idea_id` text,
	`sequence_id` text,
	`format` text NOT NULL,
	`posted_at` integer NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`reposts` integer DEFAULT 0 NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`quotes` integer DEFAULT 0 NOT NULL,
	`bookmarks` integer DEFAULT 0 NOT NULL,
	`metrics_read_at` integer,
	`delivered` integer DEFAULT 0 NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`clicked` integer DEFAULT 0 NOT NULL,
	`bounced` integer DEFAULT 0 NOT NULL,
	`complained` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `engagement_totals_subject` ON `engagement_totals` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `engagement_totals_posted` ON `engagement_totals` (`posted_at`,`channel`);--> statement-breakpoint
CREATE INDEX `sales_sends_message` ON `sales_sends` (`message_id`);