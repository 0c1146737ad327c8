import type { AnyCommand } from "../src/command.ts";
import { disputes } from "./disputes.ts";
import { feeds } from "./feeds.ts";
import { help } from "./help.ts";
import { review } from "./review.ts";
import { stance } from "./stance.ts";
import { strike } from "./strike.ts";
import { strikes } from "./strikes.ts";
import { subscribe } from "./subscribe.ts";
import { subscriptions } from "./subscriptions.ts";
import { unsubscribe } from "./unsubscribe.ts";

/** Every slash command, in the order /help lists them. Add a new command here. */
export const commands: readonly AnyCommand[] = [
  strikes,
  strike,
  stance,
  disputes,
  subscribe,
  subscriptions,
  unsubscribe,
  feeds,
  review,
  help,
];
