import type { Lead, LeadErasure } from '../api-types.ts';
import { parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import type { Api } from '../http.ts';
import { print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';

const textFields = ['name', 'email', 'company', 'title', 'source', 'notes', 'status'] as const;

function printLeads(items: Lead[]): void {
  if (items.length === 0) {
    print('No leads found');
    return;
  }
  printTable(
    ['id', 'name', 'email', 'company', 'status', 'score'],
    items.map((lead) => [lead.id, lead.name, lead.email, lead.company, lead.status, lead.score]),
  );
}

function printLead(lead: Lead): void {
  print(`${lead.name} <${lead.email}>${lead.company ? `, ${lead.company}` : ''}  [${lead.status}]`);
  print(`  id: ${lead.id}`);
  print(`  score: ${lead.score ?? '-'}`);
  for (const [part, value] of Object.entries(lead.scoreBreakdown ?? {})) {
    if (typeof value === 'object' && value !== null) print(`    ${part}: ${JSON.stringify(value)}`);
  }
}

/** Other lead fields (budgetAmount, painLevel …) as `--set key=value`, numbers taken as numbers. */
function extraFields(pairs: string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw usageError(`--set ${pair}: expected field=value`);
    const value = pair.slice(at + 1);
    fields[pair.slice(0, at)] = value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return fields;
}

async function add(api: Api, values: Record<string, string | string[] | boolean | undefined>): Promise<Lead> {
  const body: Record<string, unknown> = {};
  for (const field of textFields) {
    const value = values[field];
    if (typeof value === 'string') body[field] = value;
  }
  const set = values.set;
  Object.assign(body, extraFields(Array.isArray(set) ? set : []));
  if (!body.name || !body.email) throw usageError('leads add needs --name and --email');
  return api.request<Lead>('POST', '/api/crm/leads', body);
}

export const leads: Command = {
  name: 'leads',
  summary: 'CRM leads: add, list, search, score; export or erase what is held on a person',
  usage: [
    'empire leads add --name <name> --email <email> [--company --title --source --notes --status] [--set field=value ...]',
    '       empire leads list [--limit 50]',
    '       empire leads search <words...> [--limit 20]',
    '       empire leads score <lead id>',
    '       empire leads export <lead id>            everything held on the person, as JSON (owner)',
    '       empire leads erase <lead id> --yes       erase the person everywhere; the address is never mailed again (owner)',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      name: { type: 'string' },
      email: { type: 'string' },
      company: { type: 'string' },
      title: { type: 'string' },
      source: { type: 'string' },
      notes: { type: 'string' },
      status: { type: 'string' },
      set: { type: 'string', multiple: true },
      limit: { type: 'string' },
      yes: { type: 'boolean' },
    });
    const api = session(values.url);
    const sub = positional(positionals, 0, 'add|list|search|score|export|erase');
    const limit = positiveNumber(values.limit, 'limit');
    const limitQuery = limit === undefined ? '' : `&limit=${Math.floor(limit)}`;
    switch (sub) {
      case 'add': {
        const lead = await add(api, values);
        if (values.json) printJson(lead);
        else printLead(lead);
        return;
      }
      case 'list':
      case 'search': {
        const q = positionals.slice(1).join(' ');
        if (sub === 'search' && !q) throw usageError('Missing <words>');
        const path = sub === 'search' ? `/api/crm/leads/search?q=${encodeURIComponent(q)}` : '/api/crm/leads?';
        const body = await api.get<{ items: Lead[]; nextCursor: string | null }>(`${path}${limitQuery}`);
        if (values.json) printJson(body);
        else printLeads(body.items);
        return;
      }
      case 'score': {
        const id = positional(positionals, 1, 'lead id');
        const lead = await api.request<Lead>('POST', `/api/crm/leads/${encodeURIComponent(id)}/score`);
        if (values.json) printJson(lead);
        else printLead(lead);
        return;
      }
      case 'export': {
        const id = positional(positionals, 1, 'lead id');
        printJson(await api.get(`/api/crm/leads/${encodeURIComponent(id)}/export`));
        return;
      }
      case 'erase': {
        const id = positional(positionals, 1, 'lead id');
        if (!values.yes) throw usageError('Erasure cannot be undone: add --yes to erase this lead everywhere');
        const erased = await api.request<LeadErasure>('DELETE', `/api/crm/leads/${encodeURIComponent(id)}`);
        if (values.json) printJson(erased);
        else
          print(
            `Erased ${erased.id}: ${Object.entries(erased.removed)
              .map(([what, n]) => `${what} ${JSON.stringify(n)}`)
              .join(', ')}`,
          );
        return;
      }
      default:
        throw usageError(`Unknown leads subcommand: ${sub}`);
    }
  },
};
