import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { models } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/domain-errors';
import type { ModelEntry } from './catalogue';
import { forgetCatalogue, readCatalogue, withCatalogueDatabase } from './catalogue-store';
import { providerIdSchema } from './provider-definitions';
import { providerIds } from './providers/types';

const price = z
  .number()
  .int('must be whole micro-USD')
  .min(0)
  .max(1_000_000_000, 'must be at most 1,000,000,000 (1,000 USD per million tokens)');
const tokens = z.number().int().min(1).max(10_000_000);

const fields = {
  displayName: z.string().trim().min(1).max(100),
  inputMicrosPerMillion: price.describe('Integer micro-USD per million input tokens'),
  outputMicrosPerMillion: price.describe('Integer micro-USD per million output tokens'),
  contextWindow: tokens.describe('Tokens in and out together'),
  maxOutput: tokens.describe('Most output tokens a call may ask for'),
  capabilities: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lower-case word such as json or long-context'))
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'must not repeat'),
  active: z.boolean().describe('An inactive model stays listed but is never routed to'),
};

const outputFits = (entry: { contextWindow?: number; maxOutput?: number }) =>
  entry.contextWindow === undefined || entry.maxOutput === undefined || entry.maxOutput <= entry.contextWindow;
const FITS = { message: 'maxOutput must not exceed contextWindow', path: ['maxOutput'] };

export const newModelSchema = z
  .strictObject({
    provider: providerIdSchema.describe(
      'A built-in provider (ollama, moonshot, anthropic) or one added by /api/providers',
    ),
    modelId: z
      .string()
      .regex(/^[\w.:/@-]{1,128}$/, 'must be the provider’s model id (letters, digits and . : / @ _ -)'),
    ...fields,
    capabilities: fields.capabilities.default([]),
    active: fields.active.default(true),
  })
  .refine(outputFits, FITS);

export const modelChangeSchema = z
  .strictObject({
    displayName: fields.displayName.optional(),
    inputMicrosPerMillion: fields.inputMicrosPerMillion.optional(),
    outputMicrosPerMillion: fields.outputMicrosPerMillion.optional(),
    contextWindow: fields.contextWindow.optional(),
    maxOutput: fields.maxOutput.optional(),
    capabilities: fields.capabilities.optional(),
    active: fields.active.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'names no field to change');

export type NewModel = z.output<typeof newModelSchema>;
export type ModelChange = z.output<typeof modelChangeSchema>;

/** The owner's edits to the live catalogue; each write drops this isolate's cached copy. */
export class ModelAdmin {
  constructor(private readonly db: PostgresDatabase) {}

  async list(): Promise<ModelEntry[]> {
    return withCatalogueDatabase(async () => {
      const { entries } = await readCatalogue(this.db);
      return entries.sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  async get(id: string): Promise<ModelEntry> {
    return withCatalogueDatabase(async () => {
      const found = (await readCatalogue(this.db)).entries.find((entry) => entry.id === id);
      if (!found) throw new NotFoundError(`No model ${id} in the catalogue`, { id });
      return found;
    });
  }

  async create(input: NewModel): Promise<ModelEntry> {
    return withCatalogueDatabase(async () => {
      const { providers } = await readCatalogue(this.db);
      const known = [...providerIds, ...providers.map((provider) => provider.id)];
      if (!known.includes(input.provider)) {
        throw new InvalidInputError(
          `Unknown provider ${input.provider}: use one of ${known.join(', ')} or add it with POST /api/providers`,
          { param: 'provider' },
        );
      }
      const entry: ModelEntry = { id: `${input.provider}/${input.modelId}`, ...input };
      const [row] = await this.db.insert(models).values(entry).onConflictDoNothing().returning({ id: models.id });
      if (!row)
        throw new ConflictError(`Model ${entry.id} is already in the catalogue; change it with PUT`, { id: entry.id });
      forgetCatalogue();
      return entry;
    });
  }

  async update(id: string, change: ModelChange): Promise<ModelEntry> {
    return withCatalogueDatabase(async () => {
      const current = await this.get(id);
      const next = { ...current, ...change };
      if (!outputFits(next)) throw new InvalidInputError(FITS.message, { param: 'maxOutput' });
      await this.db
        .update(models)
        .set({ ...change, updatedAt: new Date() })
        .where(eq(models.id, id));
      forgetCatalogue();
      return next;
    });
  }

  async remove(id: string): Promise<ModelEntry> {
    return withCatalogueDatabase(async () => {
      const current = await this.get(id);
      await this.db.delete(models).where(eq(models.id, id));
      forgetCatalogue();
      return current;
    });
  }
}
