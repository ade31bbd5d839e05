import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';
import commentCreated from './fixtures/issue_comment_created.json';

export const GITHUB_SECRET = 'test-webhook-secret-123';

export interface PostedComment {
  owner: string;
  repo: string;
  issue: number;
  body: string;
  authorization: string;
  apiVersion: string;
}

const encoder = new TextEncoder();

export async function signature(body: string, secret = GITHUB_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `sha256=${[...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

// Redis keeps claimed deliveries across runs, and the fake GitHub keeps comments: fresh ids per test.
export const freshIssue = () => 1_000 + Math.floor(Math.random() * 1e9);

/** The fixture's issue_comment delivery with another comment text, issue number and author. */
export function commentPayload(text: string, issue: number, login = 'dana-k') {
  const user = { ...commentCreated.comment.user, login };
  return {
    ...commentCreated,
    issue: { ...commentCreated.issue, number: issue },
    comment: { ...commentCreated.comment, body: text, user },
    sender: user,
  };
}

export async function deliver(
  body: string,
  options: { event?: string; delivery?: string; signature?: string | null } = {},
): Promise<Response> {
  const sig = options.signature === undefined ? await signature(body) : options.signature;
  return workerFetch('/webhooks/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/9f3c1a2',
      'x-github-event': options.event ?? 'issue_comment',
      'x-github-delivery': options.delivery ?? crypto.randomUUID(),
      ...(sig === null ? {} : { 'x-hub-signature-256': sig }),
    },
    body,
  });
}

async function postedOn(issue: number): Promise<PostedComment[]> {
  const comments = (await (await fetch(`${env.FAKE_GITHUB_URL}/__fake/comments`)).json()) as PostedComment[];
  return comments.filter((comment) => comment.issue === issue);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Comments posted on an issue: waits for the first, then a little longer to catch a duplicate. */
export async function commentsOn(issue: number, { expectNone = false } = {}): Promise<PostedComment[]> {
  if (expectNone) {
    await pause(400);
    return postedOn(issue);
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const found = await postedOn(issue);
    if (found.length > 0) {
      await pause(200);
      return postedOn(issue);
    }
    await pause(50);
  }
  return [];
}
