import { sourceTime, type StanceFact, type StanceRecord } from "../domain/facts.ts";
import type { StanceChange } from "./event-store.ts";
import { EventLog } from "./event-log.ts";
import { latestStances } from "./strike-queries.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { iso, SOURCE_COLUMNS, storedSource, type SourceRow } from "./sql-rows.ts";
import { MAX_SOURCES_PER_FACT } from "./merge.ts";
import { findSource, upsertSource } from "./sources.ts";

/** Records a union's stance once per source; the caller holds the union's lock. */
export async function recordStance(
  tx: SqlDriver,
  now: Date,
  fact: StanceFact,
): Promise<StanceChange> {
  const asOf = sourceTime(fact.source);
  const known = await findSource(tx, fact.source);
  const same = await tx.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM stances WHERE union_name = ? AND stance = ? AND about = ?
       AND source_id = ?`,
    [fact.union, fact.stance, fact.about, known ?? -1],
  );
  const [previous] = await latestStances(tx, [fact.union]);
  const unchanged = {
    outcome: "unchanged" as const,
    stance: null,
    previous: previous ?? null,
    events: [],
  };
  if (Number(same[0]?.n ?? 0) > 0) return unchanged;
  // The union's current stance, already cited by MAX_SOURCES_PER_FACT sources: one more link
  // to it (a feed re-publishing under new URLs) adds nothing but rows and alerts.
  if (previous && previous.stance === fact.stance && previous.about === fact.about) {
    const [cited] = await tx.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM stances WHERE union_name = ? AND stance = ? AND about = ?`,
      [fact.union, fact.stance, fact.about],
    );
    if (Number(cited?.n ?? 0) >= MAX_SOURCES_PER_FACT) return unchanged;
  }
  const sourceId = await upsertSource(tx, fact.source);
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
