import type { Clock } from "../../src/clock.ts";

/** A clock whose sleeps return at once and move time forward, recording each wait. */
export function fakeClock(start = Date.parse("2026-11-24T12:00:00Z")) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}
