// Pulls every Ollama model the router policy names (and the memory's embedding model when it is
// Ollama's) into the Ollama at OLLAMA_URL. Extra model names may follow on the command line.
import { join } from 'node:path';
import { errorMessage } from '../../src/lib/error-message.ts';
import { ollamaModelsForConfig, pullOllamaModels } from '../ollama-pull.ts';
import { workerVars } from '../worker-config.ts';

const root = join(import.meta.dirname, '..', '..');
const passed = Object.fromEntries(
  ['ROUTER_POLICY', 'MEMORY_EMBEDDINGS', 'MEMORY_EMBEDDING_MODEL'].flatMap((name) =>
    process.env[name] ? [[name, process.env[name]]] : [],
  ),
);
const ollamaUrl = process.env.OLLAMA_URL ?? 'http://127.0.0.1:11434';
try {
  const vars = await workerVars(root, { OLLAMA_URL: ollamaUrl, ...passed });
  const models = [...new Set([...ollamaModelsForConfig(vars), ...process.argv.slice(2)])];
  await pullOllamaModels(ollamaUrl, models, { log: (line) => console.log(line) });
  console.log(`pulled ${models.join(', ')}`);
} catch (error) {
  console.error(`ollama-pull: ${errorMessage(error)}`);
  process.exit(1);
}
