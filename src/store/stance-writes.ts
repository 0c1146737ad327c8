import { sourceTime, type StanceFact, type StanceRecord } from "../domain/facts.ts";
import type { StanceChange } from "./event-store.ts";
import { EventLog } from "./event-log.ts";
import { latestStances } from "./strike-queries.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { iso, SOURCE_COLUMNS, storedSource, type SourceRow } from "./sql-rows.ts";
import { upsertSource } from "./sources.ts";

/** Records a union's stance once per source; the caller holds the union's lock. */
export async function recordStance(
  tx: SqlDriver,
  now: Date,
  fact: StanceFact,
): Promise<StanceChange> {
  const sourceId = await upsertSource(tx, fact.source);
  const asOf = sourceTime(fact.source);
  const same = await tx.query<{ id: number }>(
    `SELECT id FROM stances WHERE union_name = ? AND stance = ? AND about = ? AND source_id = ?`,
    [fact.union, fact.stance, fact.about, sourceId],
  );
  const [previous] = await latestStances(tx, [fact.union]);
  if (same.length > 0)
    return { outcome: "unchanged", stance: null, previous: previous ?? null, events: [] };
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO stances (union_name, stance, about, as_of, source_id, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    [fact.union, fact.stance, fact.about, iso(asOf), sourceId, iso(now)],
  );
  const log = new EventLog(tx, now, asOf, fact.union, sourceId);
  await log.append("stance.recorded", null, {
    stance: fact.stance,
    about: fact.about,
    evidence: fact.evidence ?? null,
    previous: previous ? { stance: previous.stance, about: previous.about } : null,
  });
  const [source] = await tx.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`,
    [sourceId],
  );
  const stance: StanceRecord = {
    id: row!.id,
    union: fact.union,
    stance: fact.stance,
    about: fact.about,
    asOf,
    source: storedSource(source!),
  };
  return { outcome: "recorded", stance, previous: previous ?? null, events: log.events };
}
