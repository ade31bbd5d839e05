import type { Role } from './api-keys.ts';

/** Who is calling: an API key's holder, or the development owner key. */
export interface Principal {
  /** Stable id of the client, used as its budget scope. */
  clientId: string;
  role: Role;
  keyPrefix: string;
}

export const canAct = (principal: Principal) => principal.role !== 'readonly';
