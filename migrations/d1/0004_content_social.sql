CREATE TABLE `content_ideas` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`brief` text,
	`origin` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `content_items` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`idea_id` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`slug` text,
	`scheduled_at` integer,
	`published_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`revision` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `content_ideas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_items_id` ON `content_items` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_items_idea_channel` ON `content_items` (`idea_id`,`channel`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_items_slug` ON `content_items` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_items_slot` ON `content_items` (`channel`,`scheduled_at`) WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX `content_items_status_due` ON `content_items` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `content_publications` (
	`item_id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`state` text NOT NULL,
	`remote_ids` text NOT NULL,
	`url` text,
	`dry_run` integer NOT NULL,
	`claimed_at` integer NOT NULL,
	`finished_at` integer,
	`error` text,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `content_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`actor` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `content_events_item` ON `content_events` (`item_id`,`id`);--> statement-breakpoint
CREATE TABLE `social_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `x_posts` (
	`post_id` text PRIMARY KEY NOT NULL,
	`author_id` text NOT NULL,
	`username` text,
	`display_name` text,
	`text` text NOT NULL,
	`posted_at` integer,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`intent` integer,
	`reading` text,
	`lead_id` text,
	`error` text,
	`received_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `x_posts_status` ON `x_posts` (`status`,`received_at`);
