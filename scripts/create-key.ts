// `npm run key:create -- --role owner|operator|readonly [--name NAME] [--label LABEL]`
// Creates an API key in Postgres (DATABASE_URL, or the stack `npm start` is running) and prints
// it once; only its SHA-256 hash is stored.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey, keyPrefix, type Role, roles } from '../src/auth/api-keys.ts';
import { openPool } from '../src/db/postgres-pool.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    name: { type: 'string', default: 'owner' },
    label: { type: 'string', default: 'cli' },
  },
});

const role = values.role as Role | undefined;
if (!role || !roles.includes(role)) {
  console.error(`--role must be one of: ${roles.join(', ')}`);
  process.exit(2);
}

async function database(): Promise<{ url: string; wsProxy?: string }> {
  if (process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, wsProxy: process.env.NEON_WS_PROXY || undefined };
  try {
    const running = JSON.parse(await readFile(new URL('../.empire/dev-services.json', import.meta.url), 'utf8')) as {
      databaseUrl: string;
      neonWsProxy?: string;
    };
    return { url: running.databaseUrl, wsProxy: running.neonWsProxy };
  } catch {
    console.error('DATABASE_URL is not set and no local stack is running (start it with npm start).');
    process.exit(2);
  }
}

const { url, wsProxy } = await database();
const { pool, close } = openPool({ url, wsProxy, max: 1 });
try {
  const key = generateApiKey();
  const user = await pool.query<{ id: string }>('insert into users (name, role) values ($1, $2) returning id', [
    values.name,
    role,
  ]);
  await pool.query('insert into api_keys (user_id, label, prefix, key_hash, role) values ($1, $2, $3, $4, $5)', [
    user.rows[0]?.id,
    values.label,
    keyPrefix(key),
    await hashApiKey(key),
    role,
  ]);
  console.log(`Created a ${role} key for ${values.name}. It is shown only now:\n\n  ${key}\n`);
} finally {
  await close();
}
