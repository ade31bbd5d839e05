CREATE TABLE `email_suppression_hashes` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
