import { eq } from 'drizzle-orm';
import { llmProviders } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { ConflictError, NotFoundError } from '../lib/domain-errors';
import { forgetCatalogue, readCatalogue, withCatalogueDatabase } from './catalogue-store';
import { missingSecrets, type ProviderChange, type ProviderDefinition } from './provider-definitions';

/** A definition as the API shows it: the names of its secrets and which are missing, never a value. */
export interface ProviderView extends ProviderDefinition {
  configured: boolean;
  missingSecrets: string[];
  models: string[];
}

/** The owner's providers added by configuration; each write drops this isolate's cached catalogue. */
export class ProviderAdmin {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly secrets: Record<string, unknown>,
  ) {}

  async list(): Promise<ProviderView[]> {
    return withCatalogueDatabase(async () => {
      const { entries, providers } = await readCatalogue(this.db);
      return providers
        .map((definition) =>
          this.view(
            definition,
            entries.filter((entry) => entry.provider === definition.id),
          ),
        )
        .sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  async get(id: string): Promise<ProviderView> {
    return withCatalogueDatabase(async () => {
      const found = (await this.list()).find((provider) => provider.id === id);
      if (!found) throw new NotFoundError(`No provider ${id} added by configuration`, { id });
      return found;
    });
  }

  async create(definition: ProviderDefinition): Promise<ProviderView> {
    return withCatalogueDatabase(async () => {
      const [row] = await this.db
        .insert(llmProviders)
        .values(definition)
        .onConflictDoNothing()
        .returning({ id: llmProviders.id });
      if (!row)
        throw new ConflictError(`Provider ${definition.id} exists already; change it with PUT`, { id: definition.id });
      forgetCatalogue();
      return this.view(definition, []);
    });
  }

  async update(id: string, change: ProviderChange): Promise<ProviderView> {
    return withCatalogueDatabase(async () => {
      await this.get(id);
      await this.db
        .update(llmProviders)
        .set({ ...change, updatedAt: new Date() })
        .where(eq(llmProviders.id, id));
      forgetCatalogue();
      return this.get(id);
    });
  }

  /** Refused while catalogue models use it: their calls would have nowhere to go. */
  async remove(id: string): Promise<ProviderView> {
    return withCatalogueDatabase(async () => {
      const current = await this.get(id);
      if (current.models.length > 0) {
        throw new ConflictError(`Provider ${id} still has models (${current.models.join(', ')}); delete them first`, {
          id,
          models: current.models,
        });
      }
      await this.db.delete(llmProviders).where(eq(llmProviders.id, id));
      forgetCatalogue();
      return current;
    });
  }

  private view(definition: ProviderDefinition, used: { id: string }[]): ProviderView {
    const missing = missingSecrets(definition, this.secrets);
    return { ...definition, configured: missing.length === 0, missingSecrets: missing, models: used.map((m) => m.id) };
  }
}
