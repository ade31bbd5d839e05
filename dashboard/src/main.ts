import { type Api, apiClient, exchangeKey } from './api';
import { byId, fill, h } from './dom';
import { closeKeysPanel, openKeysPanel } from './keys-panel';
import { connectLive, type LiveEvent } from './live';
import {
  budgetAlerts,
  loadBrains,
  loadBudget,
  loadDrafts,
  loadEngagement,
  loadPipeline,
  loadRuns,
  loadSpend,
  loadTasks,
  loadWorkflows,
} from './load';
import { ownerActions } from './owner-actions';
import { applyAgentStatus, renderAgents } from './panels/agents';
import { renderAlerts } from './panels/alerts';
import { askForm } from './panels/ask-form';
import { renderBudget } from './panels/budget';
import { capForm } from './panels/cap-form';
import { renderDrafts } from './panels/content';
import { renderEngagement } from './panels/engagement';
import { leadForm } from './panels/lead-form';
import { renderLeads } from './panels/leads';
import { applyProgress, renderRuns, runId, startForm } from './panels/runs';
import { renderSpend } from './panels/spend';
import { renderWorkflows } from './panels/workflows';
import { clearSession, hasStoredSession, loadSession, type Session, saveSession } from './session';
import type { AlertLine, Brain, Run } from './types';

const loginView = byId('login');
const appView = byId('app');
const loginForm = byId<HTMLFormElement>('login-form');
const loginMessage = byId('login-message');
const liveBadge = byId('live');

let live: { close(): void } | null = null;
let expiry: number | undefined;
let sessions = 0;
let brains: Brain[] = [];
let runs: Run[] = [];
let liveAlerts: AlertLine[] = [];
let budgetAlertLines: AlertLine[] = [];
let currency = { rate: 1, code: 'USD' };

function showLogin(message = ''): void {
  appView.hidden = true;
  loginView.hidden = false;
  loginMessage.textContent = message;
  byId<HTMLInputElement>('api-key').focus();
}

function logout(message = ''): void {
  sessions += 1;
  window.clearTimeout(expiry);
  live?.close();
  live = null;
  closeKeysPanel();
  clearSession();
  showLogin(message);
}

/** Runs a panel's load; a failure shows in that panel only, the others keep working. */
function panel(id: string, work: () => Promise<void>): Promise<void> {
  return work().catch((error: Error) => {
    fill(byId(id), h('p', { class: 'panel-error' }, `Could not load: ${error.message}`));
  });
}

function refresher(api: Api) {
  const act = ownerActions(api);
  const editLead = (id: string) =>
    panel('lead-edit', async () => {
      const lead = await act.lead(id);
      fill(
        byId('lead-edit'),
        leadForm(lead, async (leadId, patch) => {
          const saved = await act.saveLead(leadId, patch);
          void refresh.leads();
          return saved;
        }),
      );
    });
  const refresh = {
    agents: () =>
      panel('agents', async () => {
        brains = await loadBrains(api);
        renderAgents(byId('agents'), brains, currency);
      }),
    budget: () =>
      panel('budget', async () => {
        const budget = await loadBudget(api);
        currency = { rate: budget.currencyPerUsd, code: budget.currency };
        renderBudget(byId('budget'), budget);
        budgetAlertLines = budgetAlerts(budget);
        renderAlerts(byId('alerts'), [...liveAlerts, ...budgetAlertLines]);
      }),
    spend: () => panel('spend', async () => renderSpend(byId('spend'), { ...(await loadSpend(api)), currency })),
    runs: () =>
      panel('runs', async () => {
        runs = await loadRuns(api);
        renderRuns(byId('runs'), runs, currency);
      }),
    workflows: () =>
      panel('workflows', async () =>
        renderWorkflows(byId('workflows'), await loadWorkflows(api), { run: act.runWorkflow, retry: act.retryRun }),
      ),
    leads: () => panel('leads', async () => renderLeads(byId('leads'), await loadPipeline(api), editLead)),
    content: () =>
      panel('content', async () => renderDrafts(byId('content'), await loadDrafts(api), { decide: act.decide })),
    engagement: () => panel('engagement', async () => renderEngagement(byId('engagement'), await loadEngagement(api))),
  };
  const all = async () => {
    await refresh.budget();
    await Promise.all([
      refresh.agents(),
      refresh.spend(),
      refresh.runs(),
      refresh.workflows(),
      refresh.leads(),
      refresh.content(),
      refresh.engagement(),
    ]);
  };
  /** The forms that need what the first load brought: the agents and the budget currency. */
  const forms = () => {
    fill(byId('ask'), askForm(brains, act.ask));
    fill(
      byId('caps'),
      capForm(currency.code, async (change) => {
        await act.setCap(change);
        void refresh.budget();
      }),
    );
  };
  return { ...refresh, all, forms };
}

