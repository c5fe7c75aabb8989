import { expect, type Page, test } from "@playwright/test";
import { control, watchForPageErrors } from "./dev-shop.ts";
import { disconnectAllIn } from "./install.ts";

export interface CleanTestOptions {
  /** The app under test, as Partner Center registers it (a reset keeps config apps only). */
  app: Record<string, unknown>;
  /** The app's origin: each test disconnects the seller's shops there, emptying the app. */
  url: string;
  /** Per-test timeout, for suites that install the app and wait for a full import. */
  timeoutMs?: number;
  /**
   * Console errors fail a test unless `"none"` are watched (axe runs) or `"4xx"` answers are
   * expected (refused actions answer 4xx, which the browser logs as failed resources).
   */
  consoleErrors?: "fail" | "allow-4xx" | "none";
  /** Clean-up that must come before the disconnect (e.g. removing injected faults). */
  before?: () => Promise<unknown>;
}

/**
 * The hooks of every app spec, registered in the calling file: each test starts from a freshly
 * reset dev shop with the app registered, and ends with the seller's shops disconnected (the dev
 * shop's reset brings back the same ids, so an app left full could show a stale copy to the next
 * test) and, unless told otherwise, no console errors on the page.
 */
export function eachTestStartsClean(options: CleanTestOptions): ConsoleErrors {
  let errors: string[] = [];
  test.beforeEach(async ({ page }) => {
    if (options.timeoutMs) test.setTimeout(options.timeoutMs);
    await control.reset();
    await control.registerApp(options.app);
    errors = options.consoleErrors === "none" ? [] : watchForPageErrors(page);
  });
  test.afterEach(async ({ page }: { page: Page }) => {
    await options.before?.();
    await disconnectAllIn(page, options.url);
    const unexpected =
      options.consoleErrors === "allow-4xx" ? errors.filter((e) => !/status of 4\d\d/.test(e)) : errors;
    expect(unexpected, "console errors on the page").toEqual([]);
  });
  return {
    forgive(pattern) {
      errors = errors.filter((e) => !pattern.test(e));
    },
  };
}

export interface ConsoleErrors {
  /** Drops the console errors logged so far that match: a refusal the test just provoked on purpose. */
  forgive(pattern: RegExp): void;
}
