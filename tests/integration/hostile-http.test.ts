import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, sendSlashCommand } from "../helpers/fake-slack.ts";
import { MALFORMED_REQUESTS, rawRequest, statusOf } from "../helpers/raw-http.ts";
import { startService, type Service } from "../helpers/service.ts";

/*
 * One unauthenticated request used to kill the bot (`GET //[` threw out of the request
 * listener). Each malformed request must get an answer in the 4xx range (or the connection
 * closed), never a crash, on the bot's own server and on Bolt's receiver in Slack HTTP mode.
 */
const slack = new FakeSlack();
const services: Record<string, Service> = {};

beforeAll(async () => {
  const apiUrl = await slack.start();
  [services.own, services.bolt] = await Promise.all([
    startService(),
    startService({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "s3cret",
      SLACK_API_URL: apiUrl,
      SLACK_APP_TOKEN: "",
    }),
  ]);
}, 40_000);
afterAll(async () => {
  for (const s of Object.values(services)) await s.stop();
  await slack.stop();
});

describe.each(["own", "bolt"])("the %s HTTP server under malformed requests", (which) => {
  it.each(MALFORMED_REQUESTS)("$name gets a 4xx, and /healthz still answers", async ({ bytes }) => {
    const service = services[which]!;
    const status = statusOf(await rawRequest(service.port, bytes));
    // No answer at all is acceptable only as a closed connection; a 5xx is a handler failing.
    if (status !== null) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(service.alive(), service.stderr()).toBe(true);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });
});

it("Slack HTTP mode still answers a signed slash command after the attack", async () => {
  const r = await sendSlashCommand(services.bolt!.url, "s3cret", {
    command: "/strikes",
    text: "RNC",
    user_id: "U1",
    channel_id: "C1",
    response_url: `${slack.url}/response/1`,
  });
  expect(r.status).toBe(200);
  expect(r.body).toContain("Did you mean RCN");
  expect(services.bolt!.alive()).toBe(true);
});
