import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGithubHandle, startFakeGithub } from '../../local-stack/services/fake-github.ts';

let github: FakeGithubHandle;
beforeAll(async () => {
  github = await startFakeGithub({ port: 0 });
});
afterAll(() => github.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${github.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('happy', () => {
  it('answers 201 in GitHub’s shape and records the comment', async () => {
    const response = await post(
      '/repos/acme-labs/widget/issues/57/comments',
      { body: 'Thanks' },
      { authorization: 'Bearer ghs_test', 'x-github-api-version': '2022-11-28' },
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: number; body: string; issue_url: string };
    expect(created).toMatchObject({ body: 'Thanks', issue_url: `${github.url}/repos/acme-labs/widget/issues/57` });
    const logged = (await (await fetch(`${github.url}/__fake/comments`)).json()) as unknown[];
    expect(logged).toContainEqual(
      expect.objectContaining({
        owner: 'acme-labs',
        repo: 'widget',
        issue: 57,
        body: 'Thanks',
        apiVersion: '2022-11-28',
      }),
    );
  });
});

describe('errors', () => {
  it('refuses a comment without a token, and an empty body, and records neither', async () => {
    const before = github.comments().length;
    expect((await post('/repos/a/b/issues/1/comments', { body: 'x' })).status).toBe(401);
    expect((await post('/repos/a/b/issues/1/comments', { body: '' }, { authorization: 'Bearer t' })).status).toBe(422);
    expect((await post('/repos/a/b/issues/x/comments', { body: 'x' }, { authorization: 'Bearer t' })).status).toBe(404);
    expect(github.comments()).toHaveLength(before);
  });
});
