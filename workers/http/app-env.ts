import type { AuditNote } from '../../src/audit/entry';
import type { Principal } from '../../src/auth/principal';
import type { Config } from '../../src/config/config';
import type { Logger } from '../../src/observability/logger';
import type { Services } from '../../src/services';

/**
 * Read with `c.get(name)` on paths every request takes: Hono's `c.var` builds a new object of
 * every variable on each read.
 */
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
