import { UMBRELLA_COMMAND, type Invocation } from "../../src/command.ts";

/** The fields of a slash command payload we use (api.slack.com/interactivity/slash-commands). */
export interface SlashPayload {
  command: string;
  text?: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  team_id?: string;
}

/**
 * A Slack slash command as a neutral invocation. `/strikes next week` is the `strikes` command
 * with text "next week"; `/strikewatch feeds add <url>` is `feeds` with "add <url>". The umbrella
 * reaches every core command by its name (there is no list here to drift from the one list): a
 * name the bot does not know is answered by the dispatcher, and a bare /strikewatch is help.
 */
export function toInvocation(p: SlashPayload, roles: string[] = [], timeZone?: string): Invocation {
  let command = p.command.replace(/^\//, "").toLowerCase();
  let text = (p.text ?? "").trim();
  if (command === UMBRELLA_COMMAND) {
    const [sub = "", ...rest] = text.split(/\s+/);
    command = sub ? sub.replace(/^\//, "").toLowerCase() : "help";
    text = rest.join(" ");
  }
  return {
    command,
    text: fromSlackText(text),
    caller: { platform: "slack", id: p.user_id, name: p.user_name, roles },
    channel: { platform: "slack", id: p.channel_id, ...(timeZone ? { timeZone } : {}) },
  };
}

/**
 * What a person typed, from Slack's text: links and mentions arrive as <http://…|label> and
 * <@U…|name> (keep the link, the name), and the &, < and > they typed arrive HTML-escaped
 * (&amp; &lt; &gt;), which are undone once, after the markup is read, so "R&amp;D" is "R&D" and
 * a typed "&lt;!channel&gt;" is the text "<!channel>", never a mention.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<[@#!][^>|]*\|?([^>]*)>/g, "$1")
    .replace(/&(amp|lt|gt);/g, (_, e: string) => (e === "amp" ? "&" : e === "lt" ? "<" : ">"));
}
