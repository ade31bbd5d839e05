import { describe, expect, it } from 'vitest';
import { parseEmpireCommand, parseTelegramCommand } from '../../src/channels/commands/parse';
import { constantTimeEqual, verifyGithubSignature } from '../../src/channels/secrets';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('happy', () => {
  it('reads Telegram commands, with or without the bot name', () => {
    expect(parseTelegramCommand('/status')).toEqual({ name: 'status', args: '' });
    expect(parseTelegramCommand('/status@acme_status_bot please')).toEqual({ name: 'status', args: 'please' });
    expect(parseTelegramCommand('/RUN content_generation  a b ')).toEqual({
      name: 'run',
      args: 'content_generation  a b',
    });
  });

  it('reads /empire commands from the first line only', () => {
    expect(parseEmpireCommand('/empire leads acme\nmore text')).toEqual({ name: 'leads', args: 'acme' });
    expect(parseEmpireCommand('  /Empire Status')).toEqual({ name: 'status', args: '' });
  });

  it("verifies GitHub's published signature test vector", async () => {
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await verifyGithubSignature("It's a Secret to Everybody", bytes('Hello, World!'), header)).toBe(true);
  });
});

describe('errors', () => {
  it('treats other text as no command', () => {
    for (const text of ['status', 'hello /status', '/', '/x', '/status\u0000'])
      expect(parseTelegramCommand(text)).toBeUndefined();
    for (const text of ['/empire', 'please /empire status', '/empires status', 'x\n/empire status'])
      expect(parseEmpireCommand(text)).toBeUndefined();
  });
});

describe('security', () => {
  it('refuses malformed, truncated and uppercase-prefixed signatures', async () => {
    const secret = "It's a Secret to Everybody";
    const good = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    for (const header of [undefined, '', good, `sha1=${good}`, `sha256=${good.slice(0, 62)}`, `sha256=${good}00`])
      expect(await verifyGithubSignature(secret, bytes('Hello, World!'), header)).toBe(false);
    expect(await verifyGithubSignature(secret, bytes('Hello, World?'), `sha256=${good}`)).toBe(false);
  });

  it('compares secrets by value, not prefix', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('ab', 'abc')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'abc')).toBe(false);
  });
});
