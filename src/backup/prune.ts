import { backupIds, manifestKey, PREFIX } from './manifest';
import { type BackupRetention, backupsToDelete, type StoredBackup } from './retention-rule';

// R2 deletes at most 1,000 keys per call.
const DELETE_KEYS = 1_000;

/** Every backup in the bucket, finished (manifest written) or not. */
export async function storedBackups(bucket: R2Bucket): Promise<StoredBackup[]> {
  const ids = await backupIds(bucket);
  return Promise.all(ids.map(async (id) => ({ id, finished: (await bucket.head(manifestKey(id))) !== null })));
}

/** Deletes every object of one backup, its manifest last so a half-deleted backup is never listed as finished. */
export async function deleteBackup(bucket: R2Bucket, id: string): Promise<number> {
  const prefix = `${PREFIX}${id}/`;
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    keys.push(...page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const manifest = manifestKey(id);
  const objects = keys.filter((key) => key !== manifest);
  for (let index = 0; index < objects.length; index += DELETE_KEYS)
    await bucket.delete(objects.slice(index, index + DELETE_KEYS));
  if (keys.includes(manifest)) await bucket.delete(manifest);
  return keys.length;
}

/** Deletes the backups the retention rule no longer keeps; returns their ids. */
export async function pruneBackups(bucket: R2Bucket, keep: BackupRetention): Promise<string[]> {
  const doomed = backupsToDelete(await storedBackups(bucket), keep);
  for (const id of doomed) await deleteBackup(bucket, id);
  return doomed;
}
