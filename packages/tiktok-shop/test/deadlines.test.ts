import { describe, expect, it } from "vitest";
import { unwatch, watch } from "../src/deadlines.ts";

describe("deadlines", () => {
  it("expires each watched attempt at its own deadline, in order, and never one that was unwatched", async () => {
    const started = performance.now();
    const expired: Array<[string, number]> = [];
    const expiring = (name: string) => ({ expire: () => expired.push([name, performance.now() - started]) });
    watch(expiring("slow"), 150);
    const early = watch(expiring("unwatched"), 30);
    watch(expiring("fast"), 50);
    watch(expiring("fast too"), 50);
    unwatch(early);
    unwatch(early);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(expired.map(([name]) => name)).toEqual(["fast", "fast too", "slow"]);
    const at = Object.fromEntries(expired);
    expect(at.fast).toBeGreaterThanOrEqual(49);
    expect(at.slow).toBeGreaterThanOrEqual(149);
  });

  it("keeps watching what is left after an expiry, and takes new deadlines earlier than the armed one", async () => {
    const expired: string[] = [];
    watch({ expire: () => expired.push("late") }, 120);
    await new Promise((resolve) => setTimeout(resolve, 10));
    watch({ expire: () => expired.push("early") }, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(expired).toEqual(["early"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(expired).toEqual(["early", "late"]);
  });
});
