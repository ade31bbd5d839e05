import { asc, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { leads } from '../db/crm-schema';
import * as d1Schema from '../db/d1-schema';
import { suppressionHashes } from '../db/sales-schema';
import { erasedAmong } from './erased-addresses';
import { eraseLeadData } from './lead-privacy';

const PAGE = 500;

/** Copies the live hashed list into the restored database: the backup predates the erasures made since. */
async function copyErasedHashes(from: D1Database, to: ReturnType<typeof drizzle<typeof d1Schema>>) {
  const live = drizzle(from, { schema: d1Schema });
  let after = '';
  for (;;) {
    const page = await live
      .select()
      .from(suppressionHashes)
      .where(gt(suppressionHashes.emailHash, after))
      .orderBy(asc(suppressionHashes.emailHash))
      .limit(PAGE)
      .all();
    const last = page.at(-1);
    if (!last) return;
    // 3 bound values a row: 30 rows stay under D1's 100 variables a statement.
    for (let start = 0; start < page.length; start += 30)
      await to
        .insert(suppressionHashes)
        .values(page.slice(start, start + 30))
        .onConflictDoNothing()
        .run();
    after = last.emailHash;
  }
}

/**
 * After a restore: every restored lead whose address is on the hashed list (the backup's own, and
 * the live database's when given) is erased again, so a backup taken before an erasure does not
 * bring the person back. Returns how many leads were erased.
 */
export async function reapplyErasures(target: D1Database, live?: D1Database, now = Date.now()): Promise<number> {
  const db = drizzle(target, { schema: d1Schema });
  if (live && live !== target) await copyErasedHashes(live, db);
  let erased = 0;
  let after = 0;
  for (;;) {
    const page = await db.select().from(leads).where(gt(leads.seq, after)).orderBy(asc(leads.seq)).limit(PAGE).all();
    const last = page.at(-1);
    if (!last) return erased;
    const listed = await erasedAmong(
      db,
      page.map((lead) => lead.emailNormalized),
    );
    for (const lead of page.filter((row) => listed.has(row.emailNormalized))) {
      await eraseLeadData(db, lead, now);
      erased += 1;
    }
    after = last.seq;
  }
}
