import type { ApiKey, ApiKeyList, NewApiKey, RotatedApiKey } from '../api-types.ts';
import { noMorePositionals, parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';

const roles = ['owner', 'operator', 'readonly'];

function printKeys(keys: ApiKey[]): void {
  printTable(
    ['id', 'name', 'prefix', 'role', 'state', 'age', 'last used', 'expires', 'models'],
    keys.map((key) => [
      key.id,
      key.label,
      key.prefix,
      key.role,
      key.rotationDue ? `${key.state} (rotate)` : key.state,
      `${key.ageDays}d`,
      key.lastUsedAt ?? '-',
      key.expiresAt ?? '-',
      key.allowedModels?.join(',') ?? 'all',
    ]),
  );
}

function printSecret(secret: string, key: ApiKey): void {
  print(`API key ${key.id} (${key.role}, client ${key.clientId}). It is shown only now:\n\n  ${secret}\n`);
}

export const keys: Command = {
  name: 'keys',
  summary: 'API keys: list, create, revoke, rotate (owner only)',
  usage: [
    'empire keys [--all]',
    '       empire keys create <name> --role owner|operator|readonly [--expires-days N] [--models a,b] [--day-cap N] [--month-cap N] [--usd]',
    '       empire keys revoke <id>',
    '       empire keys rotate <id> [--grace-hours N]   (default 24; 0 stops the old key at once)',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      all: { type: 'boolean' },
      role: { type: 'string' },
      'expires-days': { type: 'string' },
      models: { type: 'string' },
      'day-cap': { type: 'string' },
      'month-cap': { type: 'string' },
      usd: { type: 'boolean' },
      'grace-hours': { type: 'string' },
    });
    const api = session(values.url);
    const [sub] = positionals;
    if (sub === undefined) {
      const list = await api.get<ApiKeyList>(`/api/keys${values.all ? '?state=all' : ''}`);
      if (values.json) printJson(list);
      else printKeys(list.items);
      return;
    }
    if (sub === 'create') {
      noMorePositionals(positionals, 2);
      const name = positional(positionals, 1, 'name');
      if (!values.role || !roles.includes(values.role)) throw usageError(`--role must be one of ${roles.join(', ')}`);
      const days = positiveNumber(values['expires-days'], 'expires-days');
      const day = positiveNumber(values['day-cap'], 'day-cap');
      const month = positiveNumber(values['month-cap'], 'month-cap');
      const body = {
        name,
        role: values.role,
        ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
        ...(values.models ? { models: values.models.split(',').map((model) => model.trim()) } : {}),
        ...(day || month ? { budget: { day, month, currency: values.usd ? 'USD' : 'budget' } } : {}),
      };
      const created = await api.request<NewApiKey>('POST', '/api/keys', body);
      if (values.json) printJson(created);
      else printSecret(created.secret, created.key);
      return;
    }
    if (sub === 'revoke') {
      noMorePositionals(positionals, 2);
      const revoked = await api.request<ApiKey>(
        'DELETE',
        `/api/keys/${encodeURIComponent(positional(positionals, 1, 'id'))}`,
      );
      if (values.json) printJson(revoked);
      else print(`Revoked ${revoked.prefix}… (${revoked.label}); it and its tokens stop within a minute.`);
      return;
    }
    if (sub === 'rotate') {
      noMorePositionals(positionals, 2);
      const id = positional(positionals, 1, 'id');
      const hours = values['grace-hours'] === '0' ? 0 : (positiveNumber(values['grace-hours'], 'grace-hours') ?? 24);
      const rotated = await api.request<RotatedApiKey>('POST', `/api/keys/${encodeURIComponent(id)}/rotate`, {
        graceSeconds: Math.round(hours * 3600),
      });
      if (values.json) printJson(rotated);
      else {
        printSecret(rotated.secret, rotated.key);
        print(`The old key ${rotated.previous.prefix}… works until ${rotated.previous.expiresAt}.`);
      }
      return;
    }
    throw usageError(`Unknown keys subcommand: ${sub}`);
  },
};
