/**
 * Migrations are written once, in SQL both databases speak, with a few column types named by
 * meaning: `{id}` an integer key the database assigns, `{seq}` the same that never reuses a value
 * (the event log), `{time}` an instant, `{day}` a calendar day, `{json}` a JSON document,
 * `{real}` a float, `{bigint}` a 64-bit integer, and `{clustered}` after a table whose rows are
 * stored in key order. Each dialect spells them its own way; nothing else differs.
 */
export type Dialect = "sqlite" | "postgres";

/**
 * A schema change, written once for both databases. It is applied once, in order, inside a
 * transaction, and recorded in `schema_migrations`. Never edit a migration that has shipped;
 * write a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: {
    id: "INTEGER PRIMARY KEY",
    seq: "INTEGER PRIMARY KEY AUTOINCREMENT",
    time: "TEXT",
    day: "TEXT",
    json: "TEXT",
    real: "REAL",
    bigint: "INTEGER",
    clustered: " WITHOUT ROWID",
  },
  postgres: {
    id: "SERIAL PRIMARY KEY",
    seq: "BIGSERIAL PRIMARY KEY",
    time: "TIMESTAMPTZ",
    day: "DATE",
    json: "JSONB",
    real: "DOUBLE PRECISION",
    bigint: "BIGINT",
    clustered: "",
  },
};

export const TYPE_NAMES = Object.keys(TYPES.sqlite);

/** The migration's SQL for one dialect; an unknown `{name}` is a mistake in the migration. */
export function renderSql(sql: string, dialect: Dialect): string {
  return sql.replace(/\s?\{(\w+)\}/g, (whole, name: string) => {
    const spelled = TYPES[dialect][name];
    if (spelled === undefined) throw new Error(`unknown column type {${name}} in a migration`);
    const space = whole.startsWith("{") ? "" : whole[0]!;
    return name === "clustered" ? spelled : `${space}${spelled}`;
  });
}
