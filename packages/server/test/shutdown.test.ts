import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { startServer } from "../src/start.ts";
import { waitFor } from "./helpers.ts";

function slowApp() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = false;
  const app = new Hono();
  app.get("/slow", async (c) => {
    started = true;
    await released;
    return c.text("finished");
  });
  app.get("/fast", (c) => c.text("ok"));
  return { app, release, started: () => started };
}

describe("graceful shutdown", () => {
  it("stops accepting, finishes the in-flight request, then runs onShutdown", async () => {
    const { app, release, started } = slowApp();
    const events: string[] = [];
    const running = await startServer(app, {
      port: 0,
      handleSignals: false,
      onDrain: () => events.push("drain"),
      onShutdown: async () => {
        events.push("shutdown");
      },
    });
    expect((await fetch(`${running.url}/fast`)).status).toBe(200);
    running.server.on("request", (request, response) => {
      if (request.url === "/slow") response.on("finish", () => events.push("response sent"));
    });

    const inFlight = fetch(`${running.url}/slow`).then(async (r) => {
      return { status: r.status, text: await r.text(), connection: r.headers.get("connection") };
    });
    await waitFor(started);
    const stopped = running.stop();
    expect(running.draining).toBe(true);

    // New connections are refused while the slow request is still running.
    await expect(fetch(`${running.url}/fast`, { headers: { connection: "close" } })).rejects.toThrow();
    expect(events).toEqual(["drain"]);

    release();
    expect(await inFlight).toEqual({ status: 200, text: "finished", connection: "close" });
    await stopped;
    expect(events).toEqual(["drain", "response sent", "shutdown"]);
  });

  it("cuts requests that outlive the timeout, and still shuts down", async () => {
    const { app, started } = slowApp();
    let shutdown = false;
    const running = await startServer(app, {
      port: 0,
      handleSignals: false,
      shutdownTimeoutMs: 200,
      onShutdown: async () => {
        shutdown = true;
      },
    });
    const never = fetch(`${running.url}/slow`).then(
      () => "answered",
      () => "cut",
    );
    await waitFor(started);
    const t0 = Date.now();
    await running.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await never).toBe("cut");
    expect(shutdown).toBe(true);
  });

  it("on SIGTERM, finishes the in-flight request and exits 0 (real process)", async () => {
    const script = fileURLToPath(new URL("./fixtures/signal-server.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(() => out.includes("listening "), 20_000, "child server");
    const url = /listening (\S+)/.exec(out)?.[1] ?? "";
    const response = fetch(`${url}/slow`).then(async (r) => ({ status: r.status, text: await r.text() }));
    await waitFor(() => out.includes("slow-started"), 10_000, "slow request");
    child.kill("SIGTERM");
    expect(await response).toEqual({ status: 200, text: "finished" });
    expect(await exited).toBe(0);
    expect(out).toContain("shutdown-done");
  });
});
