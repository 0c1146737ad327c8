import type { EventKind, LoggedEvent } from "./event-store.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { iso, toDate, toJson } from "./sql-rows.ts";

// The append-only log: every change to the current view is appended here, in the same
// transaction, with its source and time. Alerts and digests read it by sequence number.

interface EventRow {
  seq: number | string;
  recorded_at: string | Date;
  as_of: string | Date;
  kind: EventKind;
  action_id: number | null;
  union_name: string;
  source_id: number;
  payload: unknown;
}

function loggedEvent(r: EventRow): LoggedEvent {
  return {
    seq: Number(r.seq),
    recordedAt: toDate(r.recorded_at),
    asOf: toDate(r.as_of),
    kind: r.kind,
    actionId: r.action_id,
    union: r.union_name,
    sourceId: r.source_id,
    payload: toJson(r.payload),
  };
}

/** The entries one write appends: all share its time, the union and the source it is on. */
export class EventLog {
  readonly events: LoggedEvent[] = [];
  constructor(
    private readonly tx: SqlDriver,
    private readonly recordedAt: Date,
    private readonly asOf: Date,
    private readonly union: string,
    private readonly sourceId: number,
  ) {}

  async append(
    kind: EventKind,
    actionId: number | null,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const [row] = await this.tx.query<EventRow>(
      `INSERT INTO events (recorded_at, as_of, kind, action_id, union_name, source_id, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [
        iso(this.recordedAt),
        iso(this.asOf),
        kind,
        actionId,
        this.union,
        this.sourceId,
        JSON.stringify(payload),
      ],
    );
    this.events.push(loggedEvent(row!));
    await countChange(this.tx, this.union);
  }
}

/**
 * Adds one to the store's change count, in the writer's transaction. `scope` is the union the
 * writer holds the lock of (so writers of different unions never wait on each other's row), or
 * '*' for a change no union owns (a source's label).
 */
export async function countChange(tx: SqlDriver, scope: string): Promise<void> {
  await tx.query(
    `INSERT INTO change_counts (scope, changes) VALUES (?, 1)
     ON CONFLICT (scope) DO UPDATE SET changes = change_counts.changes + 1`,
    [scope],
  );
}

/** The store's change count: moves with every committed change, whatever the commit order. */
export async function changeCount(db: SqlDriver): Promise<number> {
  const [row] = await db.query<{ n: number | string | null }>(
    `SELECT SUM(changes) AS n FROM change_counts`,
  );
  return Number(row?.n ?? 0);
}

export async function latestSeq(db: SqlDriver): Promise<number> {
  const [row] = await db.query<{ seq: number | string | null }>(
    `SELECT MAX(seq) AS seq FROM events`,
  );
  return Number(row?.seq ?? 0);
}

export async function eventsAfter(
  db: SqlDriver,
  seq: number,
  limit: number,
): Promise<LoggedEvent[]> {
  const rows = await db.query<EventRow>(`SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, [
    seq,
    limit,
  ]);
  return rows.map(loggedEvent);
}
