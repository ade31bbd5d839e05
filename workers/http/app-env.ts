import type { AuditNote } from '../../src/audit/entry';
import type { Principal } from '../../src/auth/principal';
import type { Config } from '../../src/config/config';
import type { Logger } from '../../src/observability/logger';
import type { Services } from '../../src/services';

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
