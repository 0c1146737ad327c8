/**
 * When a feed is next due: never faster than the configured interval, the feed's <ttl> or
 * its Cache-Control; spread by jitter so feeds do not fire together; backing off
 * exponentially after failures (and never sooner than a Retry-After); paused after too many
 * failures in a row, until staff resume it.
 */
export interface ScheduleConfig {
  intervalS: number;
  maxBackoffS: number;
  pauseAfterFailures: number;
  jitter: number;
}

export const DEFAULT_SCHEDULE: ScheduleConfig = {
  intervalS: 600,
  maxBackoffS: 6 * 3600,
  pauseAfterFailures: 5,
  jitter: 0.1,
};

export interface Outcome {
  ok: boolean;
  /** Seconds the feed asks us to wait at least (ttl, max-age). */
  minIntervalS: number;
  retryAfterS?: number | null;
}

export function nextPoll(
  now: Date,
  failuresBefore: number,
  outcome: Outcome,
  config: ScheduleConfig = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
): { nextPollAt: Date; failures: number; paused: boolean } {
  const base = Math.max(config.intervalS, outcome.minIntervalS);
  const spread = 1 + (random() * 2 - 1) * config.jitter;
  if (outcome.ok) {
    return {
      nextPollAt: new Date(now.getTime() + base * spread * 1000),
      failures: 0,
      paused: false,
    };
  }
  const failures = failuresBefore + 1;
  const backoff = Math.min(config.maxBackoffS, base * 2 ** (failures - 1));
  const wait = Math.max(backoff * spread, outcome.retryAfterS ?? 0);
  return {
    nextPollAt: new Date(now.getTime() + wait * 1000),
    failures,
    paused: failures >= config.pauseAfterFailures,
  };
}
