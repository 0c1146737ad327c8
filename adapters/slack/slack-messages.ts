import type { App } from "@slack/bolt";
import type { Invocation } from "../../src/command.ts";
import type { Logger } from "../../src/logger.ts";
import { readQuestion } from "../../src/question.ts";
import type { Reply } from "../../src/reply.ts";
import { renderSlack } from "./render.ts";
import { fromSlackError } from "./slack-errors.ts";
import { fromSlackText } from "./to-invocation.ts";

export interface MessageDeps {
  dispatch(inv: Invocation): Promise<Reply>;
  rolesOf(userId: string): Promise<string[]>;
  logger: Logger;
}

/** "<@U0BOT> who's striking tomorrow?" → "who's striking tomorrow?": the mentions at the start go. */
export function withoutLeadingMentions(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, "");
}

/**
 * Plain questions: "@strikewatch who's striking tomorrow in Wales?" in a channel (answered in
 * its thread) and anything said to the bot in a direct message, read as the same commands.
 */
export function registerMessages(app: App, deps: MessageDeps): void {
  const answer = async (opts: {
    text: string;
    user: string;
    channel: string;
    thread?: string;
    direct: boolean;
  }) => {
    const { command, text } = readQuestion(fromSlackText(withoutLeadingMentions(opts.text)));
    const reply = await deps.dispatch({
      command,
      text,
      caller: { platform: "slack", id: opts.user, roles: await deps.rolesOf(opts.user) },
      channel: { platform: "slack", id: opts.channel },
    });
    try {
      for (const m of renderSlack(reply)) {
        // In a channel, what only the asker should see (a refusal, a mistake) stays theirs.
        if (m.response_type === "ephemeral" && !opts.direct)
          await app.client.chat.postEphemeral({
            channel: opts.channel,
            user: opts.user,
            text: m.text,
            blocks: m.blocks as never,
          });
        else
          await app.client.chat.postMessage({
            channel: opts.channel,
            text: m.text,
            blocks: m.blocks as never,
            ...(opts.thread ? { thread_ts: opts.thread } : {}),
          });
      }
    } catch (e) {
      deps.logger.warn({ err: fromSlackError(e) }, "cannot answer a Slack message");
    }
  };

  app.event("app_mention", async ({ event }) => {
    if (!event.user || event.bot_id) return;
    await answer({
      text: event.text,
      user: event.user,
      channel: event.channel,
      thread: event.thread_ts ?? event.ts,
      direct: false,
    });
  });

  app.message(async ({ message }) => {
    const m = message as {
      subtype?: string;
      bot_id?: string;
      channel_type?: string;
      user?: string;
      text?: string;
      channel: string;
    };
    // Direct messages only: a mention in a channel arrives as app_mention as well.
    if (m.subtype || m.bot_id || m.channel_type !== "im" || !m.user || !m.text) return;
    await answer({ text: m.text, user: m.user, channel: m.channel, direct: true });
  });
}
