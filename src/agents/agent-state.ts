import type { AgentId } from './personas';

export const agentStatuses = ['idle', 'working', 'paused', 'error'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export interface AgentCounters {
  tasks: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}

export interface AgentTurn {
  role: 'user' | 'assistant';
  content: string;
  at: number;
}

export interface AgentSnapshot {
  agent: AgentId;
  status: AgentStatus;
  currentTask: { actionId: string; summary: string } | null;
  counters: AgentCounters;
  recent: AgentTurn[];
  lastError: string | null;
  updatedAt: number;
}

/** An agent's state without its conversation: what lists of agents show. */
export type AgentSummary = Omit<AgentSnapshot, 'recent'>;

/** What an agent tells its subscribers. */
export type AgentEvent =
  | { type: 'agent.status'; agent: AgentId; status: AgentStatus; currentTask: AgentSnapshot['currentTask']; at: number }
  | { type: 'agent.tokens'; agent: AgentId; actionId: string; text: string; client: string; at: number }
  | {
      type: 'agent.result';
      agent: AgentId;
      actionId: string;
      text: string;
      costMicros: number;
      client: string;
      at: number;
    };

/** The bounded conversation an agent keeps: enough context, never unbounded storage. */
export const RECENT_TURNS = 20;
