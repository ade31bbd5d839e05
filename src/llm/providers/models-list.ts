import type { ProviderEndpoint } from './endpoints';
import { requestJson } from './http';
import type { ProviderId } from './types';

interface ModelsAnswer {
  data?: { id?: unknown }[];
}

/** The ids of the models an endpoint lists (GET /models; Anthropic's is under /v1), and the answer's headers. */
export async function listModels(
  provider: ProviderId,
  endpoint: ProviderEndpoint,
  signal?: AbortSignal,
): Promise<{ ids: string[]; headers: Headers }> {
  const path = endpoint.dialect === 'anthropic' ? '/v1/models' : '/models';
  const { data, headers } = await requestJson<ModelsAnswer | null>(endpoint, { provider, path, signal });
  const listed = Array.isArray(data?.data) ? data.data : [];
  const ids = listed.flatMap((entry) => (typeof entry.id === 'string' ? [entry.id] : []));
  return { ids, headers };
}
