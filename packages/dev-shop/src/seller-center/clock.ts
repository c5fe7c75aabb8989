import type { Hono } from "hono";
import { html } from "hono/html";
import type { Runtime } from "../platform/runtime.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, page } from "./layout.ts";

const PRESETS = [
  { seconds: 3600, label: "+1 hour" },
  { seconds: 86_400, label: "+1 day" },
  { seconds: 8 * 86_400, label: "+8 days" },
];

const UNITS: Record<string, number> = { minutes: 60, hours: 3600, days: 86_400 };

/** The dev shop's clock: current time and buttons to move it forward (tokens, retries and orders follow). */
export function clockRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  app.get("/clock", (c) => {
    const seller = c.get("seller");
    const now = runtime.clock.now();
    const advanced = c.req.query("advanced");
    const error = c.req.query("error");
    const body = html`<h1>Clock</h1>
      <div class="card">
        <dl class="facts">
          <dt>Dev shop time</dt><dd><strong>${formatTime(now)}</strong> <span class="muted mono">(${now})</span></dd>
          <dt>Ahead of real time by</dt><dd>${describe(runtime.clock.offsetSeconds)}</dd>
        </dl>
        <p class="muted">Moving the clock forward expires auth codes and tokens, runs webhook retries and expiry notices, and moves orders along.</p>
        <div class="actions">
          ${PRESETS.map(
            (p) => html`<form class="inline" method="post" action="/seller-center/clock">
              <input type="hidden" name="seconds" value="${p.seconds}"><button type="submit">${p.label}</button></form>`,
          )}
        </div>
      </div>
      <form class="card" method="post" action="/seller-center/clock">
        <h2>Custom</h2>
        <label for="amount">Amount</label>
        <input id="amount" name="amount" type="number" min="1" step="1" required>
        <label for="unit">Unit</label>
        <select id="unit" name="unit">${Object.keys(UNITS).map((u) => html`<option value="${u}">${u}</option>`)}</select>
        <div class="actions"><button class="primary" type="submit">Advance</button></div>
      </form>`;
    const flash = error
      ? { kind: "error" as const, text: "Enter a positive whole number." }
      : advanced
        ? { kind: "ok" as const, text: `The clock moved forward by ${describe(Number(advanced))}.` }
        : undefined;
    return c.html(page({ title: "Clock", seller, active: "clock", now, body, flash }));
  });

  app.post("/clock", async (c) => {
    const form = await c.req.parseBody();
    const seconds =
      typeof form.seconds === "string"
        ? Number(form.seconds)
        : Number(form.amount) * (UNITS[typeof form.unit === "string" ? form.unit : ""] ?? Number.NaN);
    if (!Number.isInteger(seconds) || seconds <= 0) return c.redirect("/seller-center/clock?error=1", 303);
    runtime.clock.advance(seconds);
    return c.redirect(`/seller-center/clock?advanced=${seconds}`, 303);
  });
}

function describe(seconds: number): string {
  if (seconds === 0) return "nothing";
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return (
    [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean).join(" ") ||
    `${seconds} s`
  );
}
