import type { AuditNote } from '../audit/entry';
import type { Principal } from '../auth/principal';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { Services } from '../services';

export interface AppVariables {
  requestId: string;
  config: Config;
  log: Logger;
  services: Services;
  /** Set by requireRole on authenticated routes. */
  principal: Principal;
  /** Set by handlers that know more about their call than its route tells (see auditNote). */
  auditNote?: AuditNote;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
