// @vitest-environment node
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "@tailwindcss/node";
import { Scanner } from "@tailwindcss/oxide";
import { describe, expect, test } from "vitest";

const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

/** Builds src/styles.css the way @tailwindcss/vite does for an app: compile, scan @source, build. */
async function buildKitCss(): Promise<string> {
  const entry = join(srcDir, "styles.css");
  const compiler = await compile(readFileSync(entry, "utf8"), {
    base: srcDir,
    from: entry,
    onDependency: () => {},
  });
  const scanner = new Scanner({ sources: compiler.sources });
  return compiler.build(scanner.scan());
}

describe("styles.css", () => {
  test("an app importing the kit's CSS gets the classes its components use", async () => {
    const css = await buildKitCss();
    // Theme colour utilities resolve to the switchable variables.
    expect(css).toMatch(/\.bg-surface\s*\{\s*background-color: var\(--kit-surface\)/);
    expect(css).toContain(".text-fg-muted");
    expect(css).toContain(".bg-critical-solid");
    // Classes from several components, including React Aria state variants.
    for (const cls of ["table-fixed", "sticky", "sr-only", "tabular-nums", "min-w-\\(--trigger-width\\)"]) {
      expect(css, cls).toContain(`.${cls}`);
    }
    expect(css).toContain(".motion-safe\\:animate-kit-toast-in");
    expect(css).toContain("@keyframes kit-toast-in");
    expect(css).toMatch(/data-focus-visible\\:outline-focus/);
    expect(css).toMatch(/\[data-selected\]/);
  }, 30_000);

  test("light and dark themes: media query and data-theme override", async () => {
    const css = await buildKitCss();
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)\s*\{\s*:root:not\(\[data-theme="light"\]\)/);
    expect(css).toMatch(/\[data-theme="dark"\]\s*\{\s*color-scheme: dark;/);
    // Every variable the light theme defines is redefined by the dark theme.
    const light = css.slice(
      css.indexOf(':root, [data-theme="light"]'),
      css.indexOf("@media (prefers-color-scheme: dark)"),
    );
    const dark = css.slice(css.indexOf('[data-theme="dark"] {'));
    const names = (block: string) => new Set([...block.matchAll(/(--kit-[a-z0-9-]+):/g)].map((m) => m[1]));
    const missing = [...names(light)].filter((n) => n !== "--kit-font-sans" && !names(dark).has(n));
    expect(missing).toEqual([]);
  }, 30_000);
});
