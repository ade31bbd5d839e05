import { describe, expect, it } from 'vitest';
import commentCreated from './fixtures/issue_comment_created.json';
import { commentPayload, commentsOn, deliver, freshIssue, signature } from './github-helpers';

// The fixture file's exact bytes (2-space JSON plus a newline), which GitHub's real signature covers.
const fixtureBytes = `${JSON.stringify(commentCreated, null, 2)}\n`;
const FIXTURE_SIGNATURE = 'sha256=279720af32d768d49d97814010958bda5995ae1982eb92908d89d783a3c061df';

describe('happy', () => {
  it("accepts GitHub's real signed delivery (a comment that is no command: nothing to run)", async () => {
    const response = await deliver(fixtureBytes, { signature: FIXTURE_SIGNATURE });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ handled: false });
  });

  it('runs /empire status from an allowed login and posts the answer as a comment', async () => {
    const issue = freshIssue();
    const response = await deliver(JSON.stringify(commentPayload('/empire status\nthanks!', issue)));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ handled: true, command: 'status' });
    const posted = await commentsOn(issue);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      owner: 'acme-labs',
      repo: 'widget',
      authorization: 'Bearer ghs_test_token',
      apiVersion: '2022-11-28',
    });
    expect(posted[0]?.body).toMatch(/^Status\nAgents: /);
  });

  it('runs a command from a newly opened issue', async () => {
    const issue = freshIssue();
    const payload = {
      action: 'opened',
      issue: { ...commentCreated.issue, number: issue, body: '/empire budget' },
      repository: commentCreated.repository,
      sender: commentCreated.sender,
    };
    expect((await deliver(JSON.stringify(payload), { event: 'issues' })).status).toBe(202);
    expect((await commentsOn(issue))[0]?.body).toMatch(/^Budget \(EUR\)/);
  });
});

describe('errors', () => {
  it('answers an unknown command with the list, in /empire form', async () => {
    const issue = freshIssue();
    await deliver(JSON.stringify(commentPayload('/empire deploy', issue)));
    const body = (await commentsOn(issue))[0]?.body ?? '';
    expect(body).toMatch(/^Unknown command \/empire deploy\./);
    expect(body).toContain('/empire leads [query]');
  });

  it('refuses a signed delivery without a delivery id', async () => {
    const issue = freshIssue();
    const body = JSON.stringify(commentPayload('/empire status', issue));
    const response = await deliver(body, { delivery: '' });
    expect(response.status).toBe(400);
    expect(await commentsOn(issue, { expectNone: true })).toHaveLength(0);
  });
});

describe('security', () => {
  it('refuses a wrong, foreign or missing signature: 401 and nothing posted', async () => {
    const issue = freshIssue();
    const body = JSON.stringify(commentPayload('/empire status', issue));
    const tampered = JSON.stringify(commentPayload('/empire alerts', issue));
    for (const sig of [await signature(body, 'another-secret-of-16+'), await signature(tampered), 'sha256=00', null]) {
      const response = await deliver(body, { signature: sig });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect(await commentsOn(issue, { expectNone: true })).toHaveLength(0);
  });

  it('runs a replayed delivery once, and refuses the replays', async () => {
    const issue = freshIssue();
    const body = JSON.stringify(commentPayload('/empire alerts', issue));
    const delivery = crypto.randomUUID();
    const responses = await Promise.all([deliver(body, { delivery }), deliver(body, { delivery })]);
    expect(responses.map((response) => response.status).sort()).toEqual([202, 409]);
    expect((await deliver(body, { delivery })).status).toBe(409);
    expect(await commentsOn(issue)).toHaveLength(1);
  });

  it('ignores a command from a login that is not allowed, and from bots', async () => {
    const stranger = freshIssue();
    const response = await deliver(JSON.stringify(commentPayload('/empire pause ceo', stranger, 'mallory')));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ handled: false, reason: 'login not allowed' });
    const bot = freshIssue();
    const botComment = commentPayload('/empire status', bot);
    botComment.comment.user = { ...botComment.comment.user, type: 'Bot' };
    expect((await deliver(JSON.stringify(botComment))).status).toBe(200);
    expect(await commentsOn(stranger, { expectNone: true })).toHaveLength(0);
    expect(await commentsOn(bot, { expectNone: true })).toHaveLength(0);
  });
});
