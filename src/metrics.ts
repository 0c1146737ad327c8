// What the bot counts (polls, facts read, messages sent, commands, errors), as a core module the
// composition root hands to each service. The web layer only shows it (GET /metrics); nothing in
// the core imports the web layer to count.

/** A counter with labels. */
export interface Counter {
  inc(labels: Record<string, string>, value?: number): void;
}

export interface Metrics {
  /** Feed polls by outcome. */
  readonly polls: Counter;
  /** Facts read from articles, by kind and fate. */
  readonly extracted: Counter;
  /** Broadcast messages by platform and outcome. */
  readonly deliveries: Counter;
  /** Commands by name and outcome (an error code, or "ok"). */
  readonly commands: Counter;
  /** Errors by component. */
  readonly errors: Counter;
  /** The Prometheus exposition of everything counted, for GET /metrics. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

const ignore: Counter = { inc: () => undefined };

/** For one-shot commands (`ask`, `ingest`, `tick`) whose counts nobody scrapes. */
export const noMetrics: Metrics = {
  polls: ignore,
  extracted: ignore,
  deliveries: ignore,
  commands: ignore,
  errors: ignore,
  exposition: () => Promise.resolve({ contentType: "text/plain; version=0.0.4", body: "" }),
};

/**
 * Prometheus counters and the process's default metrics, in a registry of their own (so two
 * bots in one test process do not share counts). prom-client loads only here: a one-shot
 * command that never serves /metrics does not pay for it.
 */
export async function createMetrics(): Promise<Metrics> {
  const { Counter: PromCounter, Registry, collectDefaultMetrics } = await import("prom-client");
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "strikewatch_" });
  const counter = (name: string, help: string, labelNames: string[]): Counter =>
    new PromCounter({ name, help, labelNames, registers: [registry] });
  return {
    polls: counter("strikewatch_feed_polls_total", "Feed polls by outcome", ["outcome"]),
    extracted: counter("strikewatch_extracted_facts_total", "Facts read from articles", [
      "kind",
      "fate",
    ]),
    deliveries: counter("strikewatch_deliveries_total", "Broadcast messages by outcome", [
      "platform",
      "outcome",
    ]),
    commands: counter("strikewatch_commands_total", "Commands by name and outcome", [
      "command",
      "outcome",
    ]),
    errors: counter("strikewatch_errors_total", "Errors by component", ["component"]),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
