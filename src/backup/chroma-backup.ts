import { ChromaCollectionExists, type ChromaCollections, type ChromaRecords } from './chroma-collections';
import { RestoreConflict } from './d1-backup';
import { type ChromaEntry, PREFIX } from './manifest';
import { NdjsonObjectWriter, readNdjson } from './ndjson-object';

interface RecordLine {
  id: string;
  document: string | null;
  metadata: Record<string, unknown> | null;
  embedding: number[];
}

// Records per get and per add: a page of 1,536-dimension vectors stays a few megabytes.
const PAGE_RECORDS = 200;

export const chromaKey = (backupId: string, collection: string) =>
  `${PREFIX}${backupId}/chroma/${encodeURIComponent(collection)}.ndjson`;

export async function exportChroma(
  chroma: ChromaCollections,
  bucket: R2Bucket,
  backupId: string,
): Promise<ChromaEntry[]> {
  const entries: ChromaEntry[] = [];
  for (const collection of await chroma.list()) {
    const writer = new NdjsonObjectWriter(bucket, chromaKey(backupId, collection.name));
    for (let offset = 0; ; offset += PAGE_RECORDS) {
      const page = await chroma.records(collection.id, offset, PAGE_RECORDS);
      await writer.write(
        page.ids.map((id, index) =>
          JSON.stringify({
            id,
            document: page.documents[index] ?? null,
            metadata: page.metadatas[index] ?? null,
            embedding: page.embeddings[index] ?? [],
          } satisfies RecordLine),
        ),
      );
      if (page.ids.length < PAGE_RECORDS) break;
    }
    entries.push({
      collection: collection.name,
      metadata: collection.metadata,
      space: collection.space,
      ...(await writer.close()),
    });
  }
  return entries;
}

/**
 * Restores each collection as a new collection named `prefix + name`, with its metadata and
 * distance; a name already taken is refused, never merged into.
 */
export async function restoreChroma(
  chroma: ChromaCollections,
  bucket: R2Bucket,
  entries: readonly ChromaEntry[],
  prefix: string,
) {
  const restored: { collection: string; rows: number }[] = [];
  for (const entry of entries) {
    const name = `${prefix}${entry.collection}`;
    let id: string;
    try {
      id = await chroma.create(name, entry.metadata, entry.space);
    } catch (error) {
      if (error instanceof ChromaCollectionExists)
        throw new RestoreConflict(`Chroma collection ${name} already exists`);
      throw error;
    }
    const rows = await readNdjson(bucket, entry.key, PAGE_RECORDS, async (lines) => {
      const records: ChromaRecords = { ids: [], documents: [], metadatas: [], embeddings: [] };
      for (const line of lines) {
        const record = JSON.parse(line) as RecordLine;
        records.ids.push(record.id);
        records.documents.push(record.document);
        records.metadatas.push(record.metadata);
        records.embeddings.push(record.embedding);
      }
      await chroma.add(id, records);
    });
    restored.push({ collection: name, rows });
  }
  return restored;
}
