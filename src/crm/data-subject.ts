import type { D1Db } from '../db/d1';
import type { PostgresDatabase } from '../db/postgres';
import { UnavailableError } from '../lib/domain-errors';
import { errorMessage } from '../lib/error-message';
import type { RedisRest } from '../lib/redis-rest';
import { addressSubject, forgetCachedAnswers, leadSubject } from '../llm/cache-subjects';
import type { LongTermMemory } from '../memory/long-term-memory';
import { presentNugget } from '../memory/present';
import { eraseLeadData, exportLeadData } from './lead-privacy';
import { findLead } from './lead-store';
import { erasePostgresRecords, MIN_NAME_LENGTH, type Person, personTerms, postgresRecordsOf } from './person-records';

/** Every store that may hold something on a person; an unconfigured one is absent. */
export interface PersonalDataStores {
  d1: D1Db;
  postgres?: () => PostgresDatabase;
  memory?: LongTermMemory;
  redis?: RedisRest;
}

/** A store that holds data on the person cannot be reached: the request is refused, not half done. */
async function reach<T>(store: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new UnavailableError(`${store} cannot be reached, so the request was not completed: ${errorMessage(error)}`);
  }
}

type LeadIdentity = { id: string; email: string; emailNormalized: string; name: string };

const personOf = (lead: LeadIdentity): Person => ({ leadId: lead.id, email: lead.emailNormalized, name: lead.name });

// Chroma's `$contains` matches case as given: the lower-cased terms, and the address and name as typed.
const memoryTerms = (lead: LeadIdentity) => {
  const name = lead.name.trim();
  const asTyped = [lead.email.trim(), ...(name.length >= MIN_NAME_LENGTH ? [name] : [])];
  return [...new Set([...personTerms(personOf(lead)), ...asTyped])];
};

/** Everything held on a lead, for an access request: D1's records, and what Postgres and memory hold naming them. */
export async function exportPersonalData(stores: PersonalDataStores, id: string) {
  const lead = await findLead(stores.d1, id);
  if (!lead) return undefined;
  const { postgres: openPostgres, memory: longTermMemory } = stores;
  const [held, postgres, memory] = await Promise.all([
    exportLeadData(stores.d1, id),
    openPostgres ? reach('Postgres', () => postgresRecordsOf(openPostgres(), personOf(lead))) : null,
    longTermMemory ? reach('Memory', () => longTermMemory.naming(memoryTerms(lead))) : [],
  ]);
  if (!held) return undefined;
  return { ...held, memory: memory.map(presentNugget), postgres };
}

/**
 * Erases a lead everywhere. The other stores go first and D1 last: D1 holds the lead that tells
 * what to look for, so a failure part way leaves it in place and the same request, repeated,
 * finishes the work. Nothing in the answer names the person.
 */
export async function erasePersonalData(stores: PersonalDataStores, id: string, now: number) {
  const lead = await findLead(stores.d1, id);
  if (!lead) return undefined;
  const { postgres: openPostgres, memory, redis } = stores;
  const postgres = openPostgres
    ? await reach('Postgres', () => erasePostgresRecords(openPostgres(), personOf(lead)))
    : null;
  let memoryItems = 0;
  if (memory) {
    const named = await reach('Memory', () => memory.naming(memoryTerms(lead)));
    await reach('Memory', () => memory.forget(named.map((nugget) => nugget.id)));
    memoryItems = named.length;
  }
  const cachedAnswers = redis
    ? await reach('Redis', () => forgetCachedAnswers(redis, [leadSubject(lead.id), addressSubject(lead.email)]))
    : 0;
  const d1 = await eraseLeadData(stores.d1, lead, now);
  return { ...d1, memoryItems, cachedAnswers, postgres };
}
