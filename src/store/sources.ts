import { sourceKey, type Source } from "../domain/facts.ts";
import type { SqlDriver } from "./sql-driver.ts";

/** The id of a source (an article, or a chat user), recorded the first time it is cited. */
export async function upsertSource(tx: SqlDriver, s: Source): Promise<number> {
  const label = s.kind === "article" ? s.title : (s.userName ?? s.userId);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sources (key, kind, label, url, platform, user_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET label = excluded.label RETURNING id`,
    [
      sourceKey(s),
      s.kind,
      label,
      s.kind === "article" ? s.url : null,
      s.kind === "user" ? s.platform : null,
      s.kind === "user" ? s.userId : null,
    ],
  );
  return row!.id;
}
