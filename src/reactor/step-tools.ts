import { type ChatPort, runToolLoop } from '../agents/tool-loop';
import { webTools } from '../agents/tools/web-tools';
import type { AuditWriter } from '../audit/entry';
import type { ToolSettings } from '../config/tool-settings';
import type { StepToolRunner } from './run-job';
import type { TaskDefinition } from './task-schema';

export interface StepToolDeps {
  router: ChatPort;
  settings: ToolSettings;
  audit: AuditWriter;
}

/** A task step's tools run through the tool loop, audited as the task's agent working for its run. */
export function stepToolRunner(deps: StepToolDeps, task: TaskDefinition, runId: string): StepToolRunner {
  const tools = webTools(deps.settings);
  return (request, names, spent) =>
    runToolLoop(request, {
      onSpend: spent,
      router: deps.router,
      tools: names.map((name) => tools[name]),
      limits: deps.settings.limits,
      audit: deps.audit,
      actor: { kind: 'agent', id: `${task.agent}:run:${runId}` },
    });
}
