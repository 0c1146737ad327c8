import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Adapter } from "../../src/adapter.ts";
import type { Caller, Channel, Invocation } from "../../src/command.ts";
import type { Reply } from "../../src/reply.ts";
import { splitCommandLine } from "../../src/dispatcher.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";

export interface ConsoleAdapterOptions {
  dispatch(inv: Invocation): Promise<Reply>;
  input: Readable;
  output: Writable;
  /** Show a "> " prompt (interactive terminals only; piped input gets bare answers). */
  prompt: boolean;
}

const OPERATOR: Caller = {
  platform: "console",
  id: "operator",
  name: "the operator",
  isOperator: true,
};
const TERMINAL: Channel = { platform: "console", id: "terminal" };

/**
 * The bot in a terminal: each line is a slash command, each answer is plain text. Used
 * whenever no Slack or Discord token is configured, and for trying the bot out.
 */
export class ConsoleAdapter implements Adapter {
  readonly name = "console";
  private finished: Promise<void> | undefined;
  private rl: ReturnType<typeof createInterface> | undefined;

  constructor(private readonly opts: ConsoleAdapterOptions) {}

  start(): Promise<void> {
    const rl = createInterface({
      input: this.opts.input,
      output: this.opts.output,
      terminal: false,
    });
    this.rl = rl;
    const write = (text: string) => this.opts.output.write(text);
    if (this.opts.prompt) write("strikewatch — type /help, or exit to leave.\n> ");
    this.finished = (async () => {
      for await (const line of rl) {
        const trimmed = line.trim();
        if (trimmed === "exit" || trimmed === "quit") break;
        if (trimmed !== "") {
          const { command, text } = splitCommandLine(trimmed);
          const reply = await this.opts.dispatch({
            command,
            text,
            caller: OPERATOR,
            channel: TERMINAL,
          });
          write(`${renderPlainText(reply)}\n`);
        }
        if (this.opts.prompt) write("> ");
      }
      rl.close();
    })();
    return Promise.resolve();
  }

  /** Resolves when the person leaves (exit, quit, end of input). */
  done(): Promise<void> {
    return this.finished ?? Promise.resolve();
  }

  stop(): Promise<void> {
    this.rl?.close();
    return this.done();
  }
}
