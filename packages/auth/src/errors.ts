import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Errors the auth package throws from route handlers and from `shopClient`. They are Hono
 * `HTTPException`s carrying a JSON response (`{ error, message }`), so any Hono app answers them
 * correctly without extra error handling.
 */
export class AuthHttpError extends HTTPException {
  readonly code: string;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(status, {
      message,
      res: new Response(JSON.stringify({ error: code, message, ...extra }), {
        status,
        headers: { "content-type": "application/json; charset=utf-8" },
      }),
    });
    this.code = code;
  }
}

/** Answered for any shop the signed-in seller may not use, exactly as for a shop that does not exist. */
export function shopNotFound(): AuthHttpError {
  return new AuthHttpError(404, "shop_not_found", "No such shop.");
}

export function unauthenticated(installUrl: string): AuthHttpError {
  return new AuthHttpError(401, "unauthenticated", "Sign in to continue.", { installUrl });
}

/**
 * The seller must authorize the app again: the refresh token was refused (revoked or expired
 * authorization), or the grant was closed. `reauthUrl` starts a new install for the same market.
 */
export class ReauthRequiredError extends AuthHttpError {
  constructor(
    readonly grantId: string,
    reauthUrl: string,
  ) {
    super(
      409,
      "reauth_required",
      "The TikTok Shop authorization has ended. Authorize the app again to continue.",
      { reauthUrl },
    );
  }
}
