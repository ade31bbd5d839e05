ALTER TABLE `workflow_runs` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `workflow_runs` ADD `resumes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A run recorded before the heartbeat existed last made progress when it started or ended.
UPDATE `workflow_runs` SET `updated_at` = coalesce(`ended_at`, `started_at`);--> statement-breakpoint
CREATE INDEX `workflow_runs_progress` ON `workflow_runs` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `deferred_calls_due` ON `deferred_calls` (`status`,`not_before`);
