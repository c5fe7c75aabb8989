import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Logger } from "./logger.ts";

export interface StartServerOptions {
  port: number;
  /** Interface to bind (default 127.0.0.1; containers use 0.0.0.0). */
  host?: string;
  /** Runs once the HTTP server has closed: stop the queue, close the database. */
  onShutdown?: () => Promise<void>;
  /** Runs when shutdown starts, before anything closes (readiness flips to 503). */
  onDrain?: () => void;
  /** How long in-flight requests may take to finish before their connections are cut (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Stop on SIGINT/SIGTERM and then exit the process (default true; tests pass false and call stop()). */
  handleSignals?: boolean;
  logger?: Logger;
  /** Called after a signal-triggered shutdown (default process.exit). */
  exit?: (code: number) => void;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /** Graceful stop: stop accepting, finish in-flight requests (bounded), then onShutdown. Idempotent. */
  stop(): Promise<void>;
  /** True once stop() has started. */
  readonly draining: boolean;
}

interface FetchApp {
  fetch: (request: Request, ...rest: never[]) => Response | Promise<Response>;
}

/**
 * Serves a Hono app with @hono/node-server and shuts it down gracefully on SIGINT/SIGTERM:
 * 1. stop accepting connections; idle keep-alive connections are closed, and responses still in
 *    flight are sent with `Connection: close`;
 * 2. wait for in-flight requests, at most `shutdownTimeoutMs`, then cut what is left;
 * 3. `onShutdown()` (stop the job queue, waiting for running jobs; close the database);
 * 4. exit (only when a signal started it). A second signal exits at once.
 */
export async function startServer(app: FetchApp, options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger;
  const server = createAdaptorServer({ fetch: app.fetch as never, hostname: host }) as Server;

  const active = new Set<ServerResponse>();
  let draining = false;
  server.prependListener("request", (_request, response: ServerResponse) => {
    if (draining) response.shouldKeepAlive = false;
    active.add(response);
    response.once("close", () => active.delete(response));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(options.port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const port = address.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      draining = true;
      removeSignals();
      logger?.info({ inFlight: active.size }, "shutting down: draining requests");
      options.onDrain?.();
      for (const response of active) if (!response.headersSent) response.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() only drops connections idle at that moment; keep closing those that become idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timedOut = false;
      const timeout = setTimeout(() => {
        timedOut = true;
        server.closeAllConnections();
      }, options.shutdownTimeoutMs ?? 10_000);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(timeout);
      }
      if (timedOut) logger?.warn("shutdown: in-flight requests cut after the timeout");
      await options.onShutdown?.();
      logger?.info("shutdown complete");
    })();
    return stopping;
  };

  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    logger?.info({ signal }, "signal received");
    // A second signal while draining: the operator wants out now.
    process.once(signal, () => exit(1));
    stop().then(
      () => exit(0),
      (error: unknown) => {
        logger?.error({ err: error }, "shutdown failed");
        exit(1);
      },
    );
  };
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  function removeSignals() {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  logger?.info({ url }, "listening");
  return {
    server,
    port,
    url,
    stop,
    get draining() {
      return draining;
    },
  };
}
