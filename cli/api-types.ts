// The API's answers as /openapi.json declares them (cli/api-schema.d.ts, from npm run api:types).
import type { components } from './api-schema.d.ts';

type Schemas = components['schemas'];

export type Money = Schemas['Money'];
export type Health = Schemas['HealthReport'];
export type Brain = Schemas['Brain'];
export type BudgetWindow = Schemas['BudgetWindow'];
export type Budget = Schemas['BudgetView'];
export type SpendReport = Schemas['SpendReport'];
export type Action = Schemas['Action'];
export type ActionAccepted = Schemas['ActionAccepted'];
export type RunProgress = Schemas['RunProgress'];
export type RunView = Schemas['RunView'];
export type Lead = Schemas['Lead'] & { relevance?: number };
export type LeadErasure = Schemas['LeadErasure'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type NewApiKey = Schemas['NewApiKey'];
export type RotatedApiKey = Schemas['RotatedApiKey'];
export type WebhookSecretState = Schemas['WebhookSecretState'];
export type WebhookSecretCreated = Schemas['WebhookSecretCreated'];
export type UnmatchedSales = Schemas['UnmatchedSales'];
export type LinkResult = Schemas['LinkResult'];
export type ConversionReport = Schemas['ConversionReport'];
