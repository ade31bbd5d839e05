ALTER TABLE "spend_ledger" ADD COLUMN "end_user" text;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "downgraded_from" text;--> statement-breakpoint
CREATE INDEX "spend_ledger_end_user_idx" ON "spend_ledger" USING btree ("end_user","at");