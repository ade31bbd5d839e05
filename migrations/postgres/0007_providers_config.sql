CREATE TABLE "llm_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"base_url" text NOT NULL,
	"api_key_secret" text,
	"header_secrets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"behind_access" boolean DEFAULT false NOT NULL,
	"max_tokens_field" text DEFAULT 'max_tokens' NOT NULL,
	"unsupported_parameters" text[] DEFAULT '{}'::text[] NOT NULL,
	"json_schema" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A catalogue seeded before these two models existed gets them; an empty one is seeded whole on first read.
INSERT INTO "models" ("id", "provider", "model_id", "display_name", "input_micros_per_million", "output_micros_per_million", "context_window", "max_output", "capabilities", "active")
SELECT v.* FROM (VALUES
	('ollama/mistral', 'ollama', 'mistral', 'Mistral 7B (local)', 0::bigint, 0::bigint, 4096, 4096, ARRAY['simple', 'local']::text[], true),
	('ollama/deepseek-r1', 'ollama', 'deepseek-r1', 'DeepSeek-R1 (local)', 0::bigint, 0::bigint, 4096, 4096, ARRAY['simple', 'reasoning', 'local']::text[], true)
) AS v
WHERE EXISTS (SELECT 1 FROM "models")
ON CONFLICT ("id") DO NOTHING;
