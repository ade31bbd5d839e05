import { normaliseEmail } from '../channels/email/address';
import type { RedisRest } from '../lib/redis-rest';
import { digestKey } from './response-cache';
import type { ChatRequest } from './types';

/**
 * Cached answers are keyed by a hash of their request, so nothing in a key says whom a request
 * was about. Each answer stored is therefore also listed under its subjects: the leads its caller
 * named (`subjects`, set by the CRM and sales code that put lead data into a prompt) and every
 * e-mail address in its messages (a gateway caller's prompt). An erasure deletes the answers
 * listed under the person's lead id and address. The index keys are hashes too, so Redis holds
 * no address in the clear, and they expire with the answers they list.
 */
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export const leadSubject = (leadId: string) => `lead:${leadId}`;
export const addressSubject = (email: string) => `email:${normaliseEmail(email)}`;

/** The subjects named, and one for every address in the texts. */
export function subjectsOf(texts: string[], named: string[] = []): string[] {
  const addresses = texts.flatMap((text) => text.match(ADDRESS) ?? []);
  return [...new Set([...named, ...addresses.map(addressSubject)])];
}

/** The subjects a chat request's cached answer is listed under. */
export const requestSubjects = (request: Pick<ChatRequest, 'messages' | 'subjects'>) =>
  subjectsOf(
    request.messages.map((message) => message.content),
    request.subjects,
  );

export const subjectIndexKey = (subject: string) => digestKey('llm:cache:about', subject);

// One round trip, and the index entry is written before the answer it lists: a failure between
// the two leaves an index naming a missing key, never an answer nobody can find.
const INDEX_AND_SET = `
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

/** Stores an answer and lists it under each subject's index. */
export async function storeWithSubjects(
  redis: RedisRest,
  key: string,
  value: string,
  subjects: string[],
  ttlSeconds: number,
): Promise<void> {
  const indexKeys = await Promise.all(subjects.map(subjectIndexKey));
  await redis.eval(INDEX_AND_SET, [key, ...indexKeys], [value, ttlSeconds]);
}

const DELETE_LISTED = `
local removed = 0
for i = 1, #KEYS do
  local listed = redis.call('SMEMBERS', KEYS[i])
  for _, key in ipairs(listed) do removed = removed + redis.call('DEL', key) end
  redis.call('DEL', KEYS[i])
end
return removed`;

/** Deletes every cached answer listed under these subjects; the number of answers deleted. */
export async function forgetCachedAnswers(redis: RedisRest, subjects: string[]): Promise<number> {
  if (subjects.length === 0) return 0;
  const indexKeys = await Promise.all(subjects.map(subjectIndexKey));
  return Number(await redis.eval(DELETE_LISTED, indexKeys, []));
}
