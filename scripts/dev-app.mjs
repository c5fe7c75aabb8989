#!/usr/bin/env node
// Development runner of one app, started in the app's folder by its `dev` script: the Hono
// server under `tsx watch` (restarts on change) and Vite (hot reload) proxying /api to it.
// Output is prefixed with the part's name; stopping this process stops both.
import { spawn } from "node:child_process";

const parts = [
  {
    name: "api",
    command: "pnpm",
    args: ["exec", "tsx", "watch", "--clear-screen=false", "src/server/main.ts"],
  },
  // The config loader "runner" lets vite.config.ts import workspace packages written in TypeScript.
  {
    name: "web",
    command: "pnpm",
    args: ["exec", "vite", "--clearScreen", "false", "--configLoader", "runner"],
  },
];

const children = parts.map(({ name, command, args }) => {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    process.stdout.write(`[${name}] exited (${signal ?? code})\n`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
