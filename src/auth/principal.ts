import type { Role } from './api-keys.ts';

/** Who is calling: an API key's holder, or the development owner key. */
export interface Principal {
  /** Stable id of the client, used as its budget scope; a rotated key keeps it. */
  clientId: string;
  role: Role;
  keyPrefix: string;
  /** The `api_keys` row behind the credential; absent for the development owner key. */
  keyId?: string;
  /** Catalogue models this client may call; absent allows every model. */
  allowedModels?: string[];
}

export const canAct = (principal: Principal) => principal.role !== 'readonly';
