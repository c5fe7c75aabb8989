import { createHash } from "node:crypto";
import { Hono } from "hono";
import { renderLabelPdf } from "../domains.ts";
import type { Runtime } from "./runtime.ts";

/**
 * Files the Open API links to: shipping labels (TikTok serves `doc_url` without authentication,
 * valid for 24 hours) and product images (TikTok's CDN). Labels are rendered from the current
 * state on each request; images are generated placeholders, one colour per SKU or product.
 */
export function staticRoutes(runtime: Runtime): Hono {
  const routes = new Hono();

  routes.get("/labels/:file{[0-9]+\\.pdf}", (c) => {
    const packageId = c.req.param("file").replace(/\.pdf$/, "");
    const pdf = renderLabelPdf(runtime.store, packageId, {
      documentType: c.req.query("document_type") ?? "SHIPPING_LABEL",
      documentSize: c.req.query("document_size") ?? "A6",
    });
    if (!pdf) return c.text("No such label", 404);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${packageId}.pdf"`,
      "cache-control": "no-store",
    });
  });

  routes.get("/products/:file{[0-9]+\\.svg}", (c) => {
    const id = c.req.param("file").replace(/\.svg$/, "");
    const hue = createHash("sha256").update(id).digest()[0]! * (360 / 256);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="Product ${id}"><rect width="400" height="400" fill="hsl(${hue.toFixed(0)} 55% 82%)"/><rect x="120" y="110" width="160" height="180" rx="18" fill="hsl(${hue.toFixed(0)} 45% 45%)"/><text x="200" y="350" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">${id.slice(-6)}</text></svg>`;
    return c.body(svg, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
  });

  return routes;
}
