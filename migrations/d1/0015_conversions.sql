CREATE TABLE `conversions` (
	`sale_id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`matched_by` text NOT NULL,
	`segment_ids` text NOT NULL,
	`lead_source` text,
	`sequence_ids` text NOT NULL,
	`matched_at` integer NOT NULL,
	`matched_by_client` text,
	FOREIGN KEY (`sale_id`) REFERENCES `revenue_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversions_lead_id` ON `conversions` (`lead_id`);--> statement-breakpoint
CREATE INDEX `conversions_lead_source` ON `conversions` (`lead_source`);