ALTER TABLE `workflow_runs` ADD `retry_of` text;--> statement-breakpoint
ALTER TABLE `workflow_runs` ADD `failed_step` text;
