CREATE TABLE `memory_nuggets` (
	`collection` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`last_used_at` integer,
	PRIMARY KEY(`collection`, `id`)
);
--> statement-breakpoint
CREATE INDEX `memory_nuggets_latest` ON `memory_nuggets` (`collection`,`created_at`);--> statement-breakpoint
CREATE INDEX `memory_nuggets_most_used` ON `memory_nuggets` (`collection`,`uses`);
