import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { Services } from '../services';

export interface AppVariables {
  requestId: string;
  config: Config;
  log: Logger;
  services: Services;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
