import { beforeAll, describe, expect, it } from 'vitest';
import { emailSequences } from '../../src/workflows/email-sequences';
import { tickKey } from '../../src/workflows/run-workflow';
import { startWithServices } from '../../workers/workflow-runner';
import { failNext, receivedBy } from '../channels/email-helpers';
import { newLead, uniqueEmail } from '../crm/crm-helpers';
import { createKey } from '../helpers/keys';
import { api, created, type Enrolment, HOUR, marker, newSegment, newSequence, type Send } from '../sales/sales-helpers';
import { fireTick, runnerScope, runsOf, settleRun, stepsOf } from './helpers';

const CRON = '0 16 * * *';
let operatorKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
});

// Each test fires its own ticks: a tick runs once, so two tests must never share one.
const base = Date.UTC(2026, 11, 1, 16);
const DAY = 24 * HOUR;

const steps = [
  { subject: 'Fire-alarm audit for {{company}}', body: 'Hello {{firstName}}, a short note.', delayHours: 0 },
  { subject: 'Following up', body: 'Did you see my note, {{firstName}}?', delayDays: 2 },
];

async function isolated() {
  const tag = marker('wf');
  const email = uniqueEmail('wf');
  const lead = await newLead(operatorKey, { name: 'Jonas Weber', email, company: `${tag} Klinik` });
  const segment = await newSegment(operatorKey, { companies: [tag] });
  const sequence = await newSequence(operatorKey, segment.id, steps);
  return { lead, email, sequence };
}

const subjects = async (email: string) => (await receivedBy(email)).map((message) => message.body.subject);
const leadState = (leadId: string) =>
  created<{ sequences: Enrolment[]; sends: Send[] }>(api(`/api/sales/leads/${leadId}`, operatorKey), 200);

describe('happy', () => {
  it('sends step 1 on the first tick and step 2 on the first tick after its delay, recorded per run', async () => {
    const { lead, email } = await isolated();
    const t = base + 10 * DAY;
    await fireTick(CRON, t);
    expect(await subjects(email)).toEqual([`Fire-alarm audit for ${lead.company}`]);
    await fireTick(CRON, t + 1 * DAY);
    expect(await subjects(email)).toHaveLength(1);
    await fireTick(CRON, t + 2 * DAY);
    await fireTick(CRON, t + 3 * DAY);
    expect(await subjects(email)).toEqual([`Fire-alarm audit for ${lead.company}`, 'Following up']);
    const runs = (await runsOf('email_sequences')).filter((run) => run.tick >= t && run.tick <= t + 3 * DAY);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const [enrol, send] = stepsOf(runs[0]);
    expect(enrol).toMatchObject({ name: 'enrol', status: 'succeeded' });
    expect(send).toMatchObject({ name: 'send', status: 'succeeded' });
    expect((send?.output as { sent: number } | undefined)?.sent).toBeGreaterThanOrEqual(1);
    expect((await leadState(lead.id)).sequences).toMatchObject([{ status: 'completed', nextStep: 2 }]);
  });

  it('retries the send step after a 429 and delivers the email once', async () => {
    const { email } = await isolated();
    await failNext(email, 429);
    const t = base + 20 * DAY;
    await fireTick(CRON, t);
    expect(await subjects(email)).toHaveLength(1);
    const [run] = (await runsOf('email_sequences')).filter((row) => row.tick === t);
    expect(run?.status).toBe('succeeded');
    expect(stepsOf(run).find((step) => step.name === 'send')?.attempts).toBe(2);
  });
});

describe('security', () => {
  it('an unsubscribe between ticks stops every later step for good', async () => {
    const { lead, email } = await isolated();
    const t = base + 30 * DAY;
    await fireTick(CRON, t);
    const [first] = await receivedBy(email);
    const link = new URL(/Unsubscribe: (\S+)/.exec(String(first?.body.text))?.[1] ?? 'http://x/none');
    expect((await api(link.pathname, undefined)).status).toBe(200);
    for (const day of [2, 3, 30]) await fireTick(CRON, t + day * DAY);
    expect(await subjects(email)).toHaveLength(1);
    expect((await leadState(lead.id)).sequences).toMatchObject([{ status: 'unsubscribed', nextStep: 1 }]);
  });

  it('a tick fired twice runs once and sends each step once', async () => {
    const { email } = await isolated();
    const t = base + 40 * DAY;
    await Promise.all([fireTick(CRON, t), fireTick(CRON, t)]);
    await fireTick(CRON, t);
    expect(await subjects(email)).toHaveLength(1);
    expect((await runsOf('email_sequences')).filter((run) => run.tick === t)).toHaveLength(1);
  });

  it('concurrent runs for different ticks and a manual run never send a step twice', async () => {
    const { lead, email } = await isolated();
    // Runs of ticks a minute apart, as a late tick beside an on-time one; each is a run of its own.
    const now = Date.now();
    const atTick = async (tick: number) => {
      const request = { trigger: 'cron' as const, cron: CRON, tick, idempotencyKey: tickKey(emailSequences.id, tick) };
      await settleRun((await startWithServices(runnerScope(), emailSequences, request)).runId);
    };
    const manual = async () => {
      const started = await api('/api/workflows/email_sequences/run', operatorKey, { method: 'POST' });
      await settleRun(((await started.json()) as { run: { id: string } }).run.id);
    };
    await Promise.all([atTick(now + 60_000), atTick(now + 120_000), manual()]);
    expect(await subjects(email)).toEqual([`Fire-alarm audit for ${lead.company}`]);
    await Promise.all([atTick(now + 3 * DAY), atTick(now + 3 * DAY + 60_000)]);
    expect(await subjects(email)).toEqual([`Fire-alarm audit for ${lead.company}`, 'Following up']);
    expect((await leadState(lead.id)).sends.map((send) => send.step).sort()).toEqual([0, 1]);
  });
});
