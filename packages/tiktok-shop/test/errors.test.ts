import { describe, expect, it } from "vitest";
import { classify, type ErrorKind, parseRetryAfter } from "../src/errors.ts";

// Verbatim (code, message, HTTP status) triples from the common-errors page and live captures.
const cases: Array<[number, string, number, ErrorKind]> = [
  [
    36009002,
    "Too many requests. You've made too many requests in a short period of time.",
    429,
    "rate_limit",
  ],
  [36009003, "Internal error. Please try again.", 500, "server"],
  [36009007, "Request timeout. The request to the endpoint timed out.", 200, "server"],
  [36009009, "Invalid path. The specified path does not match any available endpoint.", 404, "not_found"],
  [36009010, "Invalid method. The HTTP method used is not supported by this endpoint.", 405, "not_found"],
  [36009014, "Invalid API version. The `version` value is invalid or unsupported.", 400, "not_found"],
  [
    36009023,
    "Invalid request format. The value of the `content-type` header must be `multipart/form-data`.",
    400,
    "validation",
  ],
  [
    36009033,
    "Access denied. Your IP address is not in the IP allow list configured for this app.",
    403,
    "ip_not_allowed",
  ],
  [
    105002,
    "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
    401,
    "expired_token",
  ],
  [
    105005,
    "Access denied. The app is not authorized to access the endpoint because the access scopes granted...",
    401,
    "missing_scope",
  ],
  [
    101000,
    "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.",
    400,
    "cipher",
  ],
  [106001, "Invalid credentials. The `sign` query parameter is invalid.", 401, "signature"],
  [
    106001,
    "Invalid credentials. The 'sign' query parameter is invalid. For more details: https://m.tiktok.shop/s/x",
    401,
    "signature",
  ],
  [
    106013,
    "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
    400,
    "cipher",
  ],
  [36004004, "Invalid auth code.", 200, "invalid_token"],
  [36004001, "rt has expired", 200, "invalid_token"],
  [
    36009004,
    "Missing credentials. The request does not include a required signature in the query.",
    400,
    "signature",
  ],
  [36009004, "Invalid credentials. The `access_token` header is invalid.", 401, "invalid_token"],
  [36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", 401, "invalid_token"],
  [
    36009004,
    "Invalid credentials. Invalid 'app_key' query parameter. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW",
    400,
    "signature",
  ],
  [
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
    400,
    "timestamp",
  ],
  [
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.",
    400,
    "timestamp",
  ],
  [
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.",
    400,
    "timestamp",
  ],
  [
    36009004,
    "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
    400,
    "cipher",
  ],
  [
    36009004,
    "Unexpected identifier. The `category_asset_cipher` query parameter is not required for this request.",
    400,
    "cipher",
  ],
  [36009004, "Invalid identifier. The `shop_id` query parameter is invalid.", 400, "validation"],
  [36009004, "Invalid API version. The `version` value is invalid or unsupported.", 400, "not_found"],
  [36009004, "Skus is a required field and has not been provided.", 400, "validation"],
  [36009004, "invalid param error", 200, "validation"],
  [98001004, "Parameter page_size is invalid. Reason: too big. Expected: 1-100", 200, "validation"],
  [12019150, "The product ID does not exist.", 200, "not_found"],
  [12052034, "This product doesn't belong to this shop", 200, "not_found"],
  [21008111, "The order or package does not belong to the current seller.", 200, "not_found"],
  [12052901, "The product in its current status is not available for this operation.", 200, "business"],
  [12052180, "The total number of search results can not exceed 10000.", 200, "business"],
  [12052109, "number of requests from merchants over limit", 200, "rate_limit"],
  [10007014, "package in freeze status", 200, "business"],
  [99999999, "Something unexpected", 503, "server"],
];

describe("error classification", () => {
  it.each(cases)("%i %s (HTTP %i) is %s", (code, message, status, kind) => {
    expect(classify(code, message, status)).toBe(kind);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");
  it("reads delta seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Tue, 24 Nov 2026 12:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores missing or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
