ALTER TABLE "spend_ledger" ADD COLUMN "end_user" text;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "downgraded_from" text;--> statement-breakpoint
CREATE INDEX "spend_ledger_end_user_idx" ON "spend_ledger" USING btree ("end_user","at");--> statement-breakpoint
-- Models seeded before images were taken: Claude and Kimi K2.5/K2.6 read images (the local Ollama models do not).
UPDATE "models" SET "capabilities" = array_append("capabilities", 'vision') WHERE "id" IN ('anthropic/claude-opus-5-5', 'anthropic/claude-sonnet-5-5', 'anthropic/claude-haiku-5-5', 'moonshot/kimi-k2.5', 'moonshot/kimi-k2.6') AND NOT ('vision' = ANY("capabilities"));
