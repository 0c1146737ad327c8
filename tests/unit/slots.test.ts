import { describe, expect, it } from "vitest";
import { digestSlot, reminderSlots } from "../../src/delivery/slots.ts";
import type { Subscription } from "../../src/store/delivery-store.ts";

const sub = (over: Partial<Subscription> = {}): Subscription => ({
  id: 1,
  platform: "slack",
  channelId: "C1",
  kind: "digest",
  atTime: "07:30",
  days: [1, 2, 3, 4, 5],
  timeZone: "Europe/London",
  filters: "",
  skipEmpty: false,
  createdBy: "slack:U1",
  createdAt: new Date("2023-01-01T00:00:00Z"),
  lastEventSeq: 0,
  deadReason: null,
  ...over,
});
const at = (iso: string) => digestSlot(sub(), new Date(iso));

describe("digest slots keep local time across DST changes", () => {
  it.each([
    // Friday 24 March 2023, GMT: 07:30 local is 07:30 UTC.
    ["2023-03-24T07:29:00Z", undefined],
    ["2023-03-24T07:30:00Z", "digest:2023-03-24"],
    // Monday 27 March 2023, BST (clocks went forward on the 26th): 07:30 local is 06:30 UTC.
    ["2023-03-27T06:29:00Z", undefined],
    ["2023-03-27T06:30:00Z", "digest:2023-03-27"],
    // Friday 27 October 2023, still BST; Monday 30 October, GMT again.
    ["2023-10-27T06:30:00Z", "digest:2023-10-27"],
    ["2023-10-30T07:29:00Z", undefined],
    ["2023-10-30T07:30:00Z", "digest:2023-10-30"],
  ])("at %s", (now, key) => {
    expect(at(now)?.key).toBe(key);
  });

  it("skips weekends for a weekday digest", () => {
    expect(at("2023-03-25T09:00:00Z")).toBeUndefined();
  });

  it("catches up a missed slot before midday, and skips it after", () => {
    expect(at("2023-03-24T11:59:00Z")?.state).toBe("due");
    expect(at("2023-03-24T12:30:00Z")?.state).toBe("skip");
  });

  it("does not owe a digest for a slot before the subscription existed", () => {
    expect(
      digestSlot(
        sub({ createdAt: new Date("2023-03-24T08:00:00Z") }),
        new Date("2023-03-24T09:00:00Z"),
      ),
    ).toBeUndefined();
  });
});

describe("reminder slots", () => {
  const reminders = sub({ kind: "reminders", atTime: "17:00", days: [1, 2, 3, 4, 5, 6, 7] });
  it("reminds the evening before and on the morning itself", () => {
    expect(reminderSlots(reminders, ["2023-01-19"], new Date("2023-01-18T16:59:00Z"))).toEqual([]);
    expect(
      reminderSlots(reminders, ["2023-01-19"], new Date("2023-01-18T17:00:00Z")).map((s) => s.key),
    ).toEqual(["reminder:2023-01-19:eve"]);
    expect(
      reminderSlots(reminders, ["2023-01-19"], new Date("2023-01-19T07:05:00Z")).map((s) => s.key),
    ).toEqual(["reminder:2023-01-19:morning"]);
  });
  it("sends nothing for a strike already under way past midday", () => {
    expect(reminderSlots(reminders, ["2023-01-19"], new Date("2023-01-19T13:00:00Z"))).toEqual([]);
  });
});