/** Coalesces bursts of events (a busy swarm settles many calls a second) into one refetch. */
function debounce(work: () => unknown, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(work, ms);
  };
}

async function showApp(session: Session): Promise<void> {
  loginView.hidden = true;
  appView.hidden = false;
  byId('role').textContent = session.role;
  // Timers past 2^31 ms fire at once; a token lives 24 hours, far below that.
  const left = Math.min(Date.parse(session.expiresAt) - Date.now(), 2 ** 31 - 1);
  expiry = window.setTimeout(() => logout('Your session expired. Log in again.'), left);
  const generation = ++sessions;
  // Requests still in flight when this session ended must not end the next one.
  const api = apiClient(session, (message) => {
    if (generation === sessions && !appView.hidden) logout(`Signed out: ${message}. Log in again.`);
  });
  const refresh = refresher(api);
  const money = debounce(() => Promise.all([refresh.budget(), refresh.spend()]), 400);
  const agents = debounce(refresh.agents, 400);

  const form = startForm(async (task, inputs) => {
    const run = await api<Run>(`/api/tasks/${task}/run`, { method: 'POST', body: { inputs } });
    runs = applyProgress(runs, run);
    renderRuns(byId('runs'), runs, currency);
    form.setMessage(`Started ${task} (${runId(run).slice(0, 8)})`);
  });
  fill(byId('start'), form.element);
  loadTasks(api)
    .then(form.setTasks)
    .catch((error: Error) => form.setMessage(error.message, true));

  const onEvent = (event: LiveEvent) => {
    if (event.type === 'agent.status') {
      if (applyAgentStatus(brains, event)) renderAgents(byId('agents'), brains, currency);
    } else if (event.type === 'agent.result') {
      agents();
    } else if (event.type === 'swarm.progress' && event.progress) {
      runs = applyProgress(runs, event.progress as Run);
      renderRuns(byId('runs'), runs, currency);
    } else if (event.type === 'budget.spend' || event.type === 'budget.changed' || event.type === 'spend.recorded') {
      money();
    } else if (event.type === 'budget.alert' && typeof event.text === 'string') {
      liveAlerts = [{ at: new Date().toISOString(), text: event.text }, ...liveAlerts].slice(0, 20);
      renderAlerts(byId('alerts'), [...liveAlerts, ...budgetAlertLines]);
    }
  };
  live = connectLive({
    token: () => loadSession()?.token ?? null,
    onEvent,
    onState: (state) => {
      liveBadge.textContent = state;
      liveBadge.dataset.state = state;
    },
    onOpen: (reconnected) => {
      if (reconnected) void refresh.all();
    },
  });
  openKeysPanel(api, session.role);
  await refresh.all();
  refresh.forms();
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>('api-key');
  loginMessage.textContent = 'Signing in…';
  exchangeKey(input.value.trim())
    .then((session) => {
      input.value = '';
      saveSession(session);
      return showApp(session);
    })
    .catch((error: Error) => {
      loginMessage.textContent = error.message;
    });
});
byId('logout').addEventListener('click', () => logout('Logged out.'));

const stored = hasStoredSession();
const existing = loadSession();
if (existing) void showApp(existing);
else showLogin(stored ? 'Your session expired. Log in again.' : '');
