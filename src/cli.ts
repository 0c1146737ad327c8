// The `strikewatch` command: operators' and tests' way in. It is a composition root too.
import { existsSync, readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { IANAZone } from "luxon";
import { fixedClock, systemClock, type Clock } from "./clock.ts";
import { loadConfig, type Config } from "./config.ts";
import { splitCommandLine } from "./dispatcher.ts";
import { isStrikewatchError, StrikewatchError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { createApp, runBot, tickOnce, type App } from "./main.ts";
import { ingestSource } from "./ingest/ingest-source.ts";
import { renderPlainText } from "./render/plain-text.ts";
import type { Caller } from "./command.ts";
import { Unions } from "./domain/unions.ts";
import { createExtractor } from "./ingest/extract/extract-article.ts";
import { extractJsonLines, readStream } from "./ingest/extract/jsonl.ts";

/**
 * Exit statuses: 0 answered, 1 the command was refused or failed (the user's to fix), 2 bad CLI
 * usage, 3 cannot run (the configuration, the store or the platform: the operator's to fix).
 */
const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

function parseNow(value: string): Clock {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError(
      `"${value}" is not an ISO date-time such as 2023-01-12T10:00:00Z.`,
    );
  }
  return fixedClock(d);
}

function parseZone(value: string): string {
  if (!IANAZone.isValidZone(value))
    throw new InvalidArgumentError(`"${value}" is not a time zone such as Europe/London.`);
  return value;
}

function parseChannel(value: string): { platform: string; id: string } {
  const m = /^([a-z]+):(.+)$/.exec(value);
  if (!m)
    throw new InvalidArgumentError(`"${value}" should look like slack:C0123 or discord:123456.`);
  return { platform: m[1]!, id: m[2]! };
}

async function withApp<T>(
  program: Command,
  clock: Clock,
  fn: (app: App, config: Config) => Promise<T>,
): Promise<T> {
  const globals = program.opts<{ db?: string }>();
  const env = { ...process.env, ...(globals.db ? { DATABASE_URL: globals.db } : {}) };
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel ?? "warn");
  const app = await createApp({ config, clock, logger });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

export function buildProgram(): Command {
  const program = new Command("strikewatch")
    .description(
      "Which unions are striking when: a Slack and Discord bot, and its operator's tool.",
    )
    .option(
      "--db <path-or-url>",
      "SQLite file or postgres:// URL (default: DATABASE_URL or ./data/strikewatch.db)",
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command("run")
    .description("start the bot (Slack/Discord when configured, else the console)")
    .option("--console", "use the console even when chat tokens are configured")
    .action(async (o: { console?: boolean }) => {
      const globals = program.opts<{ db?: string }>();
      const env = { ...process.env, ...(globals.db ? { DATABASE_URL: globals.db } : {}) };
      const config = loadConfig(env);
      const logger = createLogger(config.logLevel ?? (process.stdin.isTTY ? "error" : "info"));
      const app = await createApp({
        config,
        clock: systemClock,
        logger,
        metrics: await createMetrics(),
      });
      const stopped = new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await runBot(app, {
        forceConsole: Boolean(o.console),
        stdin: process.stdin,
        stdout: process.stdout,
        stopped,
      });
      await app.close();
    });

  program
    .command("ask")
    .description('run one chat command, e.g. strikewatch ask "/strikes next week"')
    .argument("<command>", "the slash command line")
    .option("--now <iso>", "fix the clock (e.g. 2023-01-12T10:00:00Z)", parseNow)
    .option("--tz <zone>", "the channel's time zone", parseZone)
    .option(
      "--as <user>",
      "ask as this user id (not the operator): staff only if listed in STAFF_USERS",
    )
    .option("--channel <platform:id>", "the channel asked in, e.g. slack:C0123", parseChannel)
    .option("--json", "print the neutral reply as JSON")
    .action(
      async (
        line: string,
        o: {
          now?: Clock;
          tz?: string;
          as?: string;
          channel?: { platform: string; id: string };
          json?: boolean;
        },
      ) => {
        const clock = o.now ?? systemClock;
        const reply = await withApp(program, clock, (app) => {
          const channel = {
            ...(o.channel ?? { platform: "console", id: "terminal" }),
            timeZone: o.tz,
          };
          const caller: Caller = o.as
            ? { platform: channel.platform, id: o.as, name: o.as }
            : { platform: "console", id: "operator", name: "the operator", isOperator: true };
          const { command, text } = splitCommandLine(line);
          return app.dispatcher.dispatch({ command, text, caller, channel });
        });
        process.stdout.write(
          o.json ? `${JSON.stringify(reply, null, 2)}\n` : `${renderPlainText(reply)}\n`,
        );
        process.exitCode = reply.kind === "error" ? EXIT.refused : EXIT.ok;
      },
    );

  program
    .command("ingest")
    .description(
      "one polling pass over feed URLs, feed files or article files; prints what changed",
    )
    .argument("<sources...>", "feed URLs (http/https), RSS/Atom files, or plain-text article files")
    .option("--now <iso>", "fix the clock (e.g. 2023-01-12T10:00:00Z)", parseNow)
    .action(async (sources: string[], o: { now?: Clock }) => {
      const clock = o.now ?? systemClock;
      const failed = await withApp(program, clock, async (app) => {
        let failures = 0;
        for (const source of sources) {
          const report = await ingestSource(app, source);
          process.stdout.write(`${report.join("\n")}\n`);
          if (report.some((l) => l.startsWith("Failed"))) failures++;
        }
        return failures;
      });
      process.exitCode = failed ? EXIT.refused : EXIT.ok;
    });

  program
    .command("tick")
    .description("send everything due at this instant (digests, reminders, alerts) once, and exit")
    .option("--now <iso>", "fix the clock (e.g. 2023-01-16T08:00:00Z)", parseNow)
    .action(async (o: { now?: Clock }) => {
      const report = await withApp(program, o.now ?? systemClock, (app) => tickOnce(app));
      process.stdout.write(
        `Queued ${report.enqueued}, sent ${report.sent}, retrying ${report.retried}, dead ${report.dead}, skipped ${report.skipped}, already delivered ${report.reconciled}.\n`,
      );
      process.exitCode = report.dead > 0 ? EXIT.refused : EXIT.ok;
    });

  program
    .command("extract")
    .description("print the strikes and stances found in one article (or --jsonl: many) as JSON")
    .argument("[file]", "article text file, or - for stdin", "-")
    .option(
      "--published <date>",
      "publication date (YYYY-MM-DD) that relative dates are read against",
    )
    .option("--title <title>", "the article's headline", "")
    .option(
      "--jsonl",
      'batch: lines of {"id","published","title","text"} on stdin, one result line each',
    )
    .action(async (file: string, o: { published?: string; title: string; jsonl?: boolean }) => {
      const config = loadConfig(process.env);
      const extract = createExtractor(new Unions(config.extraUnions));
      if (o.jsonl) {
        await extractJsonLines(extract, process.stdin, process.stdout);
        return;
      }
      // Bad input is one line and a non-zero exit, never a stack trace or a silent guess.
      if (o.published !== undefined && !isCalendarDay(o.published)) {
        throw new StrikewatchError(
          "bad_date",
          `--published "${o.published}" is not a date: give it as YYYY-MM-DD, e.g. 2023-01-12.`,
        );
      }
      const text = file === "-" ? await readStream(process.stdin) : readArticleFile(file);
      const published = o.published ?? new Date().toISOString().slice(0, 10);
      process.stdout.write(
        `${JSON.stringify(extract({ title: o.title, text, published }), null, 2)}\n`,
      );
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (
      code === "commander.helpDisplayed" ||
      code === "commander.version" ||
      code === "commander.help"
    )
      return EXIT.ok;
    if (typeof code === "string" && code.startsWith("commander.")) return EXIT.usage;
    if (isStrikewatchError(e)) {
      process.stderr.write(`${e.message}\n${e.hint ? `${e.hint}\n` : ""}`);
      // The person asked for something wrong: refused. Anyone else must act: cannot run.
      return e.kind === "user" ? EXIT.refused : EXIT.unavailable;
    }
    process.stderr.write(
      `strikewatch: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT.unavailable;
  }
}

function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function readArticleFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    throw new StrikewatchError("not_found", `Cannot read ${file}: ${why}.`);
  }
}
