-- The embeddings models join a catalogue that was already seeded; an empty one is seeded whole from
-- src/llm/catalogue.ts on its first read, so nothing is inserted into it here.
INSERT INTO "models" ("id", "provider", "model_id", "display_name", "input_micros_per_million", "output_micros_per_million", "context_window", "max_output", "capabilities", "active")
SELECT * FROM (VALUES
  ('ollama/nomic-embed-text', 'ollama', 'nomic-embed-text', 'Nomic Embed Text (local)', 0, 0, 8192, 0, ARRAY['embeddings', 'local']::text[], true),
  ('openai/text-embedding-3-small', 'openai', 'text-embedding-3-small', 'OpenAI Text Embedding 3 Small', 20000, 0, 8191, 0, ARRAY['embeddings', 'dimensions']::text[], true)
) AS seed
WHERE EXISTS (SELECT 1 FROM "models")
ON CONFLICT ("id") DO NOTHING;
