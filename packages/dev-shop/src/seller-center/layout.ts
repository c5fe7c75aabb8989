import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Seller } from "../state/platform.ts";

/**
 * The one layout every Seller Center and consent page renders into: server-side HTML with the
 * CSS inline, no client script, landmarks and labels for assistive technology.
 */

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const NAV = [
  { id: "shops", href: "/seller-center/shops", label: "Shops" },
  { id: "orders", href: "/seller-center/orders", label: "Orders" },
  { id: "finance", href: "/seller-center/finance", label: "Finance" },
  { id: "app-store", href: "/seller-center/app-store", label: "App Store" },
  { id: "my-apps", href: "/seller-center/my-apps", label: "My apps" },
  { id: "webhooks", href: "/seller-center/webhooks", label: "Webhook log" },
  { id: "buyer", href: "/seller-center/buyer", label: "Buyer simulation" },
  { id: "clock", href: "/seller-center/clock", label: "Clock" },
] as const;

export type NavId = (typeof NAV)[number]["id"];

const CSS = `
:root { color-scheme: light; --ink: #161823; --muted: #5c5f6b; --line: #e3e4e8; --bg: #f6f7f9;
  --brand: #fe2c55; --brand-dark: #d61f45; --accent: #25f4ee; --ok: #137a3a; --warn: #9a6700; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: #0b57d0; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header.top { display: flex; align-items: center; gap: 1rem; padding: .75rem 1.5rem; background: var(--ink); color: #fff; }
header.top .brand { font-weight: 700; letter-spacing: .02em; color: #fff; text-decoration: none; }
header.top .brand span { color: var(--accent); }
header.top .who { margin-left: auto; display: flex; gap: 1rem; align-items: center; font-size: .9rem; }
header.top .time { font-variant-numeric: tabular-nums; opacity: .85; }
header.top button { background: transparent; color: #fff; border: 1px solid #ffffff66; }
.layout { display: grid; grid-template-columns: 13rem 1fr; min-height: calc(100vh - 3.2rem); }
nav.side { background: #fff; border-right: 1px solid var(--line); padding: 1rem .5rem; }
nav.side ul { list-style: none; margin: 0; padding: 0; }
nav.side a { display: block; padding: .45rem .75rem; border-radius: 6px; color: var(--ink); text-decoration: none; }
nav.side a:hover { background: var(--bg); }
nav.side a[aria-current="page"] { background: #fff0f3; color: var(--brand-dark); font-weight: 600; }
main { padding: 1.5rem 2rem; max-width: 72rem; }
main.narrow { margin: 2rem auto; max-width: 34rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin-bottom: 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: .55rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #fafafb; font-size: .85rem; color: var(--muted); font-weight: 600; }
tr:last-child td { border-bottom: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
.muted { color: var(--muted); }
.tag { display: inline-block; padding: .05rem .5rem; border-radius: 99px; background: var(--bg); border: 1px solid var(--line); font-size: .8rem; margin: 0 .25rem .25rem 0; }
.status-delivered, .status-active { color: var(--ok); font-weight: 600; }
.status-pending { color: var(--warn); font-weight: 600; }
.status-dropped, .status-revoked, .status-expired { color: var(--bad); font-weight: 600; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
label.check { display: flex; gap: .5rem; align-items: center; font-weight: 400; margin: .35rem 0; }
input[type=text], input[type=email], input[type=password], input[type=number], select {
  width: 100%; padding: .5rem .65rem; border: 1px solid #c9cbd2; border-radius: 6px; font: inherit; background: #fff; }
button, .button { display: inline-block; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #c9cbd2; background: #fff;
  color: var(--ink); font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
button.primary, .button.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
button.primary:hover, .button.primary:hover { background: var(--brand-dark); }
button.danger { color: var(--bad); border-color: #f1b7b2; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; margin-top: 1rem; }
.flash { padding: .75rem 1rem; border-radius: 8px; margin-bottom: 1rem; background: #e8f5ec; border: 1px solid #b7dfc3; }
.flash.error { background: #fdecea; border-color: #f1b7b2; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
`;

export function formatTime(seconds: number | null): string {
  if (seconds === null) return "—";
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export interface PageInput {
  title: string;
  /** Null on pages shown before login. */
  seller: Seller | null;
  active?: NavId;
  now: number;
  body: Html;
  flash?: { kind: "ok" | "error"; text: string } | undefined;
  /** A centred page without the navigation (login, consent). */
  narrow?: boolean;
}

export function page(input: PageInput): Html {
  const flash = input.flash
    ? html`<div class="flash ${input.flash.kind === "error" ? "error" : ""}" role="${input.flash.kind === "error" ? "alert" : "status"}">${input.flash.text}</div>`
    : "";
  const header = html`<header class="top">
    <a class="brand" href="/seller-center">TikTok Shop <span>Seller Center</span> · dev shop</a>
    <div class="who">
      <span class="time" title="The dev shop's clock">${formatTime(input.now)}</span>
      ${
        input.seller
          ? html`<span>${input.seller.name} (${input.seller.email})</span>
            <form class="inline" method="post" action="/seller-center/logout"><button type="submit">Log out</button></form>`
          : ""
      }
    </div>
  </header>`;
  const content =
    input.narrow || !input.seller
      ? html`<main id="main" class="narrow">${flash}${input.body}</main>`
      : html`<div class="layout">
          <nav class="side" aria-label="Seller Center">
            <ul>
              ${NAV.map(
                (item) =>
                  html`<li><a href="${item.href}" ${raw(input.active === item.id ? 'aria-current="page"' : "")}>${item.label}</a></li>`,
              )}
            </ul>
          </nav>
          <main id="main">${flash}${input.body}</main>
        </div>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Dev shop Seller Center</title>
<link rel="icon" href="data:,">
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header}
${content}
</body>
</html>`;
}
