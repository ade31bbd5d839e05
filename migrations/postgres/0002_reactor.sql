CREATE TYPE "public"."swarm_status" AS ENUM('running', 'reducing', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "reactor_tasks" (
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"yaml" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reactor_tasks_name_version_pk" PRIMARY KEY("name","version")
);
--> statement-breakpoint
CREATE TABLE "swarm_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task" text NOT NULL,
	"task_version" integer NOT NULL,
	"status" "swarm_status" NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "swarm_runs_created_idx" ON "swarm_runs" USING btree ("created_at");