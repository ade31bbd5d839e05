// One lead created through the API, for benchmarks that read it back.
import type { BenchStack } from './stack.ts';

export async function seedLead(stack: BenchStack): Promise<string> {
  const response = await fetch(`${stack.url}/api/crm/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.backing.ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench Lead',
      email: `bench-${Date.now().toString(36)}@example.com`,
      company: 'Example Hotels GmbH',
      notes: 'Three sites, wants automated fire-alarm reporting.',
      budgetAmount: 15_000,
      budgetCurrency: 'EUR',
      painLevel: 4,
      timelineDays: 60,
    }),
  });
  if (response.status !== 201) throw new Error(`seeding a lead answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
