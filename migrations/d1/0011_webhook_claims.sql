CREATE TABLE `webhook_claims` (
	`key` text PRIMARY KEY NOT NULL,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_claims_expires_at` ON `webhook_claims` (`expires_at`);