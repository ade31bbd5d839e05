CREATE TABLE `revenue_events` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`status` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`fee_micros` integer,
	`currency` text NOT NULL,
	`product` text NOT NULL,
	`product_id` text,
	`buyer_email` text,
	`at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`refunded_at` integer,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revenue_events_source_external_id` ON `revenue_events` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `revenue_events_at` ON `revenue_events` (`at`);
