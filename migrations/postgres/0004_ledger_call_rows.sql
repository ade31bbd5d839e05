ALTER TYPE "public"."call_status" ADD VALUE 'cancelled';--> statement-breakpoint
ALTER TABLE "spend_ledger" DROP CONSTRAINT "spend_ledger_request_id_unique";--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "call_id" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
-- Rows written before call ids were one per request: the request id names them, so a replay of one stays a no-op.
UPDATE "spend_ledger" SET "call_id" = "request_id";--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "kind" text DEFAULT 'call' NOT NULL;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "lease_id" text;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "budget_day" text;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD COLUMN "budget_month" text;--> statement-breakpoint
CREATE INDEX "spend_ledger_request_idx" ON "spend_ledger" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "spend_ledger_budget_day_idx" ON "spend_ledger" USING btree ("budget_day");--> statement-breakpoint
CREATE INDEX "spend_ledger_budget_month_idx" ON "spend_ledger" USING btree ("budget_month");--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD CONSTRAINT "spend_ledger_call_id_unique" UNIQUE("call_id");