import { describe, expect, it } from 'vitest';
import { ownerNotifier } from '../../src/channels/owner-notifier';

describe('errors', () => {
  it('reports not_configured without a channel, and sends nothing', async () => {
    expect(await ownerNotifier(undefined).notify('Budget at 80%')).toBe('not_configured');
  });

  it('throws when the configured channel refuses, rather than claiming success', async () => {
    const unreachable = ownerNotifier({ botToken: '1:x', ownerChatId: 1, apiRoot: 'http://127.0.0.1:9' });
    await expect(unreachable.notify('Budget at 80%')).rejects.toThrow();
  });
});
