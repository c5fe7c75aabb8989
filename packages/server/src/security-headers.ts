import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export interface SecurityHeadersOptions {
  /**
   * Who may frame the app (CSP `frame-ancestors`). Default `'self'`. Seller Center may embed apps:
   * add its origin, e.g. `["'self'", "https://seller-us.tiktok.com"]`.
   */
  frameAncestors?: string[];
  /** HSTS is sent outside development (browsers ignore it over plain http anyway). */
  nodeEnv: "development" | "test" | "production";
  /** Extra `connect-src` origins (e.g. an error reporter). `'self'` is always allowed. */
  connectSrc?: string[];
  /** Extra `img-src` origins (e.g. TikTok's image CDN for product pictures). */
  imgSrc?: string[];
  /** CSP `upgrade-insecure-requests`: set it when the app is served over https (createAppServer: APP_URL). */
  upgradeInsecureRequests?: boolean;
}

/**
 * Security headers for the API and the built SPA, via hono's secure-headers. The CSP fits a Vite
 * production build: scripts and styles come from the app's own origin as hashed files, no inline
 * script; inline *styles* are allowed because UI libraries set style attributes and inject <style>
 * tags (positioning of popovers, charts). Development does not pass through here for HTML: Vite
 * serves the SPA (and its inline React Refresh preamble) itself.
 */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  const frameAncestors = options.frameAncestors ?? ["'self'"];
  const selfOnlyFraming = frameAncestors.length === 1 && frameAncestors[0] === "'self'";
  const production = options.nodeEnv !== "development";
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:", ...(options.imgSrc ?? [])],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'", ...(options.connectSrc ?? [])],
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors,
      ...(options.upgradeInsecureRequests ? { upgradeInsecureRequests: [] } : {}),
    },
    // X-Frame-Options only knows DENY/SAMEORIGIN; when other ancestors are allowed, CSP alone decides.
    xFrameOptions: selfOnlyFraming ? "SAMEORIGIN" : false,
    strictTransportSecurity: production ? "max-age=31536000; includeSubDomains" : false,
    // URLs can carry an OAuth code or filters: never leak them to other sites.
    referrerPolicy: "no-referrer",
    xContentTypeOptions: "nosniff",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
}
