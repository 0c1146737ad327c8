import type { NewSubscription } from "../../src/store/delivery-store.ts";

/** A weekday 08:00 London subscription; each test states only what it is about. */
export function subscription(
  over: Partial<NewSubscription> & Pick<NewSubscription, "platform" | "channelId">,
): NewSubscription {
  return {
    kind: "digest",
    atTime: "08:00",
    days: [1, 2, 3, 4, 5],
    timeZone: "Europe/London",
    filters: "",
    skipEmpty: false,
    createdBy: "test",
    createdAt: new Date("2023-01-12T10:00:00Z"),
    ...over,
  };
}
