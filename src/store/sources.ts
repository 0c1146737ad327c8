import { sourceKey, type Source } from "../domain/facts.ts";
import { countChange } from "./event-log.ts";
import type { SqlDriver } from "./sql-driver.ts";

/**
 * The id of a source already recorded, or null. Writes plan with this and record a new source
 * only when a fact it gives changes something: a feed re-publishing known facts under new
 * links used to leave a `sources` row behind for every link, for ever.
 */
export async function findSource(tx: SqlDriver, s: Source): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(`SELECT id FROM sources WHERE key = ?`, [
    sourceKey(s),
  ]);
  return row ? row.id : null;
}

/**
 * The id of a source (an article, or a chat user), recorded the first time it is cited. A new
 * label for a known source (an edited headline) replaces the old one and counts as a change,
 * since answers cite it; a source seen for the first time is not one (nothing cites it yet).
 */
export async function upsertSource(tx: SqlDriver, s: Source): Promise<number> {
  const key = sourceKey(s);
  const label = s.kind === "article" ? s.title : (s.userName ?? s.userId);
  const [known] = await tx.query<{ id: number; label: string }>(
    `SELECT id, label FROM sources WHERE key = ?`,
    [key],
  );
  if (known) {
    if (known.label !== label) {
      await tx.query(`UPDATE sources SET label = ? WHERE id = ?`, [label, known.id]);
      await countChange(tx, "*");
    }
    return known.id;
  }
  // Another writer (another union's lock) may insert the same source meanwhile.
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sources (key, kind, label, url, platform, user_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET label = excluded.label RETURNING id`,
    [
      key,
      s.kind,
      label,
      s.kind === "article" ? s.url : null,
      s.kind === "user" ? s.platform : null,
      s.kind === "user" ? s.userId : null,
    ],
  );
  return row!.id;
}
