import type { ToolSettings } from '../config/tool-settings';
import type { D1Db } from '../db/d1';
import type { AgentMemory } from './agent-memory';
import type { AgentId } from './personas';
import { crmTools } from './tools/crm-tools';
import { memoryTools } from './tools/memory-tools';
import { type OpsPorts, opsTools } from './tools/ops-tools';
import type { AgentTool } from './tools/tool';
import { webTools } from './tools/web-tools';

export type AgentToolName =
  | 'web_search'
  | 'web_fetch'
  | 'crm_search'
  | 'crm_read_lead'
  | 'memory_search'
  | 'memory_store'
  | 'budget_status'
  | 'start_task';

/**
 * The tools each brain may call, by its role. Mouth and Drive write from what they are given, and
 * the CEO decides from Numbers' figures: they answer without tools, streaming as before.
 */
export const agentToolNames: Record<AgentId, readonly AgentToolName[]> = {
  visionary: ['web_search', 'web_fetch', 'memory_search'],
  ceo: [],
  mouth: [],
  numbers: ['budget_status', 'crm_search', 'crm_read_lead'],
  drive: [],
  hands: ['budget_status', 'start_task'],
  memory: ['memory_search', 'memory_store'],
};

export interface AgentToolPorts extends OpsPorts {
  crm: D1Db;
  memory?: AgentMemory;
  settings: ToolSettings;
}

/** The tools of one agent, wired to this deployment. */
export function toolsFor(agent: AgentId, ports: AgentToolPorts): AgentTool<unknown>[] {
  const names = agentToolNames[agent];
  if (names.length === 0) return [];
  const all: Record<AgentToolName, AgentTool<unknown>> = {
    ...webTools(ports.settings),
    ...crmTools(ports.crm),
    ...memoryTools(ports.memory, agent),
    ...opsTools(ports, agent),
  };
  return names.map((name) => all[name]);
}
