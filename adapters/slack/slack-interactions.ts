import type { App } from "@slack/bolt";
import type { Invocation } from "../../src/command.ts";
import { splitCommandLine } from "../../src/dispatcher.ts";
import type { Logger } from "../../src/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { sourcesView } from "../../src/render/sources-view.ts";
import { ACTION_IDS, MENU_PREFIX, escapeSlack, renderSlack } from "./render.ts";
import { fromSlackError } from "./slack-errors.ts";

export interface InteractionDeps {
  dispatch(inv: Invocation): Promise<Reply>;
  rolesOf(userId: string): Promise<string[]>;
  logger: Logger;
}

/** What a modal carries between opening and submission (private_metadata holds 3,000 chars). */
interface ModalState {
  command: string;
  channel: string;
}

export const MODAL_CALLBACK = "strikewatch_run";
const COMMAND_BLOCK = "command";
const COMMAND_INPUT = "line";

const plain = (text: string, max: number) => ({
  type: "plain_text" as const,
  text: text.length <= max ? text : `${text.slice(0, max - 1)}…`,
  emoji: true,
});

/** A form to finish a command line (an edit): the line is there, ready to change. */
export function editModal(label: string, command: string, channel: string) {
  return {
    type: "modal" as const,
    callback_id: MODAL_CALLBACK,
    title: plain(label, 24),
    submit: plain("Run", 24),
    close: plain("Back", 24),
    private_metadata: JSON.stringify({ command: "", channel } satisfies ModalState),
    blocks: [
      {
        type: "input",
        block_id: COMMAND_BLOCK,
        label: plain("Command", 2000),
        element: {
          type: "plain_text_input",
          action_id: COMMAND_INPUT,
          initial_value: `${command} `,
          max_length: 2000,
        },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Change what needs changing; it runs as you typed it." },
        ],
      },
    ],
  };
}

/** "Are you sure?" for a change from a menu, which cannot carry Slack's own confirm dialog. */
export function confirmModal(label: string, command: string, channel: string) {
  return {
    type: "modal" as const,
    callback_id: MODAL_CALLBACK,
    title: plain(label, 24),
    submit: plain("Yes", 24),
    close: plain("No", 24),
    private_metadata: JSON.stringify({ command, channel } satisfies ModalState),
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `This runs \`${escapeSlack(command)}\` as you. Everyone who follows this strike is told.`,
        },
      },
    ],
  };
}

/**
 * Buttons, menus and forms: each runs a command line through the dispatcher as the person who
 * clicked, and the answer comes back where they clicked.
 */
export function registerInteractions(app: App, deps: InteractionDeps): void {
  const run = async (command: string, user: string, channel: string) => {
    const { command: name, text } = splitCommandLine(command);
    return deps.dispatch({
      command: name,
      text,
      caller: { platform: "slack", id: user, roles: await deps.rolesOf(user) },
      channel: { platform: "slack", id: channel },
    });
  };
  const channelOf = (body: unknown) =>
    (body as { channel?: { id: string } }).channel?.id ?? "unknown";

  app.action(new RegExp(`^${ACTION_IDS.command}_\\d+$`), async ({ ack, body, action, respond }) => {
    await ack();
    const value = (action as { value?: string }).value ?? "";
    const reply = await run(value, body.user.id, channelOf(body));
    for (const m of renderSlack(reply)) await respond({ ...m, replace_original: false });
  });

  // "Sources": every source behind the answer, to the clicker alone.
  app.action(new RegExp(`^${ACTION_IDS.sources}_\\d+$`), async ({ ack, body, action, respond }) => {
    await ack();
    const value = (action as { value?: string }).value ?? "";
    const reply = await run(value, body.user.id, channelOf(body));
    const view = reply.kind === "error" ? reply : sourcesView(reply);
    for (const m of renderSlack(view)) await respond({ ...m, replace_original: false });
  });

  // Link buttons open in the browser; Slack still tells the app, which must acknowledge.
  app.action(new RegExp(`^${ACTION_IDS.link}_\\d+$`), async ({ ack }) => {
    await ack();
  });

  const openModal = async (triggerId: string, view: object) => {
    try {
      await app.client.views.open({ trigger_id: triggerId, view: view as never });
    } catch (e) {
      deps.logger.warn({ err: fromSlackError(e) }, "cannot open a Slack modal");
    }
  };

  app.action(new RegExp(`^${ACTION_IDS.modal}_\\d+$`), async ({ ack, body, action }) => {
    await ack();
    const a = action as { value?: string; text?: { text: string } };
    const triggerId = (body as { trigger_id: string }).trigger_id;
    await openModal(triggerId, editModal(a.text?.text ?? "Edit", a.value ?? "", channelOf(body)));
  });

  app.action(ACTION_IDS.menu, async ({ ack, body, action, respond }) => {
    await ack();
    const option = (action as { selected_option?: { value: string; text: { text: string } } })
      .selected_option;
    if (!option) return;
    const channel = channelOf(body);
    const triggerId = (body as { trigger_id: string }).trigger_id;
    const { value, text } = option;
    const command = value.slice(2);
    if (value.startsWith(MENU_PREFIX.prefill))
      await openModal(triggerId, editModal(text.text, command, channel));
    else if (value.startsWith(MENU_PREFIX.confirm))
      await openModal(triggerId, confirmModal(text.text, command, channel));
    else {
      const reply = await run(command, body.user.id, channel);
      for (const m of renderSlack(reply)) await respond({ ...m, replace_original: false });
    }
  });

  app.view(MODAL_CALLBACK, async ({ ack, body, view, client }) => {
    let state: ModalState;
    try {
      state = JSON.parse(view.private_metadata) as ModalState;
    } catch {
      await ack();
      return;
    }
    const typed = view.state.values[COMMAND_BLOCK]?.[COMMAND_INPUT]?.value;
    const command = (typed ?? state.command).trim();
    const reply = await run(command, body.user.id, state.channel);
    if (reply.kind === "error" && typed !== undefined) {
      // A form keeps what was typed and says what is wrong, beside the field.
      await ack({
        response_action: "errors",
        errors: { [COMMAND_BLOCK]: [reply.text, reply.error?.hint].filter(Boolean).join(" ") },
      });
      return;
    }
    await ack();
    try {
      for (const m of renderSlack(reply)) {
        if (m.response_type === "ephemeral")
          await client.chat.postEphemeral({
            channel: state.channel,
            user: body.user.id,
            text: m.text,
            blocks: m.blocks as never,
          });
        else
          await client.chat.postMessage({
            channel: state.channel,
            text: m.text,
            blocks: m.blocks as never,
          });
      }
    } catch (e) {
      deps.logger.warn({ err: fromSlackError(e) }, "cannot post a form's answer");
    }
  });
}
