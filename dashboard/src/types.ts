// The API's answers as /openapi.json declares them (api-schema.d.ts, from npm run api:types).
import type { components } from './api-schema';

type Schemas = components['schemas'];

export type Money = Schemas['Money'];
export type Brain = Schemas['Brain'];
export type BudgetWindow = Schemas['BudgetWindow'];
export type BudgetAlert = Schemas['BudgetAlert'];
export type Budget = Schemas['BudgetView'];
export type SpendRow = Schemas['SpendRow'];
export type Spend = Schemas['SpendReport'];
/** A run as the panel keeps it: a row of /api/runs, or a live progress event merged into one. */
export type Run = Pick<Schemas['RunProgress'], 'task' | 'status' | 'total' | 'done' | 'failed' | 'costMicros'> & {
  id?: string;
  runId?: string;
  createdAt: string | number;
  endedAt: string | number | null;
};
export type Task = Schemas['Task'];
export type WorkflowRun = Schemas['WorkflowRun'];
/** A workflow with its failures among its last runs, counted by the dashboard. */
export type Workflow = Schemas['WorkflowList']['workflows'][number] & { failures?: number };
export type Lead = Schemas['Lead'];
export type Pipeline = Schemas['Pipeline'];
export type ContentItem = Schemas['ContentItem'];
export type ContentDecision = Schemas['ContentDecisions']['results'][number];
export type EngagementSummary = Schemas['EngagementSummary'];
export type ActionView = Schemas['Action'];
export type ApiKey = Schemas['ApiKey'];
export type NewApiKeyRequest = Schemas['NewApiKeyRequest'];
export type NewApiKey = Schemas['NewApiKey'];
export type RotatedApiKey = Schemas['RotatedApiKey'];

/** One line in the alerts panel, from the budget's fired alerts or the live stream. */
export interface AlertLine {
  at: string;
  text: string;
}
