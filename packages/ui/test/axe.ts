import axe from "axe-core";
import { expect } from "vitest";

/**
 * Runs axe-core on a rendered subtree and fails with a readable list of violations. Colour contrast
 * is off because jsdom computes no styles; contrast is designed into the theme tokens instead.
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  const report = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.html}`).join("\n")}`,
  );
  expect(report, report.join("\n\n")).toEqual([]);
}
