CREATE TABLE "spend_ledger_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"status" "call_status" NOT NULL,
	"scope_agent" text,
	"scope_task" text,
	"scope_run" text,
	"scope_client" text,
	"budget_day" text,
	"budget_month" text,
	"end_user" text,
	"calls" bigint NOT NULL,
	"cache_hits" bigint NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "spend_ledger_daily_key" UNIQUE NULLS NOT DISTINCT("day","kind","provider","model","status","scope_agent","scope_task","scope_run","scope_client","budget_day","budget_month","end_user")
);
--> statement-breakpoint
CREATE INDEX "spend_ledger_daily_budget_day_idx" ON "spend_ledger_daily" USING btree ("budget_day");--> statement-breakpoint
CREATE INDEX "spend_ledger_daily_budget_month_idx" ON "spend_ledger_daily" USING btree ("budget_month");--> statement-breakpoint
CREATE INDEX "spend_ledger_daily_end_user_idx" ON "spend_ledger_daily" USING btree ("end_user");