-- Hand-written: the full-text index also covers the lead's title and its need (the BANT "need"
-- in the lead's own words), which people search by ("fire safety officer", "audit before March").
DROP TRIGGER IF EXISTS `leads_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `leads_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `leads_fts` USING fts5(
	name, company, email, notes, title, need_description,
	content='leads', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO leads_fts(leads_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `leads_fts_insert` AFTER INSERT ON `leads` BEGIN
	INSERT INTO leads_fts(rowid, name, company, email, notes, title, need_description)
	VALUES (new.seq, new.name, new.company, new.email, new.notes, new.title, new.need_description);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_delete` AFTER DELETE ON `leads` BEGIN
	INSERT INTO leads_fts(leads_fts, rowid, name, company, email, notes, title, need_description)
	VALUES ('delete', old.seq, old.name, old.company, old.email, old.notes, old.title, old.need_description);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF name, company, email, notes, title, need_description ON `leads` BEGIN
	INSERT INTO leads_fts(leads_fts, rowid, name, company, email, notes, title, need_description)
	VALUES ('delete', old.seq, old.name, old.company, old.email, old.notes, old.title, old.need_description);
	INSERT INTO leads_fts(rowid, name, company, email, notes, title, need_description)
	VALUES (new.seq, new.name, new.company, new.email, new.notes, new.title, new.need_description);
END;
