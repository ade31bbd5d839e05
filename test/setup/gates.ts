// Upstreams that refuse requests without the right headers, in front of the fake LLM and Chroma:
// one stands in for Cloudflare Access, one for a provider that checks its key and a tenant header.
// The values are test-only and given to the Worker as its secrets (vitest.config.ts).
import { type HeaderGate, startHeaderGate } from '../../local-stack/services/header-gate.ts';

export const gateSecrets = {
  CF_ACCESS_CLIENT_ID: 'test-access-client.access',
  CF_ACCESS_CLIENT_SECRET: 'test-access-client-secret-0123456789',
  TEST_CUSTOM_LLM_KEY: 'test-custom-llm-key-0123',
  TEST_CUSTOM_LLM_TENANT: 'tenant-7',
};

export const accessHeaders = {
  'CF-Access-Client-Id': gateSecrets.CF_ACCESS_CLIENT_ID,
  'CF-Access-Client-Secret': gateSecrets.CF_ACCESS_CLIENT_SECRET,
};

export interface Gates {
  accessLlmUrl: string;
  accessChromaUrl: string;
  keyedLlmUrl: string;
  close(): Promise<void>;
}

export async function startGates(fakeLlmUrl: string, chromaUrl: string): Promise<Gates> {
  const started: HeaderGate[] = [];
  const gate = async (target: string, required: Record<string, string>) => {
    const running = await startHeaderGate({ target, required });
    started.push(running);
    return running.url;
  };
  return {
    accessLlmUrl: await gate(fakeLlmUrl, accessHeaders),
    accessChromaUrl: chromaUrl ? await gate(chromaUrl, accessHeaders) : '',
    keyedLlmUrl: await gate(fakeLlmUrl, {
      authorization: `Bearer ${gateSecrets.TEST_CUSTOM_LLM_KEY}`,
      'x-tenant': gateSecrets.TEST_CUSTOM_LLM_TENANT,
    }),
    close: async () => {
      await Promise.all(started.map((running) => running.close()));
    },
  };
}
