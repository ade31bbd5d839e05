import { createApp } from '../src/http/create-app';
import { budgetRoutes } from './api/budget';
import { deferralRoutes } from './api/deferrals';
import { gatewayRoutes } from './api/gateway';
import { healthRoutes } from './api/health';
import { rootRoutes } from './api/root';
import { buildServices } from './services';

export const app = createApp({
  services: (c) =>
    buildServices(c.env, c.var.config, { log: c.var.log, background: (work) => c.executionCtx.waitUntil(work) }),
});

app.route('/', rootRoutes);
app.route('/', healthRoutes);
app.route('/', gatewayRoutes);
app.route('/', budgetRoutes);
app.route('/', deferralRoutes);
