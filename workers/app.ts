import { actionRoutes } from './api/actions';
import { auditRoutes } from './api/audit';
import { authRoutes } from './api/auth';
import { backupRoutes } from './api/backups';
import { bmaRoutes } from './api/bma';
import { engagementRoutes } from './api/bma-engagements';
import { brainRoutes } from './api/brains';
import { budgetRoutes } from './api/budget';
import { contentRoutes } from './api/content';
import { contentDecisionRoutes } from './api/content-decisions';
import { contentEngagementRoutes } from './api/content-engagement';
import { contentIdeaRoutes } from './api/content-ideas';
import { conversionRoutes } from './api/conversions';
import { crmRoutes } from './api/crm';
import { crmTransferRoutes } from './api/crm-transfer';
import { deferralRoutes } from './api/deferrals';
import { emailWebhookRoutes } from './api/email-webhooks';
import { embeddingsRoutes } from './api/embeddings';
import { gatewayRoutes } from './api/gateway';
import { githubRoutes } from './api/github';
import { gumroadRoutes } from './api/gumroad';
import { healthRoutes } from './api/health';
import { insightRoutes } from './api/insights';
import { keyRoutes } from './api/keys';
import { leadPrivacyRoutes } from './api/lead-privacy';
import { liveRoutes } from './api/live';
import { memoryRoutes } from './api/memory';
import { messagesRoutes } from './api/messages';
import { metricsRoutes } from './api/metrics';
import { modelRoutes } from './api/models';
import { providerRoutes } from './api/providers';
import { responsesRoutes } from './api/responses';
import { revenueRoutes } from './api/revenue';
import { rootRoutes } from './api/root';
import { runRoutes } from './api/runs';
import { salesRoutes } from './api/sales';
import { segmentRoutes } from './api/sales-segments';
import { sweepRoutes } from './api/sweep';
import { taskRoutes } from './api/tasks';
import { telegramRoutes } from './api/telegram';
import { unsubscribeRoutes } from './api/unsubscribe';
import { workflowWebhookSecretRoutes } from './api/workflow-webhook-secrets';
import { workflowWebhookRoutes } from './api/workflow-webhooks';
import { workflowRoutes } from './api/workflows';
import { renderApiReference } from './http/api-reference';
import { createApp } from './http/create-app';
import { registerErrorResponses } from './http/responses';
import { buildServices } from './services';

export const app = createApp({
  services: (c) =>
    buildServices(c.env, c.get('config'), {
      log: c.get('log'),
      background: (work) => c.executionCtx.waitUntil(work),
      requestId: c.get('requestId'),
    }),
});

app.route('/', rootRoutes);
app.route('/', healthRoutes);
app.route('/', authRoutes);
app.route('/', keyRoutes);
app.route('/', brainRoutes);
app.route('/', actionRoutes);
app.route('/', liveRoutes);
app.route('/', gatewayRoutes);
app.route('/', modelRoutes);
app.route('/', providerRoutes);
app.route('/', responsesRoutes);
app.route('/', messagesRoutes);
app.route('/', embeddingsRoutes);
app.route('/', budgetRoutes);
app.route('/', deferralRoutes);
app.route('/', taskRoutes);
app.route('/', runRoutes);
app.route('/', workflowRoutes);
app.route('/', workflowWebhookSecretRoutes);
app.route('/', workflowWebhookRoutes);
app.route('/', sweepRoutes);
app.route('/', metricsRoutes);
app.route('/', crmTransferRoutes);
app.route('/', crmRoutes);
app.route('/', leadPrivacyRoutes);
app.route('/', segmentRoutes);
app.route('/', salesRoutes);
app.route('/', unsubscribeRoutes);
app.route('/', bmaRoutes);
app.route('/', engagementRoutes);
app.route('/', telegramRoutes);
app.route('/', githubRoutes);
app.route('/', emailWebhookRoutes);
app.route('/', auditRoutes);
app.route('/', memoryRoutes);
app.route('/', insightRoutes);
app.route('/', contentRoutes);
app.route('/', contentEngagementRoutes);
app.route('/', contentDecisionRoutes);
app.route('/', contentIdeaRoutes);
app.route('/', gumroadRoutes);
app.route('/', conversionRoutes);
app.route('/', revenueRoutes);
app.route('/', backupRoutes);

registerErrorResponses(app.openAPIRegistry);
app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'An emp_... API key, or a JWT from POST /api/auth/token',
});

export const openApiConfig = (version: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'AI Empire',
    version,
    description: 'The Empire API: brains, actions, the LLM router with budgets, and its OpenAI-compatible gateway.',
  },
  security: [{ bearer: [] }],
});

app.doc31('/openapi.json', (c) => openApiConfig(c.get('config').version));
app.get('/docs', (c) => {
  // The page has no script and loads nothing: its inline style is all it may use.
  c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return c.html(renderApiReference(app.getOpenAPI31Document(openApiConfig(c.get('config').version))));
});
