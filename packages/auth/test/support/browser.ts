/** A minimal browser for tests: a cookie jar over an app's fetch, redirects left to the test. */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines of the last response, for attribute checks. */
  lastSetCookie: string[] = [];

  constructor(
    private readonly app: { fetch(request: Request): Response | Promise<Response> },
    private readonly origin = "http://app.test",
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has("accept")) headers.set("accept", "text/html,application/xhtml+xml");
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const response = await this.app.fetch(
      new Request(new URL(path, this.origin), { ...init, headers, redirect: "manual" }),
    );
    this.lastSetCookie = response.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const maxAge = attributes.find((a) => a.toLowerCase().startsWith("max-age="));
      if (value === "" || (maxAge && Number(maxAge.split("=")[1]) <= 0)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** A JSON request (the SPA's fetches). */
  json(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("accept", "application/json");
    if (init.body !== undefined) headers.set("content-type", "application/json");
    return this.request(path, { ...init, headers });
  }
}
