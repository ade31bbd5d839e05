CREATE TABLE `lead_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`actor` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead_id` ON `lead_events` (`lead_id`,`id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`company` text,
	`title` text,
	`source` text,
	`status` text DEFAULT 'new' NOT NULL,
	`budget_micros` integer,
	`budget_currency` text DEFAULT 'EUR' NOT NULL,
	`authority_role` text,
	`authority_level` text,
	`need_description` text,
	`pain_level` integer,
	`timeline_days` integer,
	`target_date` integer,
	`score` integer DEFAULT 0 NOT NULL,
	`score_breakdown` text,
	`scored_at` integer,
	`notes` text,
	`revision` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_id` ON `leads` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `leads_email_normalized` ON `leads` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `leads_status_seq` ON `leads` (`status`,`seq`);--> statement-breakpoint
CREATE INDEX `leads_source_seq` ON `leads` (`source`,`seq`);--> statement-breakpoint
CREATE INDEX `leads_score` ON `leads` (`score`);--> statement-breakpoint
-- Hand-written: drizzle-kit does not model virtual tables or triggers. Full-text index over the
-- leads' name, company, email and notes, with `leads` as its external content (rowid = seq), kept
-- in sync by the triggers below. Diacritics are folded, so "Muller" finds "Müller".
CREATE VIRTUAL TABLE `leads_fts` USING fts5(
	name, company, email, notes,
	content='leads', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `leads_fts_insert` AFTER INSERT ON `leads` BEGIN
	INSERT INTO leads_fts(rowid, name, company, email, notes) VALUES (new.seq, new.name, new.company, new.email, new.notes);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_delete` AFTER DELETE ON `leads` BEGIN
	INSERT INTO leads_fts(leads_fts, rowid, name, company, email, notes) VALUES ('delete', old.seq, old.name, old.company, old.email, old.notes);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF name, company, email, notes ON `leads` BEGIN
	INSERT INTO leads_fts(leads_fts, rowid, name, company, email, notes) VALUES ('delete', old.seq, old.name, old.company, old.email, old.notes);
	INSERT INTO leads_fts(rowid, name, company, email, notes) VALUES (new.seq, new.name, new.company, new.email, new.notes);
END;
