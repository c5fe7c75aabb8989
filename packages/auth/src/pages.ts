import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Outcomes of the install flow that the seller sees in the browser: a small self-contained page,
 * or JSON for clients that ask for it. Neither ever contains a code, state or token.
 */
export interface Outcome {
  status: ContentfulStatusCode;
  /** Machine-readable reason, e.g. `state_expired`. */
  error: string;
  title: string;
  message: string;
  action?: { href: string; label: string };
}

export function wantsJson(c: Context): boolean {
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export async function respondOutcome(c: Context, outcome: Outcome): Promise<Response> {
  noStore(c);
  if (wantsJson(c)) {
    return c.json(
      {
        error: outcome.error,
        message: outcome.message,
        ...(outcome.action ? { retryUrl: outcome.action.href } : {}),
      },
      outcome.status,
    );
  }
  const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${outcome.title}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f6f7; color: #1f2124; }
      main { max-width: 28rem; margin: 1rem; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
      h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
      a.button { display: inline-block; margin-top: 1rem; padding: 0.5rem 1rem; border-radius: 8px; background: #111; color: #fff; text-decoration: none; }
      a.button:focus-visible { outline: 3px solid #4c9ffe; outline-offset: 2px; }
    </style>
  </head>
  <body>
    <main role="${outcome.status >= 400 ? "alert" : "status"}" data-outcome="${outcome.error}">
      <h1>${outcome.title}</h1>
      <p>${outcome.message}</p>
      ${outcome.action ? html`<a class="button" href="${outcome.action.href}">${outcome.action.label}</a>` : ""}
    </main>
  </body>
</html>`;
  return c.html(page, outcome.status);
}

/** Install responses carry one-time values in their URLs: never cache them, never leak them as a referrer. */
export function noStore(c: Context): void {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
}
