import { Counter, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics for GET /metrics: what the bot read, found, sent, and where it failed. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "strikewatch_" });

export const metrics = {
  polls: new Counter({
    name: "strikewatch_feed_polls_total",
    help: "Feed polls by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  }),
  extracted: new Counter({
    name: "strikewatch_extracted_facts_total",
    help: "Facts read from articles",
    labelNames: ["kind", "fate"],
    registers: [registry],
  }),
  deliveries: new Counter({
    name: "strikewatch_deliveries_total",
    help: "Broadcast messages by outcome",
    labelNames: ["platform", "outcome"],
    registers: [registry],
  }),
  commands: new Counter({
    name: "strikewatch_commands_total",
    help: "Commands by name and outcome",
    labelNames: ["command", "outcome"],
    registers: [registry],
  }),
  errors: new Counter({
    name: "strikewatch_errors_total",
    help: "Errors by component",
    labelNames: ["component"],
    registers: [registry],
  }),
};
