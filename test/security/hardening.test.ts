import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLead } from '../crm/crm-helpers';
import { ownerKey } from '../helpers/keys';
import { tokenFor } from '../helpers/tokens';
import { type RouteSpec, routeCatalogue, stringFields, withValue } from './route-catalogue';
import { judge, pathOf, type SweepContext, send, validBody } from './sweep-helpers';

// One sweep over every route the Worker serves (see route-catalogue.ts): hostile bodies, strings,
// ids and headers must each get a 4xx in the one JSON error shape, or be accepted and stored
// safely; never a 5xx.

const routes = await routeCatalogue();
let context: SweepContext;

beforeAll(async () => {
  context = { leadId: (await newLead(ownerKey, { notes: 'sweep' })).id, jwt: await tokenFor() };
});

const label = (route: RouteSpec) => `${route.method} ${route.path}`;
const withBody = routes.filter((route) => route.method !== 'GET' && route.method !== 'HEAD');
const jsonRoutes = withBody.filter((route) => !route.body || route.body.contentType === 'application/json');

const nested = (levels: number, open: string, close: string, inner = '1') =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

const oddStrings: Record<string, string> = {
  nul: 'before\u0000after',
  controls: 'a\u0001\u0007\u001b[31m\u007f\u0085b',
  rtlOverride: 'invoice\u202Efdp.exe',
  loneSurrogates: 'x\ud800y\udc00z',
  zeroWidth: 'ze\u200bro\u200d\ufeffwidth',
  combining: 'e\u0301\u0301\u0301\u0301\u0301',
  lineSeparators: 'a\u2028b\u2029c\r\nSet-Cookie: x=1',
};

// A bare `%2E%2E` segment is not here: URL parsing resolves it before any request is sent.
const traversals = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5C..%5Cwindows%5Cwin.ini',
  '%252e%252e%252fetc%252fpasswd',
  '%00',
  '%ED%A0%80',
  '%E2%80%AE',
  'a'.repeat(4_096),
];

