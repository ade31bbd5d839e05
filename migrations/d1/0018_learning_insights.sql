CREATE TABLE `insights` (
	`area` text NOT NULL,
	`dimension` text NOT NULL,
	`key` text NOT NULL,
	`figures` text NOT NULL,
	`text` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`area`, `dimension`, `key`)
);
--> statement-breakpoint
ALTER TABLE `memory_nuggets` ADD `tags` text DEFAULT '[]' NOT NULL;