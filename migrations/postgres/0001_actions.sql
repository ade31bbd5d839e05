CREATE TYPE "public"."action_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"input" text NOT NULL,
	"priority" text NOT NULL,
	"agents" text[] NOT NULL,
	"status" "action_status" NOT NULL,
	"conversation_id" uuid,
	"result" text,
	"error" text,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_created_idx" ON "actions" USING btree ("created_at");