// encodeURIComponent throws on lone surrogates; TextEncoder sends them as U+FFFD, as a browser would.
const percentEncoded = (text: string) =>
  [...new TextEncoder().encode(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

async function sweep(
  cases: (() => Promise<{ name: string; response: Response }>)[],
  expected: 'client_error' | 'no_server_error',
  accepted: number[] = [],
) {
  const problems: string[] = [];
  for (const next of cases) {
    const { name, response } = await next();
    const verdict = await judge(response, expected);
    if (verdict.problem) problems.push(`${name}: ${verdict.problem}`);
    if (verdict.status < 300) accepted.push(verdict.status);
  }
  return problems;
}

describe('security', () => {
  it('finds every route: the documented ones and the rest of the router', () => {
    const names = routes.map(label);
    for (const route of ['GET /metrics', 'GET /docs', 'GET /openapi.json', 'POST /telegram/webhook', 'GET /ws'])
      expect(names).toContain(route);
    expect(withBody.length).toBeGreaterThan(15);
  });

  it.each(withBody.map((route) => [label(route), route] as const))(
    '%s: a body past the limit is a 413',
    async (_name, route) => {
      const limit = Number(env.MAX_BODY_BYTES);
      const big = `{"pad":"${'x'.repeat(limit)}"}`;
      const contentType = route.body?.contentType ?? 'application/json';
      const problems = await sweep(
        [
          async () => ({ name: 'with length', response: await send(route, context, { body: big, contentType }) }),
          async () => ({
            name: 'streamed',
            response: await send(route, context, { body: new Blob([big]).stream(), contentType }),
          }),
        ],
        'client_error',
      );
      expect(problems).toEqual([]);
      const response = await send(route, context, { body: big, contentType });
      expect(response.status).toBe(413);
    },
  );

  it.each(jsonRoutes.map((route) => [label(route), route] as const))(
    '%s: JSON nested 10,000 deep is a 4xx',
    async (_name, route) => {
      const example = validBody(route);
      const fields = example && typeof example === 'object' ? Object.keys(route.body?.schema.properties ?? {}) : [];
      const deepObject = nested(10_000, '{"a":', '}');
      const bodies: Record<string, string> = {
        'nested arrays': nested(10_000, '[', ']'),
        'nested objects': deepObject,
      };
      for (const field of fields) {
        const marker = '"__deep__"';
        bodies[`deep ${field}`] = JSON.stringify(withValue(example, [field], '__deep__')).replace(marker, deepObject);
      }
      const problems = await sweep(
        Object.entries(bodies).map(([name, body]) => async () => ({
          name,
          response: await send(route, context, { body, contentType: 'application/json' }),
        })),
        'client_error',
      );
      expect(problems).toEqual([]);
    },
  );

  it.each(withBody.map((route) => [label(route), route] as const))(
    '%s: control and odd unicode characters in every string field never cause a 5xx',
    async (_name, route) => {
      const cases: (() => Promise<{ name: string; response: Response }>)[] = [];
      if (route.body?.contentType === 'application/json') {
        const schema = route.body.schema;
        for (const path of stringFields(schema)) {
          for (const [kind, value] of Object.entries(oddStrings)) {
            cases.push(async () => ({
              name: `${path.join('.')} ${kind}`,
              response: await send(route, context, {
                body: JSON.stringify(withValue(validBody(route), path, value)),
                contentType: 'application/json',
              }),
            }));
          }
        }
      } else {
        const contentType = route.body?.contentType ?? 'text/plain';
        for (const [kind, value] of Object.entries(oddStrings)) {
          const body =
            contentType === 'text/csv' ? `name,email\n${value},odd-${kind}@example.com\n` : `name: ${value}\n`;
          cases.push(async () => ({ name: kind, response: await send(route, context, { body, contentType }) }));
        }
      }
      const accepted: number[] = [];
      expect(await sweep(cases, 'no_server_error', accepted)).toEqual([]);
      // The lead's strings are stored, not refused: the reads at the end must still work.
      if (label(route) === 'POST /api/crm/leads') expect(accepted.length).toBeGreaterThan(10);
    },
  );

  it.each(
    routes
      .filter((route) => route.parameters.some((p) => p.in === 'query'))
      .map((route) => [label(route), route] as const),
  )('%s: odd characters in query parameters never cause a 5xx', async (_name, route) => {
    const cases = route.parameters
      .filter((p) => p.in === 'query' && p.name !== 'token')
      .flatMap((parameter) =>
        [...Object.values(oddStrings).map(percentEncoded), '%ED%A0%80', '%FF', '%'].map((value) => async () => ({
          name: `${parameter.name}=${value}`,
          response: await send(route, context, { query: `${parameter.name}=${value}` }),
        })),
      );
    expect(await sweep(cases, 'no_server_error')).toEqual([]);
  });

  it.each(routes.map((route) => [label(route), route] as const))(
    '%s: path traversal and oversized ids are 4xx',
    async (_name, route) => {
      const params = route.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const cases = traversals.flatMap((payload) => [
        ...params.map((param) => async () => ({
          name: `${param}=${payload.slice(0, 40)}`,
          response: await send(route, context, { path: pathOf(route, context, { [param]: payload }) }),
        })),
        async () => ({
          name: `suffix ${payload.slice(0, 40)}`,
          response: await send(route, context, { path: `${pathOf(route, context)}/${payload}` }),
        }),
      ]);
      expect(await sweep(cases, 'client_error')).toEqual([]);
    },
  );

  it.each(routes.map((route) => [label(route), route] as const))(
    '%s: request ids and idempotency keys are never reflected raw',
    async (_name, route) => {
      const hostile = [
        'abc%0d%0aSet-Cookie:%20session=1',
        'a\tb',
        '<script>alert(1)</script>',
        'r'.repeat(300),
        'emp_abcdefghijklmnopqrstuvwxyz0123456789',
      ];
      const problems: string[] = [];
      for (const value of hostile) {
        const response = await send(route, context, {
          headers: { 'x-request-id': value, 'idempotency-key': value },
          ...(route.method === 'GET' ? {} : { body: '{}', contentType: 'application/json' }),
        });
        const echoed = response.headers.get('x-request-id') ?? '';
        const verdict = await judge(response, 'no_server_error');
        if (verdict.problem) problems.push(`${value.slice(0, 20)}: ${verdict.problem}`);
        const safe = /^[\w=-]{1,128}$/.test(value);
        if (!safe && echoed === value) problems.push(`${value.slice(0, 20)}: reflected raw`);
        if (!/^[\w=-]{1,128}$/.test(echoed)) problems.push(`${value.slice(0, 20)}: odd request id ${echoed}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('keeps every read working after the odd strings were stored', async () => {
    for (const path of [
      '/api/crm/leads',
      '/api/crm/leads/export',
      '/api/crm/leads/search?q=after',
      `/api/crm/leads/${context.leadId}`,
      '/api/audit',
      '/api/tasks',
    ]) {
      const response = await send({ method: 'GET', path, parameters: [], documented: true }, context, { path });
      expect(response.status, path).toBe(200);
    }
  });
});
