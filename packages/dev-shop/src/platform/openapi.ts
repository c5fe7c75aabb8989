import { type AnyEndpoint, allEndpoints } from "@tts-kit/tiktok-shop/contract";
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { z } from "zod";

/**
 * An OpenAPI 3.1 document of every endpoint in the shared contract, generated from the same zod
 * schemas the client validates with, and a browsable reference page. Each operation says whether
 * the dev shop emulates it (`x-emulated`), so gaps are visible rather than discovered.
 */

type JsonSchema = Record<string, unknown>;

// File fields of uploads are Blobs, which JSON Schema cannot describe; they become binary strings.
const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (ctx) => {
      if (ctx.zodSchema instanceof z.ZodCustom) {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "binary";
      }
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
};

const envelope = (data: JsonSchema): JsonSchema => ({
  type: "object",
  required: ["code", "message", "request_id", "data"],
  properties: {
    code: { type: "integer", description: "0 on success" },
    data,
    message: { type: "string", example: "Success" },
    request_id: {
      type: "string",
      description: "YYYYMMDDHHMMSS (UTC+8) followed by 20 upper-case hex digits",
    },
  },
});

const errorResponse = {
  description: "A TikTok Shop error: non-zero `code`, a message, `data: null`.",
  content: { "application/json": { schema: envelope({ type: "null" }) } },
};

const commonQuery = [
  { name: "app_key", in: "query", required: true, schema: { type: "string" } },
  {
    name: "timestamp",
    in: "query",
    required: true,
    schema: { type: "integer" },
    description: "Unix seconds; from 5 minutes before to 30 seconds after the server's time",
  },
  {
    name: "sign",
    in: "query",
    required: true,
    schema: { type: "string", pattern: "^[0-9a-f]{64}$" },
    description: "HMAC-SHA256 of secret + path + sorted query + body + secret, lower-case hex",
  },
];

function parameters(endpoint: AnyEndpoint): unknown[] {
  const list: unknown[] = [...commonQuery];
  if (endpoint.cipher !== "refused") {
    list.push({
      name: "shop_cipher",
      in: "query",
      required: endpoint.cipher === "required",
      schema: { type: "string" },
    });
  }
  for (const [location, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    const json = toSchema(schema, "input");
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      list.push({
        name,
        in: location,
        required: location === "path" || required.has(name),
        schema: property,
      });
    }
  }
  list.push({
    name: "x-tts-access-token",
    in: "header",
    required: true,
    schema: { type: "string" },
    description: "The seller's access token (never signed)",
  });
  return list;
}

function operation(domain: string, endpoint: AnyEndpoint, emulated: boolean): JsonSchema {
  const op: JsonSchema = {
    operationId: `${domain}.${endpoint.name}`,
    summary: endpoint.summary,
    tags: [domain],
    parameters: parameters(endpoint),
    responses: {
      "200": {
        description: "Success (code 0); batch calls may carry per-item `errors[]`.",
        content: { "application/json": { schema: envelope(toSchema(endpoint.response, "output")) } },
      },
      "400": errorResponse,
      "401": errorResponse,
      "404": errorResponse,
      "429": errorResponse,
      "5XX": errorResponse,
    },
    "x-shop-cipher": endpoint.cipher,
    "x-scope": endpoint.scope,
    "x-safety": endpoint.safety,
    "x-emulated": emulated,
  };
  const body = toSchema(endpoint.body, "input");
  const hasBody = Object.keys((body.properties ?? {}) as object).length > 0;
  if (hasBody) {
    op.requestBody = {
      required: true,
      content: { [endpoint.multipart ? "multipart/form-data" : "application/json"]: { schema: body } },
    };
  }
  return op;
}

export function openApiDocument(isEmulated: (endpoint: AnyEndpoint) => boolean): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { domain, endpoint } of allEndpoints) {
    const item = paths[endpoint.path] ?? {};
    paths[endpoint.path] = item;
    item[endpoint.method.toLowerCase()] = operation(domain, endpoint, isEmulated(endpoint));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TikTok Shop Open API (development shop)",
      version: "1",
      description:
        "Every endpoint of the shared contract. `x-emulated` tells whether the development shop implements it; the others answer HTTP 501 with code 36009003.",
    },
    servers: [{ url: "/" }],
    paths,
  };
}

/** `/openapi.json` and the `/docs` reference page. */
export function openApiRoutes(isEmulated: (endpoint: AnyEndpoint) => boolean): Hono {
  const routes = new Hono();
  // The contract does not change while the process runs; the emulated set does not either.
  let cached: JsonSchema | undefined;
  const document = () => {
    cached ??= openApiDocument(isEmulated);
    return cached;
  };

  routes.get("/openapi.json", (c) => c.json(document()));

  routes.get("/docs", (c) => {
    const byDomain = new Map<string, AnyEndpoint[]>();
    for (const { domain, endpoint } of allEndpoints)
      byDomain.set(domain, [...(byDomain.get(domain) ?? []), endpoint]);
    const emulatedCount = allEndpoints.filter((e) => isEmulated(e.endpoint)).length;
    const sections = [...byDomain].map(
      ([domain, endpoints]) => html`<section aria-labelledby="d-${domain}">
        <h2 id="d-${domain}">${domain}</h2>
        <table>
          <thead><tr><th scope="col">Operation</th><th scope="col">Method and path</th><th scope="col">shop_cipher</th><th scope="col">Scope</th><th scope="col">Emulated</th></tr></thead>
          <tbody>
            ${endpoints.map(
              (e) => html`<tr>
                <td><strong>${e.name}</strong><br><span class="muted">${e.summary}</span></td>
                <td><code>${e.method} ${e.path}</code></td>
                <td>${e.cipher}</td>
                <td><code>${e.scope ?? "—"}</code></td>
                <td>${isEmulated(e) ? "yes" : html`<span class="no">not yet</span>`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>`,
    );
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>API reference · dev shop</title>
          <link rel="icon" href="data:," />
          <style>
            ${raw(`body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#161823;background:#f6f7f9}
            header{padding:1rem 2rem;background:#161823;color:#fff}main{padding:1rem 2rem;max-width:80rem}
            table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e3e4e8;margin-bottom:1.5rem}
            th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid #e3e4e8;vertical-align:top}
            th{background:#fafafb;font-size:.85rem;color:#5c5f6b}code{font-size:.85em}.muted{color:#5c5f6b;font-size:.9em}
            .no{color:#9a6700;font-weight:600}a{color:#0b57d0}`)}
          </style>
        </head>
        <body>
          <header><strong>TikTok Shop Open API</strong> · development shop reference</header>
          <main>
            <h1>API reference</h1>
            <p>${emulatedCount} of ${allEndpoints.length} operations are emulated. Machine-readable: <a href="/openapi.json">openapi.json</a> (OpenAPI 3.1, generated from the shared contract).</p>
            ${sections}
          </main>
        </body>
      </html>`);
  });

  return routes;
}
