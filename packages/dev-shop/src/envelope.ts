import { requestId } from "./ids.ts";

/**
 * TikTok's response envelope, byte for byte as live servers send it: keys in alphabetical order
 * at every level (`code, data, message, request_id`), `data: {}` for an empty success, `data: null`
 * on errors, and `Content-Type: application/json; charset=utf-8`.
 */

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Recursively orders object keys alphabetically, as TikTok's serializer does. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

export interface EnvelopeInput {
  code: number;
  message: string;
  data: unknown;
  requestId: string;
}

export function envelopeBody(input: EnvelopeInput): string {
  const data = input.code === 0 ? sortKeysDeep(input.data ?? {}) : null;
  return JSON.stringify({ code: input.code, data, message: input.message, request_id: input.requestId });
}

export function envelopeResponse(
  status: number,
  input: Omit<EnvelopeInput, "requestId">,
  nowMs: number,
  headers: Record<string, string> = {},
): Response {
  const id = requestId(nowMs);
  return new Response(envelopeBody({ ...input, requestId: id }), {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
  });
}

/** The Open API's success envelope ("Success" with a capital S). */
export function success(data: unknown, nowMs: number): Response {
  return envelopeResponse(200, { code: 0, message: "Success", data }, nowMs);
}

export function failure(
  error: { status: number; code: number; message: string },
  nowMs: number,
  headers: Record<string, string> = {},
): Response {
  return envelopeResponse(
    error.status,
    { code: error.code, message: error.message, data: null },
    nowMs,
    headers,
  );
}
