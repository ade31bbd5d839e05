CREATE TABLE `bma_audits` (
	`id` text PRIMARY KEY NOT NULL,
	`customer` text,
	`engagement_id` text,
	`site` text NOT NULL,
	`findings` text NOT NULL,
	`result` text NOT NULL,
	`wording` text NOT NULL,
	`cost_micros` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bma_audits_created` ON `bma_audits` (`created_at`);--> statement-breakpoint
CREATE TABLE `bma_engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`customer` text NOT NULL,
	`site` text NOT NULL,
	`description` text,
	`fee_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`invoiced_at` integer,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bma_engagements_status` ON `bma_engagements` (`status`);--> statement-breakpoint
CREATE INDEX `bma_engagements_paid` ON `bma_engagements` (`paid_at`);
