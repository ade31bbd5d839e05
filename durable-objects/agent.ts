import { DurableObject } from 'cloudflare:workers';
import type { AgentEvent, AgentSnapshot, AgentStatus, AgentSummary } from '../src/agents/agent-state';
import { RECENT_TURNS } from '../src/agents/agent-state';
import type { AgentId } from '../src/agents/personas';
import type { ImportOptions, StateDump } from '../src/backup/state-dump';
import { agentMigrations } from './agent-schema';
import { dashboardEvents } from './clients';
import { type PingAnswer, pingStorage } from './ping';
import { migrateSchema } from './schema-migrations';
import { acceptSocket, broadcast, closeSocket, isUpgrade } from './sockets';
import { dumpTables, loadTables } from './storage-dump';
import { viewerOf } from './viewer';

const BACKED_UP_TABLES = ['agent', 'turns'];

type AgentRow = {
  agent: string;
  status: AgentStatus;
  action_id: string | null;
  task_summary: string | null;
  last_error: string | null;
  tasks: number;
  tokens_in: number;
  tokens_out: number;
  cost_micros: number;
  updated_at: number;
};

export class AgentPausedError extends Error {}

/** One brain agent: its status, current task, bounded recent conversation, counters and live sockets. */
export class BrainAgent extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateSchema(ctx.storage, 'BrainAgent', agentMigrations);
  }

  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'BrainAgent');
  }

  snapshot(agent: AgentId): AgentSnapshot {
    const recent = this.ctx.storage.sql
      .exec<{ role: 'user' | 'assistant'; content: string; at: number }>(
        'select role, content, at from turns order by seq',
      )
      .toArray();
    return { ...this.summary(agent), recent };
  }

  /** The state without the conversation, for lists of agents: no turns read or sent. */
  summary(agent: AgentId): AgentSummary {
    const row = this.row(agent);
    return {
      agent,
      status: row.status,
      currentTask: row.action_id ? { actionId: row.action_id, summary: row.task_summary ?? '' } : null,
      counters: { tasks: row.tasks, tokensIn: row.tokens_in, tokensOut: row.tokens_out, costMicros: row.cost_micros },
      lastError: row.last_error,
      updatedAt: row.updated_at,
    };
  }

  /** Marks the agent working on an action; a paused agent refuses. */
  async begin(agent: AgentId, actionId: string, summary: string): Promise<void> {
    if (this.row(agent).status === 'paused') throw new AgentPausedError(`${agent} is paused`);
    this.ctx.storage.sql.exec(
      "update agent set status = 'working', action_id = ?, task_summary = ?, updated_at = ? where id = 1",
      actionId,
      summary.slice(0, 200),
      Date.now(),
    );
    await this.announce(agent);
  }

  async tokens(agent: AgentId, actionId: string, text: string, client: string): Promise<void> {
    await this.publish({ type: 'agent.tokens', agent, actionId, text, client, at: Date.now() });
  }

  async finish(
    agent: AgentId,
    outcome: {
      actionId: string;
      prompt: string;
      text: string;
      tokensIn: number;
      tokensOut: number;
      costMicros: number;
      client: string;
    },
  ): Promise<void> {
    const now = Date.now();
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      sql.exec(
        'insert into turns (role, content, at) values (?, ?, ?), (?, ?, ?)',
        'user',
        outcome.prompt,
        now,
        'assistant',
        outcome.text,
        now,
      );
      sql.exec('delete from turns where seq <= (select max(seq) from turns) - ?', RECENT_TURNS);
      sql.exec(
        `update agent set status = case when status = 'paused' then 'paused' else 'idle' end,
           action_id = null, task_summary = null, last_error = null, tasks = tasks + 1,
           tokens_in = tokens_in + ?, tokens_out = tokens_out + ?, cost_micros = cost_micros + ?, updated_at = ?
         where id = 1`,
        outcome.tokensIn,
        outcome.tokensOut,
        outcome.costMicros,
        now,
      );
    });
    await this.publish({
      type: 'agent.result',
      agent,
      actionId: outcome.actionId,
      text: outcome.text,
      costMicros: outcome.costMicros,
      client: outcome.client,
      at: now,
    });
    await this.announce(agent);
  }

  async fail(agent: AgentId, actionId: string, error: string): Promise<void> {
    this.row(agent);
    this.ctx.storage.sql.exec(
      "update agent set status = case when status = 'paused' then 'paused' else 'error' end, action_id = null, task_summary = null, last_error = ?, updated_at = ? where id = 1 and (action_id = ? or action_id is null)",
      error.slice(0, 500),
      Date.now(),
      actionId,
    );
    await this.announce(agent);
  }

  async setPaused(agent: AgentId, paused: boolean): Promise<AgentSnapshot> {
    const row = this.row(agent);
    const status: AgentStatus = paused ? 'paused' : row.action_id ? 'working' : 'idle';
    this.ctx.storage.sql.exec('update agent set status = ?, updated_at = ? where id = 1', status, Date.now());
    await this.announce(agent);
    return this.snapshot(agent);
  }

  /** The recent conversation, oldest first, for the next prompt's context. */
  context(agent: AgentId): { role: 'user' | 'assistant'; content: string }[] {
    return this.snapshot(agent).recent.map(({ role, content }) => ({ role, content }));
  }

  /** The agent's row and its recent conversation. */
  async exportState(): Promise<StateDump> {
    return dumpTables(this.ctx.storage, BACKED_UP_TABLES);
  }

  async importState(dump: StateDump, _options: ImportOptions): Promise<{ rows: number }> {
    return loadTables(this.ctx.storage, 'BrainAgent', BACKED_UP_TABLES, dump);
  }

  /** Back to what a new object holds: empty tables at the current schema version. */
  async eraseState(): Promise<void> {
    await this.ctx.storage.deleteAll();
    migrateSchema(this.ctx.storage, 'BrainAgent', agentMigrations);
  }

  override async fetch(request: Request): Promise<Response> {
    if (!isUpgrade(request)) return new Response('expected a WebSocket upgrade', { status: 426 });
    const agent = new URL(request.url).searchParams.get('agent') as AgentId;
    return acceptSocket(this.ctx, viewerOf(request), { type: 'agent.snapshot', snapshot: this.snapshot(agent) });
  }

  override webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    if (message === 'ping') socket.send('pong');
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }

  private row(agent: AgentId): AgentRow {
    const existing = this.ctx.storage.sql.exec<AgentRow>('select * from agent where id = 1').toArray()[0];
    if (existing) return existing;
    this.ctx.storage.sql.exec(
      "insert into agent (id, agent, status, updated_at) values (1, ?, 'idle', ?)",
      agent,
      Date.now(),
    );
    return this.row(agent);
  }

  private async announce(agent: AgentId): Promise<void> {
    const row = this.row(agent);
    await this.publish({
      type: 'agent.status',
      agent,
      status: row.status,
      currentTask: row.action_id ? { actionId: row.action_id, summary: row.task_summary ?? '' } : null,
      at: Date.now(),
    });
  }

  private async publish(event: AgentEvent): Promise<void> {
    broadcast(this.ctx, event);
    await dashboardEvents(this.env).publish(event);
  }
}
