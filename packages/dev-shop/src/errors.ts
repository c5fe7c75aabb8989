/**
 * Gateway and platform errors with TikTok's codes and messages, verbatim from the public
 * "common errors" page (docs use backticks where live servers print quotes; we follow the docs).
 *
 * HTTP statuses: 400 for a bad app_key, 401 for a bad sign, 404 for an unknown path and 429 for
 * throttling are observed live. Every other status here is our choice where TikTok's is
 * unconfirmed; each is marked "chosen".
 */
export interface PlatformError {
  status: number;
  code: number;
  message: string;
}

const e = (status: number, code: number, message: string): PlatformError => ({ status, code, message });

export const errors = {
  invalidPath: e(404, 36009009, "Invalid path. The specified path does not match any available endpoint."),
  // chosen: 405 matches the meaning
  invalidMethod: e(405, 36009010, "Invalid method. The HTTP method used is not supported by this endpoint."),
  // chosen: 404, the versioned path does not exist
  invalidVersion: e(404, 36009014, "Invalid API version. The `version` value is invalid or unsupported."),
  invalidAppKey: e(400, 36009004, "Invalid credentials. Invalid `app_key` query parameter."),
  // chosen: 401, like the other credential failures
  missingSign: e(
    401,
    36009004,
    "Missing credentials. The request does not include a required signature in the query.",
  ),
  // chosen: 400 for the three timestamp errors, they are parameter errors
  timestampNegative: e(
    400,
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
  ),
  timestampTooOld: e(
    400,
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.",
  ),
  timestampTooNew: e(
    400,
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.",
  ),
  invalidSign: e(401, 106001, "Invalid credentials. The `sign` query parameter is invalid."),
  invalidToken: e(401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid."),
  // 401 is reported by secondary sources only
  expiredToken: e(
    401,
    105002,
    "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
  ),
  // chosen: 400, the request is missing a parameter
  missingCipher: e(
    400,
    106013,
    "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
  ),
  unexpectedCipher: e(
    400,
    36009004,
    "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
  ),
  // chosen: 401, the token is not valid for that shop
  cipherMismatch: e(
    401,
    101000,
    "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.",
  ),
  // 401 observed by a third party
  missingScope: e(
    401,
    105005,
    "Access denied. The app is not authorized to access the endpoint because the access scopes granted for the app or the access token do not contain the required access scope for the endpoint.",
  ),
  rateLimited: e(
    429,
    36009002,
    "Too many requests. You've made too many requests in a short period of time.",
  ),
  internal: e(
    500,
    36009003,
    "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.",
  ),
  // chosen: 400
  notJsonOrMultipart: e(
    400,
    36009022,
    "Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.",
  ),
  notMultipart: e(
    400,
    36009023,
    "Invalid request format. The value of the `content-type` header must be `multipart/form-data`.",
  ),
} as const satisfies Record<string, PlatformError>;

/** Body and query validation failures: HTTP 400 and 36009004, as seen live for product create. */
export function invalidParam(message: string): PlatformError {
  return e(400, 36009004, message);
}

/** Endpoints in the contract that the dev shop does not implement yet: visible, never silent. */
export function notEmulated(method: string, path: string): PlatformError {
  return e(501, 36009003, `Not emulated: ${method} ${path}`);
}

/**
 * Token host errors. Only 36004004 "Invalid auth code." is documented. The others are the dev
 * shop's choices, in the same 3600400x family the token host uses (36004001 "rt has expired" and
 * 36004005 "can not find related auth record" are quoted by SDK maintainers for older versions).
 * The token host answers these with HTTP 200 (chosen; unconfirmed) and a non-zero code.
 */
export const tokenErrors = {
  invalidAuthCode: { code: 36004004, message: "Invalid auth code." },
  // chosen: wrong app_key/app_secret pair
  invalidAppCredentials: { code: 36004003, message: "Invalid app_key or app_secret." },
  // chosen: unknown, rotated-out or revoked refresh token
  unknownRefreshToken: { code: 36004005, message: "can not find related auth record" },
  expiredRefreshToken: { code: 36004001, message: "rt has expired" },
  // chosen: a grant_type other than the documented one
  invalidGrantType: { code: 36004002, message: "Invalid grant_type." },
} as const;
