import { describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { checkedFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { forge, RETIRED, tokenFor } from '../helpers/tokens';

// A browser's `new WebSocket(url, ['empire', 'bearer.' + jwt])`: the token travels in the
// Sec-WebSocket-Protocol header, never in the URL.
function openSocket(path: string, protocols: string[]) {
  return checkedFetch(
    new Request(`http://empire.test${path}`, {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': protocols.join(', ') },
    }),
  );
}

async function firstMessage(socket: WebSocket): Promise<{ type: string }> {
  return new Promise((resolve) => {
    socket.addEventListener('message', (event) => resolve(JSON.parse(String(event.data))), { once: true });
  });
}

describe('happy', () => {
  it('accepts a JWT sent as a subprotocol and names the chosen protocol in the 101', async () => {
    const token = await tokenFor(await createKey('readonly'));
    const response = await openSocket('/ws', ['empire', `bearer.${token}`]);
    expect(response.status).toBe(101);
    expect(response.headers.get('Sec-WebSocket-Protocol')).toBe('empire');
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    const hello = firstMessage(socket);
    socket.accept();
    expect((await hello).type).toBe('hello');
    socket.close(1000, 'done');
  });

  it('serves the agent and run streams the same way', async () => {
    const token = await tokenFor();
    const agent = await openSocket('/ws/agents/ceo', ['empire', `bearer.${token}`]);
    expect(agent.status).toBe(101);
    expect(agent.headers.get('Sec-WebSocket-Protocol')).toBe('empire');
    agent.webSocket?.accept();
    agent.webSocket?.close(1000, 'done');
    const missingRun = await openSocket(`/ws/runs/${crypto.randomUUID()}`, ['empire', `bearer.${token}`]);
    expect(missingRun.status).toBe(404);
  });

  it('keeps the query token for older clients, with no protocol echoed when none was offered', async () => {
    const token = await tokenFor();
    const response = await checkedFetch(
      new Request(`http://empire.test/ws?token=${token}`, { headers: { Upgrade: 'websocket' } }),
    );
    expect(response.status).toBe(101);
    expect(response.headers.get('Sec-WebSocket-Protocol')).toBeNull();
    response.webSocket?.accept();
    response.webSocket?.close(1000, 'done');
  });
});

describe('security', () => {
  it('refuses a bad, expired, retired or API-key credential in the subprotocol', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = {
      garbage: 'bearer.not.a.jwt',
      expired: `bearer.${await forge({ exp: now - 60, nbf: now - 3600 })}`,
      retired: `bearer.${await forge({ key: RETIRED })}`,
      apiKey: `bearer.${ownerKey}`,
      empty: 'bearer.',
    };
    for (const [name, protocol] of Object.entries(cases)) {
      const response = await openSocket('/ws', ['empire', protocol]);
      expect(response.status, name).toBe(401);
      expect(((await response.json()) as ErrorShape).error.code, name).toBe('unauthorized');
    }
  });

  it('refuses a bearer subprotocol without the empire protocol beside it, and a socket with no token', async () => {
    const token = await tokenFor();
    const alone = await openSocket('/ws', [`bearer.${token}`]);
    expect(alone.status).toBe(400);
    expect(((await alone.json()) as ErrorShape).error.code).toBe('invalid_request');
    const none = await openSocket('/ws', ['empire']);
    expect(none.status).toBe(401);
  });

  it('ignores the subprotocol on plain HTTP: no upgrade, no socket', async () => {
    const token = await tokenFor();
    const response = await checkedFetch(
      new Request('http://empire.test/ws', { headers: { 'Sec-WebSocket-Protocol': `empire, bearer.${token}` } }),
    );
    expect(response.status).toBe(400);
  });
});
