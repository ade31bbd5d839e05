import { createApp } from '../src/http/create-app';
import { healthRoutes } from './api/health';
import { rootRoutes } from './api/root';
import { buildServices } from './services';

export const app = createApp({ services: (c) => buildServices(c.env, c.var.config) });

app.route('/', rootRoutes);
app.route('/', healthRoutes);
