// Node side of the Worker tests: the machine's PostgreSQL and Redis when they answer (as in
// CI), the embedded stand-ins when they do not, and the fake LLM upstream.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBackingServices } from '../../local-stack/backing-services.ts';
import { type ChromaServer, prepareChromaLibs, startChroma } from '../../local-stack/services/chroma-server.ts';
import { startFakeAlertReceiver } from '../../local-stack/services/fake-alert-receiver.ts';
import { startFakeBlog } from '../../local-stack/services/fake-blog.ts';
import { startFakeDiscord } from '../../local-stack/services/fake-discord.ts';
import { startFakeEmail } from '../../local-stack/services/fake-email.ts';
import { startFakeGithub } from '../../local-stack/services/fake-github.ts';
import { startFakeLinkedin } from '../../local-stack/services/fake-linkedin.ts';
import { startFakeReddit } from '../../local-stack/services/fake-reddit.ts';
import { startFakeTelegram } from '../../local-stack/services/fake-telegram.ts';
import { startFakeWeb } from '../../local-stack/services/fake-web.ts';
import { startFakeX } from '../../local-stack/services/fake-x.ts';
import { startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import { isPortOpen } from '../../local-stack/services/ports.ts';
import { openPool } from '../../src/db/postgres-pool.ts';
import { errorMessage } from '../../src/lib/error-message.ts';
import { ALERT_WEBHOOK_SECRET } from './alert-webhook.ts';
import { REDDIT_APP } from './channel-credentials.ts';
import { startGates } from './gates.ts';
import { startPromtoolServer } from './promtool-server.ts';

// Overridable so two checkouts on one machine can run their suites side by side.
const TEST_DATABASE = process.env.EMPIRE_TEST_DATABASE ?? 'empire_test';
const TEST_REDIS_DB = process.env.EMPIRE_TEST_REDIS_DB ?? '15';

/**
 * A fresh database per run and per project, so migrations and rows from an earlier run never leak
 * in and one project's setup never drops the database another is using.
 */
async function freshDatabase(adminUrl: string, project: string): Promise<string> {
  const database = `${TEST_DATABASE}_${project.replace(/\W/g, '_')}`;
  const proxy = await startNeonWsProxy({ port: 0 });
  const { pool, close } = openPool({ url: adminUrl, wsProxy: proxy.url, max: 1 });
  try {
    await pool.query(`drop database if exists ${database} with (force)`);
    await pool.query(`create database ${database}`);
  } finally {
    await close();
    await proxy.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const machinePostgres = await isPortOpen('127.0.0.1', 5432);
  const machineRedis = await isPortOpen('127.0.0.1', 6379);
  const scratch = await mkdtemp(join(tmpdir(), 'empire-test-'));
  const services = await startBackingServices({
    databaseUrl: machinePostgres
      ? await freshDatabase('postgres://postgres@127.0.0.1:5432/test', project.name)
      : undefined,
    pgliteDir: join(scratch, 'pglite'),
    // A numbered database (15 by default) keeps test keys apart from anything else on the machine's Redis.
    redisUrl: machineRedis ? `redis://127.0.0.1:6379/${TEST_REDIS_DB}` : undefined,
    fakeLlm: true,
    log: () => {},
  });
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('neonWsProxy', services.neonWsProxy ?? '');
  project.provide('redisRestUrl', services.redisRestUrl);
  project.provide('redisRestToken', services.redisRestToken);
  project.provide('fakeLlmUrl', services.fakeLlmUrl ?? '');
  const promtool = await startPromtoolServer();
  project.provide('promtoolUrl', promtool.url);
  const telegram = await startFakeTelegram({ port: 0 });
  project.provide('fakeTelegramUrl', telegram.url);
  const github = await startFakeGithub({ port: 0 });
  project.provide('fakeGithubUrl', github.url);
  // A real Chroma for the memory tests. If it cannot start, only those tests fail, saying why.
  let chroma: ChromaServer | undefined;
  project.provide('chromaError', '');
  try {
    chroma = await startChroma({ dataDir: join(scratch, 'chroma'), libsDir: await prepareChromaLibs() });
  } catch (error) {
    project.provide('chromaError', errorMessage(error));
  }
  project.provide('chromaUrl', chroma?.url ?? '');
  const gates = await startGates(services.fakeLlmUrl ?? '', chroma?.url ?? '');
  project.provide('accessLlmUrl', gates.accessLlmUrl);
  project.provide('accessChromaUrl', gates.accessChromaUrl);
  project.provide('keyedLlmUrl', gates.keyedLlmUrl);
  const email = await startFakeEmail({ port: 0 });
  project.provide('fakeEmailUrl', email.url);
  const x = await startFakeX({ port: 0, token: 'test-x-user-token' });
  project.provide('fakeXUrl', x.url);
  const blog = await startFakeBlog({ port: 0, secret: 'test-blog-webhook-secret' });
  project.provide('fakeBlogUrl', blog.url);
  const linkedin = await startFakeLinkedin({ port: 0, token: 'test-linkedin-access-token' });
  project.provide('fakeLinkedinUrl', linkedin.url);
  const discord = await startFakeDiscord({ port: 0, token: 'test-discord-webhook-token' });
  project.provide('fakeDiscordUrl', discord.url);
  project.provide('fakeDiscordWebhookUrl', discord.webhookUrl);
  const reddit = await startFakeReddit({ port: 0, ...REDDIT_APP });
  project.provide('fakeRedditUrl', reddit.url);
  const alertReceiver = await startFakeAlertReceiver({ port: 0, secret: ALERT_WEBHOOK_SECRET });
  project.provide('fakeAlertsUrl', alertReceiver.url);
  const web = await startFakeWeb({ port: 0, token: 'test-brave-subscription-token' });
  project.provide('fakeWebUrl', web.url);
  project.provide('fakeWebSearchUrl', web.searchUrl);
  return async () => {
    await gates.close();
    await web.close();
    await chroma?.close();
    await x.close();
    await blog.close();
    await linkedin.close();
    await discord.close();
    await reddit.close();
    await alertReceiver.close();
    await email.close();
    await telegram.close();
    await github.close();
    await promtool.close();
    await services.close();
    await rm(scratch, { recursive: true, force: true });
  };
}
